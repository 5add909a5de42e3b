using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>
/// CSAT, customer satisfaction: the share of survey answers at or above the satisfied threshold
/// (top-2-box on the default 1..5 scale), and the mean answer.
/// </summary>
/// <remarks>
/// responses = rows with an answer; pct = 100 · count(score ≥ threshold) / responses; mean = Σscore / responses;
/// ci95 = the 95% Wilson interval of pct. All are null with no responses.
/// Source: ACSI / common contact-centre practice (top-2-box), see docs/metrics.md.
/// </remarks>
public static class CustomerSatisfaction
{
    /// <summary>CSAT of a score column with the default options (1..5, satisfied ≥ 4).</summary>
    /// <param name="scores">One answer per row, <see cref="Missing.Score"/> for none.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside the scale and is not missing.</exception>
    public static CsatResult Compute(ReadOnlySpan<byte> scores) => Compute(scores, CsatOptions.Default);

    /// <summary>CSAT of a score column.</summary>
    /// <param name="scores">One answer per row, <see cref="Missing.Score"/> for none.</param>
    /// <param name="options">Scale and threshold.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside the scale and is not missing.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static CsatResult Compute(ReadOnlySpan<byte> scores, CsatOptions options) => Compute(scores, options, KernelDispatch.Default);

    /// <summary>The span-level call at a given width: threshold counts (responses, satisfied, sum), not the histogram.</summary>
    internal static CsatResult Compute(ReadOnlySpan<byte> scores, in CsatOptions options, KernelWidth width)
    {
        options.Validate();
        var counts = ScoreColumn.Count("csat", scores, options.ScaleMin, options.ScaleMax, options.SatisfiedThreshold, ScoreThresholdKernel.None, sum: true, width);
        return Finish(counts.Responses(scores.Length), counts.AtLeastFirst, counts.Sum);
    }

    internal static void Accumulate(ReadOnlySpan<byte> scores, in CsatOptions options, ref ScoreCounts counts) =>
        ScoreColumn.Accumulate("csat", scores, options.ScaleMin, options.ScaleMax, ref counts);

    internal static void Accumulate(ReadOnlySpan<byte> scores, in CsatOptions options, ref ScoreCounts counts, KernelWidth width) =>
        ScoreColumn.Accumulate("csat", scores, options.ScaleMin, options.ScaleMax, ref counts, width);

    internal static CsatResult Finish(in ScoreCounts counts, in CsatOptions options)
    {
        var responses = counts.Total(options.ScaleMin, options.ScaleMax);
        var satisfied = counts.Total(options.SatisfiedThreshold, options.ScaleMax);
        return Finish(responses, satisfied, counts.WeightedTotal(options.ScaleMin, options.ScaleMax));
    }

    private static CsatResult Finish(long responses, long satisfied, long sum)
    {
        if (responses == 0)
        {
            return new CsatResult(0, 0, null, null, null);
        }

        return new CsatResult(
            responses,
            satisfied,
            100.0 * satisfied / responses,
            (double)sum / responses,
            WilsonInterval.Percent95(satisfied, responses));
    }
}
