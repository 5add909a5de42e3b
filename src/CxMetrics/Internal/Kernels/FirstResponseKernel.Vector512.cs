using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector512;
using VecLong = System.Runtime.Intrinsics.Vector512<long>;

namespace CxMetrics.Internal.Kernels;

internal static partial class FirstResponseKernel
{
    /// <summary>Lengths are checked by the caller (<see cref="Accumulate"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Vector512(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref DurationTotals totals, ref SlaCounts sla)
    {
        ref var r0 = ref MemoryMarshal.GetReference(firstResponse);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        var n = (nuint)firstResponse.Length;
        var step = (nuint)VecLong.Count;
        nuint i = 0;
        long count = 0;
        Int128 sum = 0;
        var or = VecLong.Zero;
        VecLong unmeasured = default, breached = default;
        while (n - i >= step)
        {
            var end = i + (Math.Min((n - i) / step, FlushBlocks) * step);
            var blockStart = i;
            VecLong lanes = default, negatives = default, lanes2 = default, negatives2 = default;
            // Two vectors per iteration into separate accumulators: the loop is bound by the add chains, not by loads.
            for (; end - i >= 2 * step; i += 2 * step)
            {
                var r = Vec.LoadUnsafe(ref r0, i);
                var r2 = Vec.LoadUnsafe(ref r0, i + step);
                var t = Vec.LoadUnsafe(ref t0, i);
                var t2 = Vec.LoadUnsafe(ref t0, i + step);
                var negative = Vec.LessThan(r, VecLong.Zero);
                var negative2 = Vec.LessThan(r2, VecLong.Zero);
                var present = Vec.AndNot(r, negative);
                var present2 = Vec.AndNot(r2, negative2);
                lanes += present;
                lanes2 += present2;
                or |= present | present2;
                negatives += negative; // -1 per missing first response
                negatives2 += negative2;
                var missing = Vec.LessThan(r | t, VecLong.Zero); // first response or target missing
                var missing2 = Vec.LessThan(r2 | t2, VecLong.Zero);
                unmeasured += missing + missing2; // -1 per unmeasured row
                breached -= Vec.AndNot(Vec.GreaterThan(r, t), missing) + Vec.AndNot(Vec.GreaterThan(r2, t2), missing2);
            }

            if (i < end)
            {
                var r = Vec.LoadUnsafe(ref r0, i);
                var t = Vec.LoadUnsafe(ref t0, i);
                var negative = Vec.LessThan(r, VecLong.Zero);
                var present = Vec.AndNot(r, negative);
                lanes += present;
                or |= present;
                negatives += negative;
                var missing = Vec.LessThan(r | t, VecLong.Zero);
                unmeasured += missing;
                breached -= Vec.AndNot(Vec.GreaterThan(r, t), missing);
                i += step;
            }

            count += (long)(i - blockStart) + Vec.Sum(negatives + negatives2);
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
        sla.Measured += (long)i + Vec.Sum(unmeasured);
        sla.Breached += Vec.Sum(breached);
        return orAll | Scalar(firstResponse[(int)i..], target[(int)i..], ref totals, ref sla);
    }
}
