using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal.Kernels;

/// <summary>
/// Counts how many bytes of a score column hold each value <c>min..max</c>, and how many are
/// <see cref="Missing.Score"/>. Exact at any length and identical at every width.
/// </summary>
/// <remarks>
/// The vector paths read each vector once and compare it with every value of the scale and the missing marker,
/// subtracting the all-ones compare mask from one byte counter per value; the byte counters are flushed to
/// 64-bit totals every 255 vectors, before any lane could wrap. Scales have at most 11 values (0..10).
/// </remarks>
internal static partial class ScoreHistogramKernel
{
    /// <summary>The most vectors a byte lane counter may take before it must be flushed.</summary>
    private const int FlushBlocks = byte.MaxValue;

    /// <summary>Adds the value counts to <paramref name="counts"/>; returns how many bytes were recognized (in scale or missing).</summary>
    public static long Accumulate(ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts) =>
        Accumulate(scores, min, max, ref counts, KernelDispatch.Default);

    /// <summary>As <see cref="Accumulate(ReadOnlySpan{byte}, int, int, ref ScoreCounts)"/> at a given width.</summary>
    public static long Accumulate(ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts, KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => Vector512(scores, min, max, ref counts),
        KernelWidth.Vector256 => Vector256(scores, min, max, ref counts),
        KernelWidth.Vector128 => Vector128(scores, min, max, ref counts),
        _ => Scalar(scores, min, max, ref counts),
    };

    public static long Scalar(ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts)
    {
        CheckScale(min, max);

        // A local table keeps the loop free of bounds checks and branches on the value.
        Span<long> table = stackalloc long[256];
        table.Clear();
        ref var t0 = ref MemoryMarshal.GetReference(table);
        ref var s0 = ref MemoryMarshal.GetReference(scores);
        for (nuint i = 0; i < (nuint)scores.Length; i++)
        {
            Unsafe.Add(ref t0, Unsafe.Add(ref s0, i))++;
        }

        long recognized = table[Missing.Score];
        for (var v = min; v <= max; v++)
        {
            counts[v] += table[v];
            recognized += table[v];
        }

        return recognized;
    }

    private static void CheckScale(int min, int max)
    {
        if (min < 0 || max > ScoreScale.Max || min > max)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"A score scale must lie within 0..{ScoreScale.Max}; got {min}..{max}."));
        }
    }

    /// <summary>The scalar remainder of a vector path: counts bytes from <paramref name="start"/> into the local totals.</summary>
    private static void Tail(ref byte s0, nuint start, nuint length, int min, int max, ref ScoreCounts local, ref long missing)
    {
        var range = (uint)(max - min);
        for (var i = start; i < length; i++)
        {
            int v = Unsafe.Add(ref s0, i);
            if (v == Missing.Score)
            {
                missing++;
            }
            else if ((uint)(v - min) <= range)
            {
                local[v]++;
            }
        }
    }

    /// <summary>Adds the local totals of a vector path to <paramref name="counts"/>; returns the recognized count.</summary>
    private static long Finish(in ScoreCounts local, long missing, int min, int max, ref ScoreCounts counts)
    {
        var recognized = missing;
        for (var v = min; v <= max; v++)
        {
            counts[v] += local[v];
            recognized += local[v];
        }

        return recognized;
    }
}
