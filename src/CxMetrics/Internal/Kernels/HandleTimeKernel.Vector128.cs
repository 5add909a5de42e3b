using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vec = System.Runtime.Intrinsics.Vector128;
using VecLong = System.Runtime.Intrinsics.Vector128<long>;

namespace CxMetrics.Internal.Kernels;

internal static partial class HandleTimeKernel
{
    public static long Vector128(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals)
    {
        CheckLengths(talk, hold, wrap);
        var n = (nuint)talk.Length;
        ref var t0 = ref MemoryMarshal.GetReference(talk);
        ref var h0 = ref MemoryMarshal.GetReference(hold);
        ref var w0 = ref MemoryMarshal.GetReference(wrap);
        long count = 0;
        Int128 sum = 0;
        nuint i;
        var or = (hold.IsEmpty, wrap.IsEmpty) switch
        {
            (false, false) => Vector128Core<C1, C1>(ref t0, ref h0, ref w0, n, ref count, ref sum, out i),
            (false, true) => Vector128Core<C1, C0>(ref t0, ref h0, ref w0, n, ref count, ref sum, out i),
            (true, false) => Vector128Core<C0, C1>(ref t0, ref h0, ref w0, n, ref count, ref sum, out i),
            (true, true) => Vector128Core<C0, C0>(ref t0, ref h0, ref w0, n, ref count, ref sum, out i),
        };
        totals.Count += count;
        totals.SumTicks += sum;
        return or | Scalar(From(talk, i), From(hold, i), From(wrap, i), ref totals);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Vector128Core<THold, TWrap>(ref long t0, ref long h0, ref long w0, nuint n, ref long count, ref Int128 sum, out nuint next)
        where THold : struct, IConstant
        where TWrap : struct, IConstant
    {
        var step = (nuint)VecLong.Count;
        var or = VecLong.Zero;
        nuint i = 0; // a local, not the out parameter: the JIT keeps it in a register instead of storing it every iteration
        while (n - i >= step)
        {
            var end = i + (Math.Min((n - i) / step, FlushBlocks) * step);
            var blockStart = i;
            VecLong lanes = default, negatives = default, lanes2 = default, negatives2 = default;
            // Two vectors per iteration into separate accumulators: the loop is bound by the add/or chains, not by loads.
            for (; end - i >= 2 * step; i += 2 * step)
            {
                var handle = Vector128Handle<THold, TWrap>(ref t0, ref h0, ref w0, i, out var missing, out var present);
                var handle2 = Vector128Handle<THold, TWrap>(ref t0, ref h0, ref w0, i + step, out var missing2, out var present2);
                lanes += handle;
                lanes2 += handle2;
                or |= present | present2;
                negatives += missing; // -1 per unhandled row
                negatives2 += missing2;
            }

            if (i < end)
            {
                lanes += Vector128Handle<THold, TWrap>(ref t0, ref h0, ref w0, i, out var missing, out var present);
                or |= present;
                negatives += missing;
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

        next = i;
        return orAll;
    }

    /// <summary>
    /// One vector of rows: the handle time of handled rows (0 elsewhere), the rows without talk time (all ones) and the
    /// OR of the handled rows' components (to check <see cref="Durations.MaxTicks"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecLong Vector128Handle<THold, TWrap>(ref long t0, ref long h0, ref long w0, nuint i, out VecLong missing, out VecLong present)
        where THold : struct, IConstant
        where TWrap : struct, IConstant
    {
        var t = Vec.LoadUnsafe(ref t0, i);
        missing = Vec.LessThan(t, VecLong.Zero);
        var handle = t;
        var components = t;
        if (THold.Value != 0)
        {
            var h = Vec.LoadUnsafe(ref h0, i);
            h = Vector128ZeroWhereNegative(h, h); // a missing hold counts 0
            handle += h;
            components |= h;
        }

        if (TWrap.Value != 0)
        {
            var wr = Vec.LoadUnsafe(ref w0, i);
            wr = Vector128ZeroWhereNegative(wr, wr);
            handle += wr;
            components |= wr;
        }

        present = Vector128ZeroWhereNegative(components, t);
        return Vector128ZeroWhereNegative(handle, t);
    }

    /// <summary>
    /// <paramref name="value"/> where <paramref name="sign"/> is not negative, else 0: one blend on the sign bit
    /// (<c>blendvpd</c>) where SSE4.1 is there, else a compare and a mask (two operations).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecLong Vector128ZeroWhereNegative(VecLong value, VecLong sign) =>
        Sse41.IsSupported
            ? Sse41.BlendVariable(value.AsDouble(), Vector128<double>.Zero, sign.AsDouble()).AsInt64()
            : Vec.AndNot(value, Vec.LessThan(sign, VecLong.Zero));

    public static int GatherVector128(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, Span<long> destination)
    {
        CheckLengths(talk, hold, wrap);
        var n = (nuint)talk.Length;
        ref var t0 = ref MemoryMarshal.GetReference(talk);
        ref var h0 = ref MemoryMarshal.GetReference(hold);
        ref var w0 = ref MemoryMarshal.GetReference(wrap);
        nuint i;
        var written = (hold.IsEmpty, wrap.IsEmpty) switch
        {
            (false, false) => GatherVector128Core<C1, C1>(ref t0, ref h0, ref w0, n, destination, out i),
            (false, true) => GatherVector128Core<C1, C0>(ref t0, ref h0, ref w0, n, destination, out i),
            (true, false) => GatherVector128Core<C0, C1>(ref t0, ref h0, ref w0, n, destination, out i),
            (true, true) => GatherVector128Core<C0, C0>(ref t0, ref h0, ref w0, n, destination, out i),
        };
        return written + GatherScalar(From(talk, i), From(hold, i), From(wrap, i), destination[written..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int GatherVector128Core<THold, TWrap>(ref long t0, ref long h0, ref long w0, nuint n, Span<long> destination, out nuint next)
        where THold : struct, IConstant
        where TWrap : struct, IConstant
    {
        var step = (nuint)VecLong.Count;
        ref var d0 = ref MemoryMarshal.GetReference(destination);
        var written = 0;
        nuint i = 0; // a local, not the out parameter: the JIT keeps it in a register instead of storing it every iteration
        for (; n - i >= step; i += step)
        {
            var t = Vec.LoadUnsafe(ref t0, i);
            var handle = t;
            if (THold.Value != 0)
            {
                var h = Vec.LoadUnsafe(ref h0, i);
                handle += Vector128ZeroWhereNegative(h, h);
            }

            if (TWrap.Value != 0)
            {
                var w = Vec.LoadUnsafe(ref w0, i);
                handle += Vector128ZeroWhereNegative(w, w);
            }

            var missingBits = Vec.ExtractMostSignificantBits(t);
            if (missingBits == 0 && destination.Length - written >= VecLong.Count)
            {
                handle.StoreUnsafe(ref d0, (nuint)written);
                written += VecLong.Count;
            }
            else
            {
                // Some rows are unhandled: copy the handled lanes one by one (bounds-checked).
                for (var lane = 0; lane < VecLong.Count; lane++)
                {
                    if ((missingBits & (1UL << lane)) == 0)
                    {
                        destination[written++] = handle.GetElement(lane);
                    }
                }
            }
        }

        next = i;
        return written;
    }
}
