using CxMetrics.Internal.Kernels;

namespace CxMetrics.Internal;

/// <summary>Accumulates a score column into counts (or, for the span-level calls, threshold counts) and rejects values outside the scale, naming the first one.</summary>
internal static class ScoreColumn
{
    public static void Accumulate(string column, ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts) =>
        Accumulate(column, scores, min, max, ref counts, KernelDispatch.Default);

    public static void Accumulate(string column, ReadOnlySpan<byte> scores, int min, int max, ref ScoreCounts counts, KernelWidth width)
    {
        var recognized = ScoreHistogramKernel.Accumulate(scores, min, max, ref counts, width);
        if (recognized != scores.Length)
        {
            ThrowFirstInvalid(column, scores, min, max);
        }
    }

    /// <summary>
    /// The span-level path: counts missing answers, answers at or above <paramref name="first"/> and <paramref name="second"/>
    /// (pass <see cref="ScoreThresholdKernel.None"/> for no second threshold) and, with <paramref name="sum"/>, their sum;
    /// rejects values outside the scale exactly as <see cref="Accumulate(string, ReadOnlySpan{byte}, int, int, ref ScoreCounts, KernelWidth)"/>.
    /// </summary>
    public static ScoreThresholdCounts Count(string column, ReadOnlySpan<byte> scores, int min, int max, int first, int second, bool sum, KernelWidth width)
    {
        var counts = ScoreThresholdKernel.Count(scores, min, max, first, second, sum, width);
        if (!counts.AllValid)
        {
            ThrowFirstInvalid(column, scores, min, max);
        }

        return counts;
    }

    private static void ThrowFirstInvalid(string column, ReadOnlySpan<byte> scores, int min, int max)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            var v = scores[i];
            if (v != Missing.Score && (v < min || v > max))
            {
                ThrowHelper.ThrowScoreOutOfScale(column, i, v, min, max);
            }
        }
    }
}
