using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector256;
using VecByte = System.Runtime.Intrinsics.Vector256<byte>;

namespace CxMetrics.Internal.Kernels;

internal static partial class ScoreHistogramKernel
{
    public static long Vector256(ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts)
    {
        CheckScale(min, max);
        ref var s0 = ref MemoryMarshal.GetReference(scores);
        var n = (nuint)scores.Length;
        var local = default(ScoreCounts);
        long missing = 0;
        var i = (max - min + 1) switch
        {
            1 => Vector256Core<C1>(ref s0, n, min, ref local, ref missing),
            2 => Vector256Core<C2>(ref s0, n, min, ref local, ref missing),
            3 => Vector256Core<C3>(ref s0, n, min, ref local, ref missing),
            4 => Vector256Core<C4>(ref s0, n, min, ref local, ref missing),
            5 => Vector256Core<C5>(ref s0, n, min, ref local, ref missing),
            6 => Vector256Core<C6>(ref s0, n, min, ref local, ref missing),
            7 => Vector256Core<C7>(ref s0, n, min, ref local, ref missing),
            8 => Vector256Core<C8>(ref s0, n, min, ref local, ref missing),
            9 => Vector256Core<C9>(ref s0, n, min, ref local, ref missing),
            10 => Vector256Core<C10>(ref s0, n, min, ref local, ref missing),
            _ => Vector256Core<C11>(ref s0, n, min, ref local, ref missing),
        };
        Tail(ref s0, i, n, min, max, ref local, ref missing);
        return Finish(local, missing, min, max, ref counts);
    }

    /// <summary>Counts whole vectors; <typeparamref name="TValues"/> is the number of scale values. Returns where the remainder starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Vector256Core<TValues>(ref byte s0, nuint n, int min, ref ScoreCounts local, ref long missing)
        where TValues : struct, IConstant
    {
        var step = (nuint)VecByte.Count;
        nuint i = 0;
        // Broadcast once; the JIT keeps them in registers where it can.
        var b0 = Vec.Create((byte)min);
        var b1 = Vec.Create((byte)(min + 1));
        var b2 = Vec.Create((byte)(min + 2));
        var b3 = Vec.Create((byte)(min + 3));
        var b4 = Vec.Create((byte)(min + 4));
        var b5 = Vec.Create((byte)(min + 5));
        var b6 = Vec.Create((byte)(min + 6));
        var b7 = Vec.Create((byte)(min + 7));
        var b8 = Vec.Create((byte)(min + 8));
        var b9 = Vec.Create((byte)(min + 9));
        var b10 = Vec.Create((byte)(min + 10));
        var bm = Vec.Create(Missing.Score);
        while (n - i >= step)
        {
            // Each lane gains at most 1 per vector, so 255 vectors cannot wrap a byte counter.
            var end = i + (Math.Min((n - i) / step, FlushBlocks) * step);
            VecByte a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default,
                a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, am = default;
            for (; i < end; i += step)
            {
                var x = Vec.LoadUnsafe(ref s0, i);
                am -= Vec.Equals(x, bm);
                a0 -= Vec.Equals(x, b0);
                if (TValues.Value > 1) { a1 -= Vec.Equals(x, b1); }
                if (TValues.Value > 2) { a2 -= Vec.Equals(x, b2); }
                if (TValues.Value > 3) { a3 -= Vec.Equals(x, b3); }
                if (TValues.Value > 4) { a4 -= Vec.Equals(x, b4); }
                if (TValues.Value > 5) { a5 -= Vec.Equals(x, b5); }
                if (TValues.Value > 6) { a6 -= Vec.Equals(x, b6); }
                if (TValues.Value > 7) { a7 -= Vec.Equals(x, b7); }
                if (TValues.Value > 8) { a8 -= Vec.Equals(x, b8); }
                if (TValues.Value > 9) { a9 -= Vec.Equals(x, b9); }
                if (TValues.Value > 10) { a10 -= Vec.Equals(x, b10); }
            }

            missing += Vector256Sum(am);
            local[min] += Vector256Sum(a0);
            if (TValues.Value > 1) { local[min + 1] += Vector256Sum(a1); }
            if (TValues.Value > 2) { local[min + 2] += Vector256Sum(a2); }
            if (TValues.Value > 3) { local[min + 3] += Vector256Sum(a3); }
            if (TValues.Value > 4) { local[min + 4] += Vector256Sum(a4); }
            if (TValues.Value > 5) { local[min + 5] += Vector256Sum(a5); }
            if (TValues.Value > 6) { local[min + 6] += Vector256Sum(a6); }
            if (TValues.Value > 7) { local[min + 7] += Vector256Sum(a7); }
            if (TValues.Value > 8) { local[min + 8] += Vector256Sum(a8); }
            if (TValues.Value > 9) { local[min + 9] += Vector256Sum(a9); }
            if (TValues.Value > 10) { local[min + 10] += Vector256Sum(a10); }
        }

        return i;
    }

    /// <summary>The sum of the byte lanes (each at most 255): widened to 16-bit lanes of at most 510, whose sum fits 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Vector256Sum(VecByte counters)
    {
        var (lower, upper) = Vec.Widen(counters);
        return Vec.Sum(lower + upper);
    }
}
