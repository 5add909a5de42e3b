using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vec = System.Runtime.Intrinsics.Vector128;
using VecByte = System.Runtime.Intrinsics.Vector128<byte>;
using VecSByte = System.Runtime.Intrinsics.Vector128<sbyte>;
using VecULong = System.Runtime.Intrinsics.Vector128<ulong>;
using VecUShort = System.Runtime.Intrinsics.Vector128<ushort>;

namespace CxMetrics.Internal.Kernels;

internal static partial class ScoreThresholdKernel
{
    public static ScoreThresholdCounts Vector128(ReadOnlySpan<byte> scores, int min, int max, int first, int second, bool sum)
    {
        Check(min, max, first, second);
        ref var s0 = ref MemoryMarshal.GetReference(scores);
        var n = (nuint)scores.Length;
        var totals = new Totals { AllValid = true };
        var i = (Shape(min, max, second), sum) switch
        {
            ((false, false), false) => Vector128Core<C0, C0, C0>(ref s0, n, min, max, first, second, ref totals),
            ((false, false), true) => Vector128Core<C0, C0, C1>(ref s0, n, min, max, first, second, ref totals),
            ((false, true), false) => Vector128Core<C0, C1, C0>(ref s0, n, min, max, first, second, ref totals),
            ((false, true), true) => Vector128Core<C0, C1, C1>(ref s0, n, min, max, first, second, ref totals),
            ((true, false), false) => Vector128Core<C1, C0, C0>(ref s0, n, min, max, first, second, ref totals),
            ((true, false), true) => Vector128Core<C1, C0, C1>(ref s0, n, min, max, first, second, ref totals),
            ((true, true), false) => Vector128Core<C1, C1, C0>(ref s0, n, min, max, first, second, ref totals),
            ((true, true), true) => Vector128Core<C1, C1, C1>(ref s0, n, min, max, first, second, ref totals),
        };
        Tail(ref s0, i, n, min, max, first, second, ref totals);
        return Finish(totals, sum);
    }

    /// <summary>
    /// Counts whole vectors into <paramref name="totals"/>; returns where the remainder starts (the end when a value is invalid).
    /// <typeparamref name="TSecond"/>: count the second threshold; <typeparamref name="TLow"/>: check the lower bound
    /// (min &gt; 0); <typeparamref name="TSum"/>: sum the bytes. The first threshold is always counted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Vector128Core<TSecond, TLow, TSum>(ref byte s0, nuint n, int min, int max, int first, int second, ref Totals totals)
        where TSecond : struct, IConstant
        where TLow : struct, IConstant
        where TSum : struct, IConstant
    {
        var step = (nuint)VecByte.Count;
        nuint i = 0;
        var missing = Vec.Create((sbyte)-1);
        var firstBelow = Vec.Create((sbyte)(first - 1));
        var secondBelow = Vec.Create((sbyte)(second - 1));
        var scaleMax = Vec.Create((sbyte)max);
        var scaleMin = Vec.Create((byte)min);
        var highest = Vec.Create(sbyte.MinValue);
        var lowest = Vec.Create(sbyte.MaxValue);
        var lowestUnsigned = Vec.Create(byte.MaxValue);
        var rawSum = VecULong.Zero;
        while (n - i >= step)
        {
            // Each lane counter gains at most 1 per vector, so 255 vectors cannot wrap it; nor can a 16-bit lane of
            // the fallback byte sum (at most 255 · 255).
            var end = i + (Math.Min((n - i) / step, FlushBlocks) * step);
            VecSByte missingCount = default, firstCount = default, secondCount = default;
            VecUShort sumLower = default, sumUpper = default;
            for (; i < end; i += step)
            {
                var u = Vec.LoadUnsafe(ref s0, i);
                var x = u.AsSByte();
                missingCount -= Vec.Equals(x, missing);
                firstCount -= Vec.GreaterThan(x, firstBelow);
                if (TSecond.Value != 0) { secondCount -= Vec.GreaterThan(x, secondBelow); }
                highest = Vec.Max(highest, x);
                lowest = Vec.Min(lowest, x);
                if (TLow.Value != 0) { lowestUnsigned = Vec.Min(lowestUnsigned, u); }
                if (TSum.Value != 0)
                {
                    if (Sse2.IsSupported)
                    {
                        rawSum += Sse2.SumAbsoluteDifferences(u, VecByte.Zero).AsUInt64();
                    }
                    else
                    {
                        var (lower, upper) = Vec.Widen(u);
                        sumLower += lower;
                        sumUpper += upper;
                    }
                }
            }

            totals.Missing += Vector128Sum(missingCount.AsByte());
            totals.AtLeastFirst += Vector128Sum(firstCount.AsByte());
            if (TSecond.Value != 0) { totals.AtLeastSecond += Vector128Sum(secondCount.AsByte()); }
            if (TSum.Value != 0 && !Sse2.IsSupported) { totals.RawSum += Vector128Sum(sumLower) + Vector128Sum(sumUpper); }

            var invalid = Vec.GreaterThan(highest, scaleMax) | Vec.LessThan(lowest, missing);
            if (TLow.Value != 0) { invalid |= Vec.LessThan(lowestUnsigned, scaleMin).AsSByte(); }
            if (invalid != VecSByte.Zero)
            {
                totals.AllValid = false;
                return n;
            }
        }

        if (TSum.Value != 0 && Sse2.IsSupported)
        {
            totals.RawSum += (long)Vec.Sum(rawSum);
        }

        return i;
    }

    /// <summary>The sum of byte lane counters (each at most 255): widened to 16-bit lanes of at most 510, whose sum fits 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Vector128Sum(VecByte counters)
    {
        var (lower, upper) = Vec.Widen(counters);
        return Vec.Sum(lower + upper);
    }

    /// <summary>The sum of 16-bit lanes (each at most 255 · 255), widened to 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Vector128Sum(VecUShort lanes)
    {
        var (lower, upper) = Vec.Widen(lanes);
        return Vec.Sum(lower + upper);
    }
}
