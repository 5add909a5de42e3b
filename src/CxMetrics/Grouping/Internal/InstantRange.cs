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
}
