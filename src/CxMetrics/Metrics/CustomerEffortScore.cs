using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>
/// CES, customer effort score: the mean answer to "the company made it easy to handle my issue" and the share of easy answers.
/// </summary>
/// <remarks>
/// responses = rows with an answer; mean = Σscore / responses; easy_pct = 100 · count(score ≥ easy threshold) / responses.
/// Defaults: CES 2.0, 1..7 with easy at 5 and above (Gartner/CEB, "The Effortless Experience", 2013). Null with no responses.
/// </remarks>
public static class CustomerEffortScore
{
    /// <summary>CES of a score column with the default options (1..7, easy ≥ 5).</summary>
    /// <param name="scores">One answer per row, <see cref="Missing.Score"/> for none.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside the scale and is not missing.</exception>
    public static CesResult Compute(ReadOnlySpan<byte> scores) => Compute(scores, CesOptions.Default);

    /// <summary>CES of a score column.</summary>
    /// <param name="scores">One answer per row, <see cref="Missing.Score"/> for none.</param>
    /// <param name="options">Scale and easy threshold.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside the scale and is not missing.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static CesResult Compute(ReadOnlySpan<byte> scores, CesOptions options) => Compute(scores, options, KernelDispatch.Default);

    /// <summary>The span-level call at a given width: threshold counts (responses, easy, sum), not the histogram.</summary>
    internal static CesResult Compute(ReadOnlySpan<byte> scores, in CesOptions options, KernelWidth width)
    {
        options.Validate();
        var counts = ScoreColumn.Count("ces", scores, options.ScaleMin, options.ScaleMax, options.EasyThreshold, ScoreThresholdKernel.None, sum: true, width);
        return Finish(counts.Responses(scores.Length), counts.AtLeastFirst, counts.Sum);
    }

    internal static void Accumulate(ReadOnlySpan<byte> scores, in CesOptions options, ref ScoreCounts counts) =>
        ScoreColumn.Accumulate("ces", scores, options.ScaleMin, options.ScaleMax, ref counts);

    internal static void Accumulate(ReadOnlySpan<byte> scores, in CesOptions options, ref ScoreCounts counts, KernelWidth width) =>
        ScoreColumn.Accumulate("ces", scores, options.ScaleMin, options.ScaleMax, ref counts, width);

    internal static CesResult Finish(in ScoreCounts counts, in CesOptions options)
    {
        var responses = counts.Total(options.ScaleMin, options.ScaleMax);
        var easy = counts.Total(options.EasyThreshold, options.ScaleMax);
        return Finish(responses, easy, counts.WeightedTotal(options.ScaleMin, options.ScaleMax));
    }

    private static CesResult Finish(long responses, long easy, long sum)
    {
        if (responses == 0)
        {
            return new CesResult(0, 0, null, null);
        }

        return new CesResult(responses, easy, (double)sum / responses, 100.0 * easy / responses);
    }
}
