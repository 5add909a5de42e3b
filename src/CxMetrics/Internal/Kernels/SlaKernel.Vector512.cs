using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector512;
using VecInt = System.Runtime.Intrinsics.Vector512<int>;
using VecLong = System.Runtime.Intrinsics.Vector512<long>;

namespace CxMetrics.Internal.Kernels;

internal static partial class SlaKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref SlaCounts counts)
    {
        if (target.IsEmpty)
        {
            return;
        }

        CheckLength(nameof(target), target.Length, firstResponse.Length);
        ref var r0 = ref MemoryMarshal.GetReference(firstResponse);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        var n = (nuint)firstResponse.Length;
        var step = (nuint)VecLong.Count;
        nuint i = 0;
        VecLong unmeasured = default, breached = default, unmeasured2 = default, breached2 = default;
        // Two vectors per iteration into separate accumulators, so the two add chains run side by side.
        for (; n - i >= 2 * step; i += 2 * step)
        {
            var r = Vec.LoadUnsafe(ref r0, i);
            var t = Vec.LoadUnsafe(ref t0, i);
            var r2 = Vec.LoadUnsafe(ref r0, i + step);
            var t2 = Vec.LoadUnsafe(ref t0, i + step);
            var missing = Vec.LessThan(r | t, VecLong.Zero); // either negative
            var missing2 = Vec.LessThan(r2 | t2, VecLong.Zero);
            unmeasured += missing;                            // -1 per unmeasured row
            unmeasured2 += missing2;
            breached -= Vec.AndNot(Vec.GreaterThan(r, t), missing);
            breached2 -= Vec.AndNot(Vec.GreaterThan(r2, t2), missing2);
        }

        if (n - i >= step)
        {
            var r = Vec.LoadUnsafe(ref r0, i);
            var t = Vec.LoadUnsafe(ref t0, i);
            var missing = Vec.LessThan(r | t, VecLong.Zero);
            unmeasured += missing;
            breached -= Vec.AndNot(Vec.GreaterThan(r, t), missing);
            i += step;
        }

        unmeasured += unmeasured2;
        breached += breached2;

        counts.Measured += (long)i + Vec.Sum(unmeasured);
        counts.Breached += Vec.Sum(breached);
        Scalar(firstResponse[(int)i..], target[(int)i..], ref counts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WithPolicyVector512(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, ref SlaCounts counts)
    {
        CheckLengths(firstResponse, target, priority);
        if (priority.IsEmpty)
        {
            Vector512(firstResponse, target, ref counts);
            return;
        }

        if (targetByCode.Length <= VecInt.Count)
        {
            WithPolicyLookup512(firstResponse, target, priority, targetByCode, ref counts);
            return;
        }

        if (targetByCode.Length > MaxVectorPolicyCodes)
        {
            WithPolicyScalar(firstResponse, target, priority, targetByCode, ref counts);
            return;
        }

        ref var r0 = ref MemoryMarshal.GetReference(firstResponse);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        ref var p0 = ref MemoryMarshal.GetReference(priority);
        var hasTarget = !target.IsEmpty;
        var codes = targetByCode.Length;

        // Broadcast each policy code and its target once, outside the loop.
        Span<VecLong> policy = stackalloc VecLong[2 * MaxVectorPolicyCodes];
        for (var c = 0; c < codes; c++)
        {
            policy[2 * c] = Vec.Create((long)c);
            policy[(2 * c) + 1] = Vec.Create(targetByCode[c]);
        }

        ref var policy0 = ref MemoryMarshal.GetReference(policy);
        var n = (nuint)firstResponse.Length;
        var step = (nuint)VecInt.Count; // one vector of codes covers two vectors of durations
        var half = (nuint)VecLong.Count;
        var noTarget = Vec.Create(-1L);
        nuint i = 0;
        VecLong unmeasured = default, breached = default;
        for (; n - i >= step; i += step)
        {
            var (lowCodes, highCodes) = Vec.Widen(Vec.LoadUnsafe(ref p0, i));
            var r1 = Vec.LoadUnsafe(ref r0, i);
            var r2 = Vec.LoadUnsafe(ref r0, i + half);
            var t1 = hasTarget ? Vec.LoadUnsafe(ref t0, i) : noTarget;
            var t2 = hasTarget ? Vec.LoadUnsafe(ref t0, i + half) : noTarget;
            var needs1 = Vec.LessThan(t1, VecLong.Zero);
            var needs2 = Vec.LessThan(t2, VecLong.Zero);
            for (var c = 0; c < codes; c++)
            {
                var code = Unsafe.Add(ref policy0, 2 * c);
                var codeTarget = Unsafe.Add(ref policy0, (2 * c) + 1);
                t1 = Vec.ConditionalSelect(needs1 & Vec.Equals(lowCodes, code), codeTarget, t1);
                t2 = Vec.ConditionalSelect(needs2 & Vec.Equals(highCodes, code), codeTarget, t2);
            }

            var missing1 = Vec.LessThan(r1 | t1, VecLong.Zero);
            var missing2 = Vec.LessThan(r2 | t2, VecLong.Zero);
            unmeasured += missing1 + missing2;
            breached -= Vec.AndNot(Vec.GreaterThan(r1, t1), missing1) + Vec.AndNot(Vec.GreaterThan(r2, t2), missing2);
        }

        counts.Measured += (long)i + Vec.Sum(unmeasured);
        counts.Breached += Vec.Sum(breached);
        WithPolicyScalar(firstResponse[(int)i..], hasTarget ? target[(int)i..] : target, priority[(int)i..], targetByCode, ref counts);
    }

    /// <summary>
    /// A policy of at most one vector of codes: each row's policy target is looked up with two 32-bit lane shuffles
    /// (low and high halves of the target) instead of one compare-and-select per code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WithPolicyLookup512(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, ref SlaCounts counts)
    {
        Span<int> low = stackalloc int[VecInt.Count];
        Span<int> high = stackalloc int[VecInt.Count];
        low.Clear();
        high.Clear();
        for (var c = 0; c < targetByCode.Length; c++)
        {
            low[c] = (int)targetByCode[c];
            high[c] = (int)(targetByCode[c] >> 32);
        }

        var lowTable = Vec.Create((ReadOnlySpan<int>)low);
        var highTable = Vec.Create((ReadOnlySpan<int>)high);
        var codeCount = Vec.Create((uint)targetByCode.Length);
        ref var r0 = ref MemoryMarshal.GetReference(firstResponse);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        ref var p0 = ref MemoryMarshal.GetReference(priority);
        var hasTarget = !target.IsEmpty;
        var n = (nuint)firstResponse.Length;
        var step = (nuint)VecInt.Count; // one vector of codes covers two vectors of durations
        var half = (nuint)VecLong.Count;
        var noTarget = Vec.Create(-1L);
        nuint i = 0;
        VecLong unmeasured = default, breached = default;
        for (; n - i >= step; i += step)
        {
            var codes = Vec.LoadUnsafe(ref p0, i);
            // Unknown (negative) and out-of-table codes have no policy target.
            var known = Vec.LessThan(codes.AsUInt32(), codeCount).AsInt32();
            var (known1, known2) = Vec.Widen(known);
            var (low1, low2) = Vec.Widen(Vec.Shuffle(lowTable, codes).AsUInt32());
            var (high1, high2) = Vec.Widen(Vec.Shuffle(highTable, codes));
            var policy1 = Vec.ShiftLeft(high1, 32) | low1.AsInt64();
            var policy2 = Vec.ShiftLeft(high2, 32) | low2.AsInt64();

            var r1 = Vec.LoadUnsafe(ref r0, i);
            var r2 = Vec.LoadUnsafe(ref r0, i + half);
            var t1 = hasTarget ? Vec.LoadUnsafe(ref t0, i) : noTarget;
            var t2 = hasTarget ? Vec.LoadUnsafe(ref t0, i + half) : noTarget;
            t1 = Vec.ConditionalSelect(Vec.AndNot(known1, Vec.GreaterThanOrEqual(t1, VecLong.Zero)), policy1, t1);
            t2 = Vec.ConditionalSelect(Vec.AndNot(known2, Vec.GreaterThanOrEqual(t2, VecLong.Zero)), policy2, t2);

            var missing1 = Vec.LessThan(r1 | t1, VecLong.Zero);
            var missing2 = Vec.LessThan(r2 | t2, VecLong.Zero);
            unmeasured += missing1 + missing2;
            breached -= Vec.AndNot(Vec.GreaterThan(r1, t1), missing1) + Vec.AndNot(Vec.GreaterThan(r2, t2), missing2);
        }

        counts.Measured += (long)i + Vec.Sum(unmeasured);
        counts.Breached += Vec.Sum(breached);
        WithPolicyScalar(firstResponse[(int)i..], hasTarget ? target[(int)i..] : target, priority[(int)i..], targetByCode, ref counts);
    }
}
