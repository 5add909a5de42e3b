using System.Globalization;
using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The six headline metrics grouped by channel x day and by agent x day (UTC days): a LINQ GroupBy over objects
/// (baseline), the accumulator on one thread, and <c>GroupedMetrics.Compute</c> (parallel), with a control for the
/// parallel ratio: two independent accumulators over the two halves, side by side on the two cores. Every group's numbers are
/// checked against the LINQ result before timing. The rows span 30 days, the issue's shape (5 x 30 and 500 x 30
/// groups); "agent x day, 90 days" keeps the generator's default span (500 x 90 groups), the case measured until the
/// ninth session.
/// </summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("The six headline metrics grouped by channel x day and agent x day (UTC) over 30 days of rows, the issue's 5 x 30 and 500 x 30 groups (rows in random order; `agent x day, sorted`: the same rows ordered by opened_at; `agent x day, 90 days`: rows over 90 days, 500 x 90 groups): LINQ GroupBy over objects (baseline), `MetricsAccumulator.Add` + `Result` on one thread, `GroupedMetrics.Compute` (parallel); control, not a contestant: `IndependentHalves`, two accumulators over the two halves of the rows side by side on the two cores, nothing shared or merged (the best a two-core split can do at the time of the run).")]
public class GroupedBenchmarks
{
    private InteractionBatch _batch = null!;
    private InteractionBatch _firstHalf = null!;
    private InteractionBatch _secondHalf = null!;
    private HalfWorker? _worker;
    private NaiveContact[] _contacts = [];
    private GroupingOptions _grouping = null!;
    private MetricOptions _metrics = null!;

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    /// <summary>
    /// The grouping over 30 days of rows; "sorted" = the same rows ordered by opened_at, as exports usually are (the
    /// others are in random order); "90 days" = rows over 90 days (three times the groups).
    /// </summary>
    [Params("channel x day", "agent x day", "agent x day, sorted", "agent x day, 90 days")]
    public string Grouping { get; set; } = "";

    public static IEnumerable<int> Sizes => BenchSizes.Grouped;

