using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal.Kernels;

/// <summary>Counts and sums the present (non-negative) values of a duration column.</summary>
internal static class DurationSumKernel
{
    /// <summary>Adds count and exact sum to <paramref name="totals"/>; returns the bitwise OR of the present values (to check <see cref="Durations.MaxTicks"/> once).</summary>
    public static long Accumulate(ReadOnlySpan<long> ticks, ref DurationTotals totals) => Scalar(ticks, ref totals);

    public static long Scalar(ReadOnlySpan<long> ticks, ref DurationTotals totals)
    {
        ref var r0 = ref MemoryMarshal.GetReference(ticks);
        long count = 0, or = 0;
        Int128 sum = 0;
        for (nuint i = 0; i < (nuint)ticks.Length; i++)
        {
            var v = Unsafe.Add(ref r0, i);
            if (v >= 0)
            {
                count++;
                sum += v;
                or |= v;
            }
        }

        totals.Count += count;
        totals.SumTicks += sum;
        return or;
    }
}
