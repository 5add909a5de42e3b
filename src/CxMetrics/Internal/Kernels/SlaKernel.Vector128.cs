using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector128;
using VecInt = System.Runtime.Intrinsics.Vector128<int>;
using VecLong = System.Runtime.Intrinsics.Vector128<long>;

namespace CxMetrics.Internal.Kernels;

internal static partial class SlaKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector128(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref SlaCounts counts)
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
        VecLong unmeasured = default, breached = default;
        for (; n - i >= step; i += step)
        {
            var r = Vec.LoadUnsafe(ref r0, i);
            var t = Vec.LoadUnsafe(ref t0, i);
            var missing = Vec.LessThan(r | t, VecLong.Zero); // either negative
            unmeasured += missing;                            // -1 per unmeasured row
            breached -= Vec.AndNot(Vec.GreaterThan(r, t), missing);
        }

        counts.Measured += (long)i + Vec.Sum(unmeasured);
        counts.Breached += Vec.Sum(breached);
        Scalar(firstResponse[(int)i..], target[(int)i..], ref counts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WithPolicyVector128(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, ref SlaCounts counts)
    {
        CheckLengths(firstResponse, target, priority);
        if (priority.IsEmpty)
        {
            Vector128(firstResponse, target, ref counts);
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
        ref var c0 = ref MemoryMarshal.GetReference(targetByCode);
        var hasTarget = !target.IsEmpty;
        var codes = targetByCode.Length;
        var n = (nuint)firstResponse.Length;
        var step = (nuint)VecInt.Count; // one vector of codes covers two vectors of durations
        var half = (nuint)VecLong.Count;
        nuint i = 0;
        VecLong unmeasured = default, breached = default;
        for (; n - i >= step; i += step)
        {
            var (lowCodes, highCodes) = Vec.Widen(Vec.LoadUnsafe(ref p0, i));
            var r = Vec.LoadUnsafe(ref r0, i);
            var t = hasTarget ? Vec.LoadUnsafe(ref t0, i) : Vec.Create(-1L);
            t = PolicyTarget128(t, lowCodes, ref c0, codes);
            var missing = Vec.LessThan(r | t, VecLong.Zero);
            unmeasured += missing;
            breached -= Vec.AndNot(Vec.GreaterThan(r, t), missing);

            r = Vec.LoadUnsafe(ref r0, i + half);
            t = hasTarget ? Vec.LoadUnsafe(ref t0, i + half) : Vec.Create(-1L);
            t = PolicyTarget128(t, highCodes, ref c0, codes);
            missing = Vec.LessThan(r | t, VecLong.Zero);
            unmeasured += missing;
            breached -= Vec.AndNot(Vec.GreaterThan(r, t), missing);
        }

        counts.Measured += (long)i + Vec.Sum(unmeasured);
        counts.Breached += Vec.Sum(breached);
        WithPolicyScalar(firstResponse[(int)i..], hasTarget ? target[(int)i..] : target, priority[(int)i..], targetByCode, ref counts);
    }

    /// <summary>Lanes without their own target (negative) take the policy target of their priority code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecLong PolicyTarget128(VecLong own, VecLong code, ref long c0, int codes)
    {
        var needs = Vec.LessThan(own, VecLong.Zero);
        var result = own;
        for (var c = 0; c < codes; c++)
        {
            var match = needs & Vec.Equals(code, Vec.Create((long)c));
            result = Vec.ConditionalSelect(match, Vec.Create(Unsafe.Add(ref c0, c)), result);
        }

        return result;
    }
}
