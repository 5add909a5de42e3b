using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// 10,000,000 rows (about 500 MB of columns, far beyond cache): CxMetrics against the time to read its columns.
/// Behind the <c>Large</c> category so quick runs skip it (<c>--filter '*Headline*'</c> or <c>*AllMetrics*</c>).
/// The object-based contestants are left out here: 10,000,000 objects need gigabytes on a shared machine.
/// </summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("10,000,000 rows (category `Large`): CxMetrics against the time to read the same columns; baseline = the scalar reference kernels.")]
[BenchmarkCategory("Large")]
public class LargeBenchmarks
{
    private InteractionBatch _batch = null!;

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Large;

    [GlobalSetup]
    public void Setup()
    {
        _batch = BenchData.Batch(Rows);
        VectorInfo.PrintOnce();
        var r = HeadlineCxMetrics();
        var expected = MetricSummary.Headline(r.Csat, r.Nps, r.Ces, r.Fcr, r.HandleTime, r.Sla);
        Equivalence.Check("scalar reference", expected, HeadlineScalarReference());
        Equivalence.Check("scalar reference (all)", MetricSummary.All(AllCxMetrics()), MetricSummary.All(ScalarKernels.All(_batch, BenchData.CountsAndMeans)));
    }

    /// <summary>The six headline metrics with the scalar reference kernels (the baseline here).</summary>
    [Benchmark(Baseline = true)]
    public MetricSummary HeadlineScalarReference() => ScalarKernels.Headline(_batch, BenchData.CountsAndMeans);

    /// <summary>The six headline metrics with CxMetrics' span-level calls.</summary>
    [Benchmark]
    public HeadlineResults HeadlineCxMetrics() => new(
        CustomerSatisfaction.Compute(_batch.Csat.Span),
        NetPromoterScore.Compute(_batch.Nps.Span),
        CustomerEffortScore.Compute(_batch.Ces.Span),
        FirstContactResolution.Compute(_batch.FirstContactResolved.Span),
        HandleTime.Compute(_batch.TalkTime.Span, _batch.HoldTime.Span, _batch.WrapTime.Span, includePercentiles: false),
        SlaBreachRate.Compute(_batch.FirstResponseTime.Span, _batch.SlaTarget.Span));

    /// <summary>Reading the headline metrics' nine columns.</summary>
    [Benchmark]
    public long HeadlineReadLimit() => ReadLimit.Headline(_batch);

    /// <summary>Every count and mean: <c>InteractionMetrics.Compute</c> without percentiles.</summary>
    [Benchmark]
    public InteractionMetrics AllCxMetrics() => InteractionMetrics.Compute(_batch, BenchData.CountsAndMeans);

    /// <summary>Reading the ten columns of every count and mean.</summary>
    [Benchmark]
    public long AllReadLimit() => ReadLimit.All(_batch);
}
