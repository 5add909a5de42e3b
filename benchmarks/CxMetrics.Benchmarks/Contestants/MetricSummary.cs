namespace CxMetrics.Benchmarks.Contestants;

/// <summary>
/// What every contestant must agree on: the counts and the finished numbers of the metrics a suite computes.
/// Headline suites fill the six headline metrics and leave the rest null; the all-metrics suites fill everything.
/// </summary>
public sealed record MetricSummary
{
    public long? Contacts { get; init; }
    public long CsatResponses { get; init; }
    public double? CsatPercent { get; init; }
    public double? CsatMean { get; init; }
    public long NpsResponses { get; init; }
    public double? NpsScore { get; init; }
    public long CesResponses { get; init; }
    public double? CesMean { get; init; }
    public double? CesEasyPercent { get; init; }
    public long FcrKnown { get; init; }
    public double? FcrPercent { get; init; }
    public long AhtHandled { get; init; }
    public double? AhtMeanSeconds { get; init; }
    public long SlaMeasured { get; init; }
    public long SlaBreached { get; init; }
    public double? SlaBreachPercent { get; init; }
    public long? ResponseMeasured { get; init; }
    public double? ResponseMeanSeconds { get; init; }
    public long? ResolutionMeasured { get; init; }
    public double? ResolutionMeanSeconds { get; init; }

    /// <summary>The six headline metrics from CxMetrics' span-level results.</summary>
    internal static MetricSummary Headline(in CsatResult csat, in NpsResult nps, in CesResult ces, in FcrResult fcr, in DurationResult aht, in SlaResult sla) => new()
    {
        CsatResponses = csat.Responses,
        CsatPercent = csat.Percent,
        NpsResponses = nps.Responses,
        NpsScore = nps.Score,
        CesResponses = ces.Responses,
        CesMean = ces.Mean,
        FcrKnown = fcr.Known,
        FcrPercent = fcr.Percent,
        AhtHandled = aht.Measured,
        AhtMeanSeconds = aht.MeanSeconds,
        SlaMeasured = sla.Measured,
        SlaBreached = sla.Breached,
        SlaBreachPercent = sla.BreachPercent,
    };

    /// <summary>Every count and mean of a batch result.</summary>
    internal static MetricSummary All(InteractionMetrics m) =>
        Headline(m.Csat, m.Nps, m.Ces, m.Fcr, m.HandleTime, m.SlaBreach) with
        {
            Contacts = m.Contacts,
            CsatMean = m.Csat.Mean,
            CesEasyPercent = m.Ces.EasyPercent,
            ResponseMeasured = m.FirstResponse.Measured,
            ResponseMeanSeconds = m.FirstResponse.MeanSeconds,
            ResolutionMeasured = m.Resolution.Measured,
            ResolutionMeanSeconds = m.Resolution.MeanSeconds,
        };
}
