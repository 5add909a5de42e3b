using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal.Kernels;

/// <summary>Counts and sums the present (non-negative) values of a duration column.</summary>
/// <remarks>
/// The vector paths sum in 64-bit lanes and flush them to the exact 128-bit total every <see cref="FlushBlocks"/>
/// vectors: with present values at most <see cref="Durations.MaxTicks"/> (2^53 − 1) a lane then stays below 2^62.
/// A larger value can wrap a lane, but it also makes the returned OR exceed the bound, and the caller rejects the column.
/// </remarks>
internal static partial class DurationSumKernel
{
    /// <summary>Vectors summed into a lane before it is flushed: 512 · (2^53 − 1) &lt; 2^62.</summary>
    private const int FlushBlocks = 512;

    /// <summary>Adds count and exact sum to <paramref name="totals"/>; returns the bitwise OR of the present values (to check <see cref="Durations.MaxTicks"/> once).</summary>
    public static long Accumulate(ReadOnlySpan<long> ticks, ref DurationTotals totals) =>
        Accumulate(ticks, ref totals, KernelDispatch.Default);

    /// <summary>As <see cref="Accumulate(ReadOnlySpan{long}, ref DurationTotals)"/> at a given width.</summary>
    public static long Accumulate(ReadOnlySpan<long> ticks, ref DurationTotals totals, KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => Vector512(ticks, ref totals),
        KernelWidth.Vector256 => Vector256(ticks, ref totals),
        KernelWidth.Vector128 => Vector128(ticks, ref totals),
        _ => Scalar(ticks, ref totals),
    };

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
