using CxMetrics.Internal.Kernels;

namespace CxMetrics.Internal;

/// <summary>Accumulates a score column into counts and rejects values outside the scale, naming the first one.</summary>
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
