using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>
/// NPS, net promoter score: the share of promoters (9..10) minus the share of detractors (0..6), in points.
/// </summary>
/// <remarks>
/// score = 100 · (promoters − detractors) / responses ∈ [−100, 100]. With p and d the promoter and detractor shares,
/// each answer scores +1, 0 or −1, whose variance is p + d − (p − d)², so the standard error in points is
/// SE = 100 · sqrt((p + d − (p − d)²) / n) and the 95% interval is score ∓ 1.959964 · SE clipped to [−100, 100].
/// Source: F. Reichheld, "The One Number You Need to Grow", HBR 2003; variance as in
/// Rocks (2016), "Interval estimation for the net promoter score". Null with no responses.
/// </remarks>
public static class NetPromoterScore
{
    /// <summary>NPS of a 0..10 answer column with the standard bands.</summary>
    /// <param name="scores">One answer per row, <see cref="Missing.Score"/> for none.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is above 10 and is not missing.</exception>
    public static NpsResult Compute(ReadOnlySpan<byte> scores) => Compute(scores, NpsOptions.Default);

    /// <summary>NPS of a 0..10 answer column.</summary>
    /// <param name="scores">One answer per row, <see cref="Missing.Score"/> for none.</param>
    /// <param name="options">The bands.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is above 10 and is not missing.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static NpsResult Compute(ReadOnlySpan<byte> scores, NpsOptions options) => Compute(scores, options, KernelDispatch.Default);

    /// <summary>The span-level call at a given width: threshold counts (responses, promoters, non-detractors), not the histogram.</summary>
    internal static NpsResult Compute(ReadOnlySpan<byte> scores, in NpsOptions options, KernelWidth width)
    {
        options.Validate();
        var counts = ScoreColumn.Count("nps", scores, 0, 10, options.PromoterMin, options.DetractorMax + 1, sum: false, width);
        var responses = counts.Responses(scores.Length);
        return Finish(responses, counts.AtLeastFirst, responses - counts.AtLeastSecond);
    }

    internal static void Accumulate(ReadOnlySpan<byte> scores, ref ScoreCounts counts) =>
        ScoreColumn.Accumulate("nps", scores, 0, 10, ref counts);

    internal static void Accumulate(ReadOnlySpan<byte> scores, ref ScoreCounts counts, KernelWidth width) =>
        ScoreColumn.Accumulate("nps", scores, 0, 10, ref counts, width);

    internal static NpsResult Finish(in ScoreCounts counts, in NpsOptions options)
    {
        var responses = counts.Total(0, 10);
        var promoters = counts.Total(options.PromoterMin, 10);
        var detractors = counts.Total(0, options.DetractorMax);
        return Finish(responses, promoters, detractors);
    }

    private static NpsResult Finish(long responses, long promoters, long detractors)
    {
        var passives = responses - promoters - detractors;
        if (responses == 0)
        {
            return new NpsResult(0, 0, 0, 0, null, null, null);
        }

        double n = responses;
        var p = promoters / n;
        var d = detractors / n;
        var score = 100.0 * (promoters - detractors) / n;
        var variance = Math.Max(0, p + d - ((p - d) * (p - d)));
        var se = 100.0 * Math.Sqrt(variance / n);
        var half = WilsonInterval.Z95 * se;
        return new NpsResult(responses, promoters, passives, detractors, score, se,
            new ConfidenceInterval(Math.Clamp(score - half, -100, 100), Math.Clamp(score + half, -100, 100)));
    }
}
