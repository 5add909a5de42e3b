using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// Every count and mean of the batch call (the six headline metrics plus CSAT mean, CES easy share, first-response
/// and resolution means; no percentiles): <c>InteractionMetrics.Compute</c> against the baselines.
/// </summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("Every count and mean of the batch call `InteractionMetrics.Compute(batch, options)` without percentiles (the six headline metrics plus CSAT mean, CES easy share, first-response and resolution means).")]
[BenchmarkCategory("AllMetrics")]
public class AllMetricsBenchmarks
{
    private InteractionBatch _batch = null!;
    private NaiveContact[] _contacts = [];
    private MetricSummary _expected = null!;

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Standard;

    [GlobalSetup(Targets = [nameof(CxMetrics), nameof(ReadLimit)])]
    public void SetupCxMetrics()
    {
        _batch = BenchData.Batch(Rows);
        VectorInfo.PrintOnce();
        _expected = MetricSummary.All(CxMetrics());
    }

    [GlobalSetup(Target = nameof(Linq))]
    public void SetupLinq()
    {
        SetupCxMetrics();
        _contacts = NaiveContact.FromBatch(_batch);
        Equivalence.Check("naive LINQ", _expected, Linq());
    }

    [GlobalSetup(Target = nameof(ScalarReference))]
    public void SetupScalar()
    {
        SetupCxMetrics();
        Equivalence.Check("scalar reference", _expected, MetricSummary.All(ScalarReference()));
    }

    /// <summary>LINQ over a list of objects (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public MetricSummary Linq() => NaiveLinq.All(_contacts);

    /// <summary>The batch call with CxMetrics' scalar reference kernels.</summary>
    [Benchmark]
    public InteractionMetrics ScalarReference() => ScalarKernels.All(_batch, BenchData.CountsAndMeans);

    /// <summary><c>InteractionMetrics.Compute(batch, options)</c> without percentiles.</summary>
    [Benchmark]
    public InteractionMetrics CxMetrics() => InteractionMetrics.Compute(_batch, BenchData.CountsAndMeans);

    /// <summary>Reading the same ten columns and nothing else.</summary>
    [Benchmark]
    public long ReadLimit() => Contestants.ReadLimit.All(_batch);
}
