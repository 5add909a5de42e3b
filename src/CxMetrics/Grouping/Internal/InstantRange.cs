using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Internal;

/// <summary>The smallest and largest known (non-negative) instant of a column, vectorized.</summary>
internal static class InstantRange
{
    /// <summary>
    /// (smallest known, largest known) instant; (<see cref="long.MaxValue"/>, <see cref="Missing.Instant"/>) when none is
    /// known. Negative values are unknown.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long Min, long Max) Of(ReadOnlySpan<long> instants, bool vectorize = true)
    {
        long lo = long.MaxValue, hi = Missing.Instant;
        var i = 0;
        if (vectorize && Vector256.IsHardwareAccelerated && instants.Length >= 2 * Vector256<long>.Count)
        {
            ref var t0 = ref MemoryMarshal.GetReference(instants);
            var none = Vector256.Create(long.MaxValue);
            Vector256<long> min = none, min2 = none, max = Vector256.Create(Missing.Instant), max2 = max;
            var step = Vector256<long>.Count;
            // Two vectors per iteration into separate accumulators (the compare-and-select chains run side by side).
            // An unknown (negative) instant cannot raise the maximum of known ones; it is kept out of the minimum.
            for (; i + (2 * step) <= instants.Length; i += 2 * step)
            {
                var a = Vector256.LoadUnsafe(ref t0, (nuint)i);
                var b = Vector256.LoadUnsafe(ref t0, (nuint)(i + step));
                max = Vector256.Max(max, a);
                max2 = Vector256.Max(max2, b);
                min = Vector256.Min(min, Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256<long>.Zero), none, a));
                min2 = Vector256.Min(min2, Vector256.ConditionalSelect(Vector256.LessThan(b, Vector256<long>.Zero), none, b));
            }

            min = Vector256.Min(min, min2);
            max = Vector256.Max(max, max2);
            for (var lane = 0; lane < step; lane++)
            {
                lo = Math.Min(lo, min.GetElement(lane));
                hi = Math.Max(hi, max.GetElement(lane));
            }

            hi = hi < 0 ? Missing.Instant : hi;
        }

        for (; i < instants.Length; i++)
        {
            var t = instants[i];
            if (t >= 0)
            {
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }
        }

        return (lo, hi);
    }

    /// <summary>
    /// A likely range of the known instants from <paramref name="samples"/> evenly spaced rows (the first and the last
    /// among them), widened to whole UTC days and by one more day on each side (within DateTime's range); false when no
    /// sampled instant is known, or one is above <see cref="DateTime.MaxValue"/> (the exact scan names it). Exact for rows
    /// sorted by time, as exports usually are; rows spread over days in any order put some of 1,024 samples on the first
    /// and last days unless those hold very few rows, and the extra day on each side covers an edge day that does. It is a
    /// guess: whoever uses it checks every row against it (<see cref="DenseCells.OutsideRange"/>) and, when one falls
    /// outside, starts again from <see cref="Of"/>. It saves that pass over opened_at in the common case.
    /// </summary>
    public static bool Guess(ReadOnlySpan<long> instants, int samples, out long min, out long max)
    {
        min = long.MaxValue;
        max = Missing.Instant;
        var n = instants.Length;
        if (samples < 2 || n == 0)
        {
            return false;
        }

        long lo = long.MaxValue, hi = -1;
        for (var k = 0; k < samples; k++)
        {
            var t = instants[(int)((long)k * (n - 1) / (samples - 1))];
            if (t >= 0)
            {
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }
        }

        if (hi < 0 || hi > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        var firstDay = Math.Max((lo / PeriodCalendar.TicksPerDay) - 1, 0);
        var lastDay = Math.Min((hi / PeriodCalendar.TicksPerDay) + 1, PeriodCalendar.MaxDay);
        min = firstDay * PeriodCalendar.TicksPerDay;
        max = (lastDay * PeriodCalendar.TicksPerDay) + PeriodCalendar.TicksPerDay - 1;
        return true;
    }
}
