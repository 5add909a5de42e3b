using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Infrastructure;
using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// Each kernel on its own: the scalar reference (baseline of its category), the dispatched kernel CxMetrics uses
/// (widest accelerated width), and the time to read the kernel's columns. Results are checked equal in setup.
/// </summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("Each kernel on its own: scalar reference (baseline of its category), the dispatched kernel CxMetrics uses, and reading the kernel's columns.")]
public class KernelBenchmarks
{
    private InteractionBatch _batch = null!;
    private long[] _scratch = [];

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Kernel;

    [GlobalSetup]
    public void Setup()
    {
        _batch = BenchData.Batch(Rows);
        _scratch = new long[Rows];
        VectorInfo.PrintOnce();
        Same("score histogram", ScoreHistogram_Scalar(), ScoreHistogram());
        Same("handle time", HandleTime_Scalar(), HandleTime());
        Same("duration sum", DurationSum_Scalar(), DurationSum());
        Same("SLA", Sla_Scalar(), Sla());
        Same("percentiles", Percentiles_Sort(), Percentiles_Select());
    }

    [BenchmarkCategory("Kernel.ScoreHistogram"), Benchmark(Baseline = true)]
    public long ScoreHistogram_Scalar()
    {
        var counts = default(ScoreCounts);
        ScoreHistogramKernel.Scalar(_batch.Nps.Span, 0, 10, ref counts);
        return Fold(counts);
    }

    [BenchmarkCategory("Kernel.ScoreHistogram"), Benchmark]
    public long ScoreHistogram()
    {
        var counts = default(ScoreCounts);
        ScoreHistogramKernel.Accumulate(_batch.Nps.Span, 0, 10, ref counts);
        return Fold(counts);
    }

    [BenchmarkCategory("Kernel.ScoreHistogram"), Benchmark]
    public long ScoreHistogram_ReadLimit() => ReadLimit.Read(_batch.Nps.Span);

    [BenchmarkCategory("Kernel.HandleTime"), Benchmark(Baseline = true)]
    public long HandleTime_Scalar()
    {
        var totals = default(DurationTotals);
        HandleTimeKernel.Scalar(_batch.TalkTime.Span, _batch.HoldTime.Span, _batch.WrapTime.Span, ref totals);
        return totals.Count ^ (long)totals.SumTicks;
    }

    [BenchmarkCategory("Kernel.HandleTime"), Benchmark]
    public long HandleTime()
    {
        var totals = default(DurationTotals);
        HandleTimeKernel.Accumulate(_batch.TalkTime.Span, _batch.HoldTime.Span, _batch.WrapTime.Span, ref totals);
        return totals.Count ^ (long)totals.SumTicks;
    }

    [BenchmarkCategory("Kernel.HandleTime"), Benchmark]
    public long HandleTime_ReadLimit() =>
        ReadLimit.Read(_batch.TalkTime.Span) ^ ReadLimit.Read(_batch.HoldTime.Span) ^ ReadLimit.Read(_batch.WrapTime.Span);

    [BenchmarkCategory("Kernel.DurationSum"), Benchmark(Baseline = true)]
    public long DurationSum_Scalar()
    {
        var totals = default(DurationTotals);
        DurationSumKernel.Scalar(_batch.ResolutionTime.Span, ref totals);
        return totals.Count ^ (long)totals.SumTicks;
    }

    [BenchmarkCategory("Kernel.DurationSum"), Benchmark]
    public long DurationSum()
    {
        var totals = default(DurationTotals);
        DurationSumKernel.Accumulate(_batch.ResolutionTime.Span, ref totals);
        return totals.Count ^ (long)totals.SumTicks;
    }

    [BenchmarkCategory("Kernel.DurationSum"), Benchmark]
    public long DurationSum_ReadLimit() => ReadLimit.Read(_batch.ResolutionTime.Span);

    [BenchmarkCategory("Kernel.Sla"), Benchmark(Baseline = true)]
    public long Sla_Scalar()
    {
        var counts = default(SlaCounts);
        SlaKernel.Scalar(_batch.FirstResponseTime.Span, _batch.SlaTarget.Span, ref counts);
        return (counts.Measured << 32) ^ counts.Breached;
    }

    [BenchmarkCategory("Kernel.Sla"), Benchmark]
    public long Sla()
    {
        var counts = default(SlaCounts);
        SlaKernel.Accumulate(_batch.FirstResponseTime.Span, _batch.SlaTarget.Span, ref counts);
        return (counts.Measured << 32) ^ counts.Breached;
    }

    [BenchmarkCategory("Kernel.Sla"), Benchmark]
    public long Sla_ReadLimit() => ReadLimit.Read(_batch.FirstResponseTime.Span) ^ ReadLimit.Read(_batch.SlaTarget.Span);

    /// <summary>Copy the present resolution times, sort, pick p50 and p90 (baseline of the selection kernel).</summary>
    [BenchmarkCategory("Kernel.Percentiles"), Benchmark(Baseline = true)]
    public long Percentiles_Sort()
    {
        var values = _scratch.AsSpan(0, PresentValues.Gather(_batch.ResolutionTime.Span, _scratch));
        values.Sort();
        var (p50, p90) = ExactPercentiles.P50P90(values);
        return BitConverter.DoubleToInt64Bits(p50 ?? 0) ^ BitConverter.DoubleToInt64Bits(p90 ?? 0);
    }

    /// <summary>Copy the present resolution times, select p50 and p90 (introselect, no full sort).</summary>
    [BenchmarkCategory("Kernel.Percentiles"), Benchmark]
    public long Percentiles_Select()
    {
        var values = _scratch.AsSpan(0, PresentValues.Gather(_batch.ResolutionTime.Span, _scratch));
        var (p50, p90) = ExactPercentiles.P50P90(values);
        return BitConverter.DoubleToInt64Bits(p50 ?? 0) ^ BitConverter.DoubleToInt64Bits(p90 ?? 0);
    }

    private static long Fold(in ScoreCounts counts)
    {
        long h = 17;
        for (var v = 0; v < ScoreCounts.Length; v++)
        {
            h = (h * 31) + counts[v];
        }

        return h;
    }

    private static void Same(string kernel, long scalar, long dispatched)
    {
        if (scalar != dispatched)
        {
            throw new InvalidOperationException($"The dispatched {kernel} kernel disagrees with its scalar reference ({scalar} vs {dispatched}); refusing to time it.");
        }
    }
}
