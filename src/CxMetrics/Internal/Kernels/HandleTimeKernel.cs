using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal.Kernels;

/// <summary>
/// Handle time = talk + hold + wrap over rows with talk time; a missing hold or wrap counts as zero.
/// The hold and wrap columns may be empty (absent).
/// </summary>
internal static class HandleTimeKernel
{
    /// <summary>Adds count and exact sum; returns the OR of every present component (to check <see cref="Durations.MaxTicks"/> once).</summary>
    public static long Accumulate(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals) =>
        Scalar(talk, hold, wrap, ref totals);

    public static long Scalar(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals)
    {
        long count = 0, or = 0;
        Int128 sum = 0;
        for (var i = 0; i < talk.Length; i++)
        {
            var t = talk[i];
            if (t < 0)
            {
                continue;
            }

            var h = hold.IsEmpty ? 0 : Math.Max(hold[i], 0);
            var w = wrap.IsEmpty ? 0 : Math.Max(wrap[i], 0);
            count++;
            sum += t + h + w;
            or |= t | h | w;
        }

        totals.Count += count;
        totals.SumTicks += sum;
        return or;
    }

    /// <summary>Writes the handle time of every handled row into <paramref name="destination"/>; returns how many were written.</summary>
    public static int Gather(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, Span<long> destination)
    {
        var n = 0;
        for (var i = 0; i < talk.Length; i++)
        {
            var t = talk[i];
            if (t >= 0)
            {
                var h = hold.IsEmpty ? 0 : Math.Max(hold[i], 0);
                var w = wrap.IsEmpty ? 0 : Math.Max(wrap[i], 0);
                destination[n++] = t + h + w;
            }
        }

        return n;
    }
}