    [GlobalSetup]
    public void Setup()
    {
        VectorInfo.PrintOnce();
        var days = Grouping.EndsWith("90 days", StringComparison.Ordinal) ? BenchData.Days : BenchData.Month;
        _batch = Grouping.EndsWith("sorted", StringComparison.Ordinal) ? BenchData.TimeOrdered(Rows, days) : BenchData.Batch(Rows, days);
        _grouping = new GroupingOptions { Keys = [Grouping.StartsWith("agent", StringComparison.Ordinal) ? GroupKey.Agent : GroupKey.Channel], Period = PeriodUnit.Day };
        _metrics = BenchData.CountsAndMeans;
        _contacts = NaiveContact.FromBatch(_batch);
        _firstHalf = _batch.Slice(0, Rows / 2);
        _secondHalf = _batch.Slice(Rows / 2, Rows - (Rows / 2));
        _worker?.Dispose();
        _worker = new HalfWorker(this);
        var expected = Linq();
        Check("accumulator (single-threaded)", expected, Summaries(SingleThreaded()));
        Check("GroupedMetrics.Compute (parallel)", expected, Summaries(Parallel()));

        // The control's two halves are the whole batch: merged, they give every group's numbers.
        using var first = new MetricsAccumulator(_metrics, _grouping);
        using var second = new MetricsAccumulator(_metrics, _grouping);
        first.Add(_firstHalf);
        second.Add(_secondHalf);
        first.Merge(second);
        Check("two halves (merged)", expected, Summaries(first.Result()));
        var halves = IndependentHalves();
        if (halves < expected.Count || halves > 2 * expected.Count)
        {
            throw new InvalidOperationException($"two independent halves: {halves} groups in all, LINQ GroupBy {expected.Count}; refusing to time it.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _worker?.Dispose();

    /// <summary>LINQ GroupBy on (key, UTC day), then the naive metrics per group (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public List<(string Key, MetricSummary Metrics)> Linq()
    {
        var byAgent = Grouping.StartsWith("agent", StringComparison.Ordinal);
        return _contacts
            .GroupBy(c => GroupLabel(byAgent ? c.Agent : c.Channel, c.OpenedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Select(g => (g.Key, NaiveLinq.Headline(g.ToList())))
            .ToList();
    }

    /// <summary>One accumulator, one thread: <c>Add(batch)</c> then <c>Result()</c>.</summary>
    [Benchmark]
    public GroupedMetrics SingleThreaded()
    {
        using var accumulator = new MetricsAccumulator(_metrics, _grouping);
        accumulator.Add(_batch);
        return accumulator.Result();
    }

    /// <summary>The one-shot call, which splits large batches across cores and merges.</summary>
    [Benchmark]
    public GroupedMetrics Parallel() => GroupedMetrics.Compute(_batch, _metrics, _grouping);

    /// <summary>
    /// Control for the parallel ratio, not a contestant: two accumulators over the two halves of the rows, one per core
    /// side by side (a dedicated thread takes the second half), with nothing shared and nothing merged. That is the best
    /// any split of this work across two cores can do on the machine at the time of the run; `Parallel` is read against
    /// it. Returns the groups of both halves (each half has most of the groups: their records are per-group work that a
    /// split does not halve).
    /// </summary>
    [Benchmark]
    public int IndependentHalves()
    {
        var worker = _worker!;
        worker.Start();
        int groups;
        using (var accumulator = new MetricsAccumulator(_metrics, _grouping))
        {
            accumulator.Add(_firstHalf);
            groups = accumulator.Result().Groups.Count;
        }

        return groups + worker.Wait();
    }

    private static string GroupLabel(string? key, string? period) => $"{key ?? "<null>"}|{period ?? "<null>"}";

    private static Dictionary<string, MetricSummary> Summaries(GroupedMetrics result)
    {
        var map = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var g in result.Groups)
        {
            var m = g.Metrics;
            map[GroupLabel(g.Keys[0], g.Period)] = MetricSummary.Headline(m.Csat, m.Nps, m.Ces, m.Fcr, m.HandleTime, m.SlaBreach);
        }

        return map;
    }

    private static void Check(string contestant, List<(string Key, MetricSummary Metrics)> expected, Dictionary<string, MetricSummary> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new InvalidOperationException($"{contestant}: {actual.Count} groups, LINQ GroupBy {expected.Count}; refusing to time it.");
        }

        foreach (var (key, metrics) in expected)
        {
            if (!actual.TryGetValue(key, out var found))
            {
                throw new InvalidOperationException($"{contestant}: group {key} missing; refusing to time it.");
            }

            Equivalence.Check($"naive LINQ GroupBy vs {contestant}, group {key}", found, metrics);
        }
    }

    /// <summary>The second core's half of <see cref="IndependentHalves"/>: a thread that waits (spinning briefly, then blocking) for each call.</summary>
    private sealed class HalfWorker : IDisposable
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private readonly GroupedBenchmarks _owner;
        private volatile bool _stopped;
        private int _groups;

        public HalfWorker(GroupedBenchmarks owner)
        {
            _owner = owner;
            new Thread(Loop) { IsBackground = true, Name = "IndependentHalves second half" }.Start();
        }

        public void Start() => _start.Release();

        public int Wait()
        {
            _done.Wait();
            return _groups;
        }

        public void Dispose()
        {
            // The thread exits at its next wake-up; the semaphores are left to the GC (it may still be waiting on one).
            _stopped = true;
            _start.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                if (_stopped)
                {
                    return;
                }

                using (var accumulator = new MetricsAccumulator(_owner._metrics, _owner._grouping))
                {
                    accumulator.Add(_owner._secondHalf);
                    _groups = accumulator.Result().Groups.Count;
                }

                _done.Release();
            }
        }
    }
}
