using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The six headline metrics (CSAT, NPS, CES, FCR, AHT mean, SLA breach) over one batch, every contestant side by
/// side. Each contestant's setup computes its answer once and checks it against CxMetrics before anything is timed.
/// </summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("The six headline metrics (CSAT, NPS, CES, FCR, AHT mean, SLA breach) over one batch; every contestant checked equal to CxMetrics before timing. CxMetrics = the public span-level calls, one per metric.")]
[BenchmarkCategory("Headline")]
public class HeadlineBenchmarks
{
    private InteractionBatch _batch = null!;
    private NaiveContact[] _contacts = [];
    private DataFrameContestant? _dataFrame;
    private DuckDbContestant? _duckDb;
    private MetricSummary _expected = null!;

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Standard;

    [GlobalSetup(Targets = [nameof(CxMetrics), nameof(ReadLimit)])]
    public void SetupCxMetrics()
    {
        _batch = BenchData.Batch(Rows);
        VectorInfo.PrintOnce();
        var r = CxMetrics();
        _expected = MetricSummary.Headline(r.Csat, r.Nps, r.Ces, r.Fcr, r.HandleTime, r.Sla);
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
        Equivalence.Check("scalar reference", _expected, ScalarReference());
    }

    [GlobalSetup(Target = nameof(DataFrame))]
    public void SetupDataFrame()
    {
        SetupCxMetrics();
        _dataFrame = new DataFrameContestant(_batch);
        Equivalence.Check("DataFrame", _expected, DataFrame());
    }

    [GlobalSetup(Target = nameof(DuckDB))]
    public void SetupDuckDb()
    {
        SetupCxMetrics();
        _duckDb = new DuckDbContestant(_batch);
        Equivalence.Check("DuckDB", _expected, DuckDB());
    }

    [GlobalCleanup]
    public void Cleanup() => _duckDb?.Dispose();

    /// <summary>LINQ over a list of objects, one query per number (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public MetricSummary Linq() => NaiveLinq.Headline(_contacts);

    /// <summary>CxMetrics' scalar reference kernels: a careful column loop.</summary>
    [Benchmark]
    public MetricSummary ScalarReference() => ScalarKernels.Headline(_batch, BenchData.CountsAndMeans);

    /// <summary>Microsoft.Data.Analysis column operations.</summary>
    [Benchmark]
    public MetricSummary DataFrame() => _dataFrame!.Headline();

    /// <summary>One SQL query on an in-memory DuckDB table loaded in setup.</summary>
    [Benchmark]
    public MetricSummary DuckDB() => _duckDb!.Headline();

    /// <summary>CxMetrics' public span-level calls, one per metric.</summary>
    [Benchmark]
    public HeadlineResults CxMetrics() => new(
        CustomerSatisfaction.Compute(_batch.Csat.Span),
        NetPromoterScore.Compute(_batch.Nps.Span),
        CustomerEffortScore.Compute(_batch.Ces.Span),
        FirstContactResolution.Compute(_batch.FirstContactResolved.Span),
        HandleTime.Compute(_batch.TalkTime.Span, _batch.HoldTime.Span, _batch.WrapTime.Span, includePercentiles: false),
        SlaBreachRate.Compute(_batch.FirstResponseTime.Span, _batch.SlaTarget.Span));

    /// <summary>Reading the same nine columns and nothing else: the physical limit.</summary>
    [Benchmark]
    public long ReadLimit() => Contestants.ReadLimit.Headline(_batch);
}
