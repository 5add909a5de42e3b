namespace CxMetrics.Benchmarks.Contestants;

/// <summary>
/// The baseline: the metrics as a user would write them with LINQ over a list of objects, one query per number.
/// Same definitions as CxMetrics (docs/metrics.md); normal optimized code, nothing made slow on purpose.
/// </summary>
internal static class NaiveLinq
{
    public static MetricSummary Headline(IReadOnlyList<NaiveContact> contacts)
    {
        var csatResponses = contacts.Count(c => c.Csat.HasValue);
        var satisfied = contacts.Count(c => c.Csat >= 4);
        var npsResponses = contacts.Count(c => c.Nps.HasValue);
        var promoters = contacts.Count(c => c.Nps >= 9);
        var detractors = contacts.Count(c => c.Nps <= 6);
        var ces = contacts.Where(c => c.Ces.HasValue).Select(c => (double)c.Ces!.Value).ToList();
        var fcrKnown = contacts.Count(c => c.FirstContactResolved.HasValue);
        var resolved = contacts.Count(c => c.FirstContactResolved == true);
        var handle = contacts.Where(c => c.Talk.HasValue)
            .Select(c => (c.Talk!.Value + (c.Hold ?? TimeSpan.Zero) + (c.Wrap ?? TimeSpan.Zero)).TotalSeconds)
            .ToList();
        var slaMeasured = contacts.Where(c => c.FirstResponse.HasValue && c.SlaTarget.HasValue).ToList();
        var breached = slaMeasured.Count(c => c.FirstResponse > c.SlaTarget);
        return new MetricSummary
        {
            CsatResponses = csatResponses,
            CsatPercent = csatResponses == 0 ? null : 100.0 * satisfied / csatResponses,
            NpsResponses = npsResponses,
            NpsScore = npsResponses == 0 ? null : 100.0 * (promoters - detractors) / npsResponses,
            CesResponses = ces.Count,
            CesMean = ces.Count == 0 ? null : ces.Average(),
            FcrKnown = fcrKnown,
            FcrPercent = fcrKnown == 0 ? null : 100.0 * resolved / fcrKnown,
            AhtHandled = handle.Count,
            AhtMeanSeconds = handle.Count == 0 ? null : handle.Average(),
            SlaMeasured = slaMeasured.Count,
            SlaBreached = breached,
            SlaBreachPercent = slaMeasured.Count == 0 ? null : 100.0 * breached / slaMeasured.Count,
        };
    }

    public static MetricSummary All(IReadOnlyList<NaiveContact> contacts)
    {
        var csat = contacts.Where(c => c.Csat.HasValue).Select(c => (double)c.Csat!.Value).ToList();
        var ces = contacts.Where(c => c.Ces.HasValue).Select(c => c.Ces!.Value).ToList();
        var response = contacts.Where(c => c.FirstResponse.HasValue).Select(c => c.FirstResponse!.Value.TotalSeconds).ToList();
        var resolution = contacts.Where(c => c.Resolution.HasValue).Select(c => c.Resolution!.Value.TotalSeconds).ToList();
        return Headline(contacts) with
        {
            Contacts = contacts.Count,
            CsatMean = csat.Count == 0 ? null : csat.Average(),
            CesEasyPercent = ces.Count == 0 ? null : 100.0 * ces.Count(v => v >= 5) / ces.Count,
            ResponseMeasured = response.Count,
            ResponseMeanSeconds = response.Count == 0 ? null : response.Average(),
            ResolutionMeasured = resolution.Count,
            ResolutionMeanSeconds = resolution.Count == 0 ? null : resolution.Average(),
        };
    }

    /// <summary>Exact p50 and p90 of handle time: sort, then interpolate between closest ranks (numpy default).</summary>
    public static (double? P50, double? P90) HandlePercentiles(IReadOnlyList<NaiveContact> contacts)
    {
        var sorted = contacts.Where(c => c.Talk.HasValue)
            .Select(c => (c.Talk!.Value + (c.Hold ?? TimeSpan.Zero) + (c.Wrap ?? TimeSpan.Zero)).TotalSeconds)
            .OrderBy(x => x)
            .ToList();
        return sorted.Count == 0 ? (null, null) : (Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }

    private static double Percentile(List<double> sorted, double q)
    {
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (h - lo));
    }
}
