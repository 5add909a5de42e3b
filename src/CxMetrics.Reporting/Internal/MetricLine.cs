namespace CxMetrics.Reporting.Internal;

/// <summary>A line of the vertical table of one set of contacts: metric name, value, interval and sample size.</summary>
/// <param name="Name">Metric label.</param>
/// <param name="JsonPath">Path of the value in the JSON report.</param>
/// <param name="Value">Reads the value.</param>
/// <param name="Interval">Reads the 95% interval, if the metric has one.</param>
/// <param name="N">Reads the sample size behind the value.</param>
internal sealed record MetricLine(
    string Name,
    string JsonPath,
    Func<InteractionMetrics, double?> Value,
    Func<InteractionMetrics, ConfidenceInterval?>? Interval,
    Func<InteractionMetrics, long> N)
{
    /// <summary>Every line, in report order.</summary>
    public static IReadOnlyList<MetricLine> All { get; } =
    [
        new("Contacts", "contacts", static m => m.Contacts, null, static m => m.Contacts),
        new("CSAT %", "csat.pct", static m => m.Csat.Percent, static m => m.Csat.Ci95, static m => m.Csat.Responses),
        new("CSAT mean", "csat.mean", static m => m.Csat.Mean, null, static m => m.Csat.Responses),
        new("NPS", "nps.score", static m => m.Nps.Score, static m => m.Nps.Ci95, static m => m.Nps.Responses),
        new("CES mean", "ces.mean", static m => m.Ces.Mean, null, static m => m.Ces.Responses),
        new("CES easy %", "ces.easy_pct", static m => m.Ces.EasyPercent, null, static m => m.Ces.Responses),
        new("FCR %", "fcr.pct", static m => m.Fcr.Percent, static m => m.Fcr.Ci95, static m => m.Fcr.Known),
        new("AHT mean s", "aht.mean_seconds", static m => m.HandleTime.MeanSeconds, null, static m => m.HandleTime.Measured),
        new("AHT p50 s", "aht.p50_seconds", static m => m.HandleTime.P50Seconds, null, static m => m.HandleTime.Measured),
        new("AHT p90 s", "aht.p90_seconds", static m => m.HandleTime.P90Seconds, null, static m => m.HandleTime.Measured),
        new("SLA breach %", "sla.breach_pct", static m => m.SlaBreach.BreachPercent, static m => m.SlaBreach.Ci95, static m => m.SlaBreach.Measured),
        new("First response mean s", "first_response.mean_seconds", static m => m.FirstResponse.MeanSeconds, null, static m => m.FirstResponse.Measured),
        new("First response p50 s", "first_response.p50_seconds", static m => m.FirstResponse.P50Seconds, null, static m => m.FirstResponse.Measured),
        new("First response p90 s", "first_response.p90_seconds", static m => m.FirstResponse.P90Seconds, null, static m => m.FirstResponse.Measured),
        new("Resolution mean s", "resolution.mean_seconds", static m => m.Resolution.MeanSeconds, null, static m => m.Resolution.Measured),
        new("Resolution p50 s", "resolution.p50_seconds", static m => m.Resolution.P50Seconds, null, static m => m.Resolution.Measured),
        new("Resolution p90 s", "resolution.p90_seconds", static m => m.Resolution.P90Seconds, null, static m => m.Resolution.Measured),
    ];
}
