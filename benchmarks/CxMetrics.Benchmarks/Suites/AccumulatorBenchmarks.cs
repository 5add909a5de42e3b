using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The mergeable accumulator's state operations on agent x day (about 500 x 90 groups): merging two halves,
/// serializing the state, reading it back. Round trip and merge are checked against the one-shot result in setup.
/// </summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("The accumulator's state operations, agent x day groups: `Merge` of two halves' accumulators, `Serialize`, `Deserialize` (exact percentiles kept, so the state holds the duration values).")]
public class AccumulatorBenchmarks
{
    private readonly GroupingOptions _grouping = new() { Keys = [GroupKey.Agent], Period = PeriodUnit.Day };
    private MetricsAccumulator _first = null!, _second = null!;
    private byte[] _bytes = [];

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Grouped;

    [GlobalSetup]
    public void Setup()
    {
        VectorInfo.PrintOnce();
        var batch = BenchData.Batch(Rows);
        var half = Rows / 2;
        _first = Accumulate(batch.Slice(0, half));
        _second = Accumulate(batch.Slice(half, Rows - half));
        _bytes = _first.Serialize();
        using var wholeAccumulator = Accumulate(batch);
        var whole = wholeAccumulator.Result();
        using var mergedAccumulator = MergeHalves();
        var merged = mergedAccumulator.Result();
        Contestants.Equivalence.Check("merged halves", Contestants.MetricSummary.All(whole.Overall), Contestants.MetricSummary.All(merged.Overall));
        if (merged.Groups.Count != whole.Groups.Count)
        {
            throw new InvalidOperationException("Merged halves give other groups than the whole batch; refusing to time it.");
        }

        using var read = MetricsAccumulator.Deserialize(_bytes, MetricOptions.Default);
        var roundTrip = read.Result();
        Contestants.Equivalence.Check("deserialized state", Contestants.MetricSummary.All(_first.Result().Overall), Contestants.MetricSummary.All(roundTrip.Overall));
    }

    /// <summary>A fresh accumulator for the first half merged with the second half's.</summary>
    [Benchmark]
    public void Merge()
    {
        using var target = MergeHalves();
    }

    /// <summary>The first half's state to bytes.</summary>
    [Benchmark]
    public byte[] Serialize() => _first.Serialize();

    /// <summary>Bytes back to an accumulator.</summary>
    [Benchmark]
    public void Deserialize()
    {
        using var accumulator = MetricsAccumulator.Deserialize(_bytes, MetricOptions.Default);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _first.Dispose();
        _second.Dispose();
    }

    private MetricsAccumulator MergeHalves()
    {
        var target = new MetricsAccumulator(MetricOptions.Default, _grouping);
        target.Merge(_first);
        target.Merge(_second);
        return target;
    }

    private MetricsAccumulator Accumulate(InteractionBatch batch)
    {
        var accumulator = new MetricsAccumulator(MetricOptions.Default, _grouping);
        accumulator.Add(batch);
        return accumulator;
    }
}
