using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal.Kernels;

/// <summary>
/// Counts how many bytes of a score column hold each value <c>min..max</c>, and how many are
/// <see cref="Missing.Score"/>. Exact at any length and identical at every width.
/// </summary>
internal static class ScoreHistogramKernel
{
    /// <summary>Adds the value counts to <paramref name="counts"/>; returns how many bytes were recognized (in scale or missing).</summary>
    public static long Accumulate(ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts) =>
        Scalar(scores, min, max, ref counts);

    public static long Scalar(ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts)
    {
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
}
