using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Benchmarks.Contestants;

/// <summary>
/// The physical reference line: read every byte of the columns a suite needs with the widest vector loads and
/// four independent accumulators, doing nothing else. No metric can be computed faster than its columns can be read.
/// </summary>
internal static class ReadLimit
{
    public static long Headline(InteractionBatch batch) =>
        Read(batch.Csat.Span) ^ Read(batch.Nps.Span) ^ Read(batch.Ces.Span) ^ Read(batch.FirstContactResolved.Span)
        ^ Read(batch.TalkTime.Span) ^ Read(batch.HoldTime.Span) ^ Read(batch.WrapTime.Span)
        ^ Read(batch.FirstResponseTime.Span) ^ Read(batch.SlaTarget.Span);

    public static long All(InteractionBatch batch) => Headline(batch) ^ Read(batch.ResolutionTime.Span);

    /// <summary>Bytes per row that <see cref="Headline"/> reads (4 score/flag bytes + 5 duration longs).</summary>
    public const int HeadlineBytesPerRow = 4 + (5 * sizeof(long));

    public static long Read(ReadOnlySpan<long> values) => Read(MemoryMarshal.AsBytes(values));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Read(ReadOnlySpan<byte> bytes)
    {
        ref var r0 = ref MemoryMarshal.GetReference(bytes);
        nuint n = (nuint)bytes.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)(4 * Vector512<byte>.Count))
        {
            Vector512<byte> a = default, b = default, c = default, d = default;
            for (; i <= n - (nuint)(4 * Vector512<byte>.Count); i += (nuint)(4 * Vector512<byte>.Count))
            {
                a ^= Vector512.LoadUnsafe(ref r0, i);
                b ^= Vector512.LoadUnsafe(ref r0, i + (nuint)Vector512<byte>.Count);
                c ^= Vector512.LoadUnsafe(ref r0, i + (nuint)(2 * Vector512<byte>.Count));
                d ^= Vector512.LoadUnsafe(ref r0, i + (nuint)(3 * Vector512<byte>.Count));
            }

            var x = (a ^ b ^ c ^ d).AsInt64();
            return Vector512.Sum(x) ^ Tail(ref r0, i, n);
        }

        if (Vector256.IsHardwareAccelerated && n >= (nuint)(4 * Vector256<byte>.Count))
        {
            Vector256<byte> a = default, b = default, c = default, d = default;
            for (; i <= n - (nuint)(4 * Vector256<byte>.Count); i += (nuint)(4 * Vector256<byte>.Count))
            {
                a ^= Vector256.LoadUnsafe(ref r0, i);
                b ^= Vector256.LoadUnsafe(ref r0, i + (nuint)Vector256<byte>.Count);
                c ^= Vector256.LoadUnsafe(ref r0, i + (nuint)(2 * Vector256<byte>.Count));
                d ^= Vector256.LoadUnsafe(ref r0, i + (nuint)(3 * Vector256<byte>.Count));
            }

            return Vector256.Sum((a ^ b ^ c ^ d).AsInt64()) ^ Tail(ref r0, i, n);
        }

        return Tail(ref r0, i, n);
    }

    private static long Tail(ref byte r0, nuint i, nuint n)
    {
        long x = 0;
        for (; i < n; i++)
        {
            x ^= Unsafe.Add(ref r0, i);
        }

        return x;
    }
}
