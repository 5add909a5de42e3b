using CommunityToolkit.HighPerformance.Buffers;
using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>
/// Mean and exact p50/p90 of a duration column: time to first response, time to resolution, or any other wait.
/// </summary>
/// <remarks>
/// measured = rows with the duration; mean = Σticks / measured (exact 128-bit sum, one rounding at the end);
/// p50 and p90 by linear interpolation between closest ranks. Null when nothing was measured.
/// Heads of service steer on these because a breach rate alone hides how late the late contacts are.
/// </remarks>
public static class DurationStatistics
{
    /// <summary>Mean, p50 and p90 of a duration column in ticks.</summary>
    /// <param name="ticks">One duration per row, negative for not measured.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is above <see cref="Durations.MaxTicks"/>.</exception>
    public static DurationResult Compute(ReadOnlySpan<long> ticks) => Compute(ticks, includePercentiles: true);

    /// <summary>Mean (and optionally p50 and p90) of a duration column in ticks.</summary>
    /// <param name="ticks">One duration per row, negative for not measured.</param>
    /// <param name="includePercentiles">Whether to compute p50 and p90 (they need a pooled copy of the values).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is above <see cref="Durations.MaxTicks"/>.</exception>
    public static DurationResult Compute(ReadOnlySpan<long> ticks, bool includePercentiles)
    {
        var totals = default(DurationTotals);
        Accumulate("duration", ticks, ref totals);
        (double? P50, double? P90) percentiles = default;
        if (includePercentiles)
        {
            percentiles = Percentiles(ticks, totals.Count);
        }

        return new DurationResult(totals.Count, totals.MeanSeconds, percentiles.P50, percentiles.P90);
    }

    internal static void Accumulate(string column, ReadOnlySpan<long> ticks, ref DurationTotals totals) =>
        Accumulate(column, ticks, ref totals, KernelDispatch.Default);

    internal static void Accumulate(string column, ReadOnlySpan<long> ticks, ref DurationTotals totals, KernelWidth width)
    {
        var or = DurationSumKernel.Accumulate(ticks, ref totals, width);
        DurationColumn.CheckOr(column, or, ticks);
    }

    internal static (double? P50, double? P90) Percentiles(ReadOnlySpan<long> ticks, long measured) =>
        Percentiles(ticks, measured, KernelDispatch.Default);

    internal static (double? P50, double? P90) Percentiles(ReadOnlySpan<long> ticks, long measured, KernelWidth width)
    {
        if (measured == 0)
        {
            return (null, null);
        }

        using var buffer = SpanOwner<long>.Allocate((int)measured);
        var n = PresentValues.Gather(ticks, buffer.Span, width);
        return ExactPercentiles.P50P90(buffer.Span[..n]);
    }
}
