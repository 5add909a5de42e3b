namespace CxMetrics.Reporting.Internal;

/// <summary>A column of the compact grouped table: header, the JSON report path of its figure, and how to read it.</summary>
/// <param name="Header">Column header.</param>
/// <param name="JsonPath">Path of the figure in the JSON report, e.g. <c>nps.score</c>.</param>
/// <param name="Value">Reads a scalar figure (null for interval columns).</param>
/// <param name="Interval">Reads an interval figure (null for scalar columns).</param>
internal sealed record SummaryColumn(
    string Header,
    string JsonPath,
    Func<InteractionMetrics, double?>? Value,
    Func<InteractionMetrics, ConfidenceInterval?>? Interval = null)
{
    /// <summary>Reads the sample size behind the figure (null for counts), for the small-sample flag.</summary>
    public Func<InteractionMetrics, long>? N { get; init; }

    /// <summary>The display text of this column for <paramref name="m"/>.</summary>
    public string Show(InteractionMetrics m) => Interval is not null ? Num.Show(Interval(m)) : Num.Show(Value!(m));

    /// <summary>The compact table's columns, shared by text, Markdown and HTML.</summary>
    public static IReadOnlyList<SummaryColumn> All { get; } =
    [
        new("contacts", "contacts", static m => m.Contacts),
        new("CSAT %", "csat.pct", static m => m.Csat.Percent) { N = static m => m.Csat.Responses },
        new("NPS", "nps.score", static m => m.Nps.Score) { N = static m => m.Nps.Responses },
        new("NPS ci95", "nps.ci95", null, static m => m.Nps.Ci95) { N = static m => m.Nps.Responses },
        new("CES", "ces.mean", static m => m.Ces.Mean) { N = static m => m.Ces.Responses },
        new("FCR %", "fcr.pct", static m => m.Fcr.Percent) { N = static m => m.Fcr.Known },
        new("AHT p50 s", "aht.p50_seconds", static m => m.HandleTime.P50Seconds) { N = static m => m.HandleTime.Measured },
        new("AHT p90 s", "aht.p90_seconds", static m => m.HandleTime.P90Seconds) { N = static m => m.HandleTime.Measured },
        new("SLA breach %", "sla.breach_pct", static m => m.SlaBreach.BreachPercent) { N = static m => m.SlaBreach.Measured },
        new("1st resp p50 s", "first_response.p50_seconds", static m => m.FirstResponse.P50Seconds) { N = static m => m.FirstResponse.Measured },
        new("resolution p50 s", "resolution.p50_seconds", static m => m.Resolution.P50Seconds) { N = static m => m.Resolution.Measured },
    ];
}
