using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector256;
using VecLong = System.Runtime.Intrinsics.Vector256<long>;

namespace CxMetrics.Internal.Kernels;

internal static partial class DurationSumKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Vector256(ReadOnlySpan<long> ticks, ref DurationTotals totals)
    {
        ref var r0 = ref MemoryMarshal.GetReference(ticks);
        var n = (nuint)ticks.Length;
        var step = (nuint)VecLong.Count;
        nuint i = 0;
        long count = 0;
        Int128 sum = 0;
        var or = VecLong.Zero;
        while (n - i >= step)
        {
            var end = i + (Math.Min((n - i) / step, FlushBlocks) * step);
            var blockStart = i;
            VecLong lanes = default, negatives = default, lanes2 = default, negatives2 = default;
            // Two vectors per iteration into separate accumulators: the loop is bound by the add/or chains, not by loads.
            for (; end - i >= 2 * step; i += 2 * step)
            {
                var x = Vec.LoadUnsafe(ref r0, i);
                var x2 = Vec.LoadUnsafe(ref r0, i + step);
                var negative = Vec.LessThan(x, VecLong.Zero);
                var negative2 = Vec.LessThan(x2, VecLong.Zero);
                var present = Vec.AndNot(x, negative);
                var present2 = Vec.AndNot(x2, negative2);
                lanes += present;
                lanes2 += present2;
                or |= present | present2;
                negatives += negative; // -1 per missing value
                negatives2 += negative2;
            }

            if (i < end)
            {
                var x = Vec.LoadUnsafe(ref r0, i);
                var negative = Vec.LessThan(x, VecLong.Zero);
                var present = Vec.AndNot(x, negative);
                lanes += present;
                or |= present;
                negatives += negative;
                i += step;
            }

            negatives += negatives2;

            count += (long)(i - blockStart) + Vec.Sum(negatives);
            for (var lane = 0; lane < VecLong.Count; lane++)
            {
                sum += lanes.GetElement(lane);
                sum += lanes2.GetElement(lane);
            }
        }

        var orAll = 0L;
        for (var lane = 0; lane < VecLong.Count; lane++)
        {
            orAll |= or.GetElement(lane);
        }

        totals.Count += count;
        totals.SumTicks += sum;
        return orAll | Scalar(ticks[(int)i..], ref totals);
    }
}
