using CommunityToolkit.HighPerformance.Buffers;
using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>
/// AHT, average handle time, with exact p50 and p90: handle = talk + hold + wrap over handled contacts.
/// </summary>
/// <remarks>
/// handled = rows with talk time; a missing hold or wrap counts as 0. mean = Σhandle / handled (exact 128-bit sum of ticks,
/// one rounding at the end); p50 and p90 by linear interpolation between closest ranks (numpy's default, Excel PERCENTILE.INC).
/// Null when nothing was handled. Source: COPC / ICMI definition of AHT (talk + hold + after-call work).
/// </remarks>
public static class HandleTime
{
    /// <summary>Handle time of talk, hold and wrap columns in ticks, with percentiles.</summary>
    /// <param name="talk">Talk time per row; a row with talk time is handled.</param>
    /// <param name="hold">Hold time per row, or empty (absent: zero).</param>
    /// <param name="wrap">Wrap-up time per row, or empty (absent: zero).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A present column's length differs from <paramref name="talk"/>'s.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is above <see cref="Durations.MaxTicks"/>.</exception>
    public static DurationResult Compute(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap) =>
        Compute(talk, hold, wrap, includePercentiles: true);

    /// <summary>Handle time of talk, hold and wrap columns in ticks.</summary>
    /// <param name="talk">Talk time per row; a row with talk time is handled.</param>
    /// <param name="hold">Hold time per row, or empty (absent: zero).</param>
    /// <param name="wrap">Wrap-up time per row, or empty (absent: zero).</param>
    /// <param name="includePercentiles">Whether to compute p50 and p90 (they need a pooled copy of the values).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A present column's length differs from <paramref name="talk"/>'s.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is above <see cref="Durations.MaxTicks"/>.</exception>
    public static DurationResult Compute(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, bool includePercentiles)
    {
        CheckLengths(talk, hold, wrap);
        var totals = default(DurationTotals);
        Accumulate(talk, hold, wrap, ref totals);
        (double? P50, double? P90) percentiles = default;
        if (includePercentiles)
        {
            percentiles = Percentiles(talk, hold, wrap, totals.Count);
        }

        return new DurationResult(totals.Count, totals.MeanSeconds, percentiles.P50, percentiles.P90);
    }

    internal static void CheckLengths(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap)
    {
        if (!hold.IsEmpty && hold.Length != talk.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(hold), hold.Length, talk.Length);
        }

        if (!wrap.IsEmpty && wrap.Length != talk.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(wrap), wrap.Length, talk.Length);
        }
    }

    internal static void Accumulate(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals) =>
        Accumulate(talk, hold, wrap, ref totals, KernelDispatch.Default);

    internal static void Accumulate(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals, KernelWidth width)
    {
        var or = HandleTimeKernel.Accumulate(talk, hold, wrap, ref totals, width);
        if (or > Durations.MaxTicks)
        {
            DurationColumn.CheckOr("talk", or, talk);
            DurationColumn.CheckOr("hold", or, hold);
            DurationColumn.CheckOr("wrap", or, wrap);
        }
    }

    internal static (double? P50, double? P90) Percentiles(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, long handled) =>
        Percentiles(talk, hold, wrap, handled, KernelDispatch.Default);

    internal static (double? P50, double? P90) Percentiles(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, long handled, KernelWidth width)
    {
        if (handled == 0)
        {
            return (null, null);
        }

        using var buffer = SpanOwner<long>.Allocate((int)handled);
        var n = HandleTimeKernel.Gather(talk, hold, wrap, buffer.Span, width);
        return ExactPercentiles.P50P90(buffer.Span[..n]);
    }
}
