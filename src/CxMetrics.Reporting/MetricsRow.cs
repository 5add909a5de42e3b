namespace CxMetrics.Reporting;

/// <summary>
/// One group of a result as a flat record (one property per figure), for spreadsheets, data frames and dashboards.
/// <see cref="ColumnNames"/> lists the figure columns in the order the CSV writer uses (after the key columns).
/// </summary>
/// <param name="Keys">The group's key texts in the grouping's key order (null = unknown); empty for an ungrouped result.</param>
/// <param name="Period">The group's period text, or null (no period asked, or unknown opened_at).</param>
/// <param name="Metrics">The group's metrics, for anything the flat columns leave out.</param>
public sealed record MetricsRow(IReadOnlyList<string?> Keys, string? Period, InteractionMetrics Metrics)
{
    /// <summary>The figure columns in CSV order (snake_case, matching the JSON report's keys).</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = Internal.RowColumns.Names;

    /// <summary>The value of a figure column by index into <see cref="ColumnNames"/> (counts as whole numbers).</summary>
    /// <param name="column">Index into <see cref="ColumnNames"/>.</param>
    /// <returns>The value, or null where there is nothing to count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is not a column index.</exception>
    public double? GetValue(int column) => Internal.RowColumns.Get(Metrics, column);

    /// <summary>Rows in the group. Column <c>contacts</c>.</summary>
    public long Contacts => Metrics.Contacts;

    /// <summary>CSAT answers. Column <c>csat_responses</c>.</summary>
    public long CsatResponses => Metrics.Csat.Responses;

    /// <summary>Share of satisfied CSAT answers, in percent. Column <c>csat_pct</c>.</summary>
    public double? CsatPercent => Metrics.Csat.Percent;

    /// <summary>Mean CSAT answer. Column <c>csat_mean</c>.</summary>
    public double? CsatMean => Metrics.Csat.Mean;

    /// <summary>Lower end of the CSAT 95% Wilson interval, in percent. Column <c>csat_ci95_lo</c>.</summary>
    public double? CsatCi95Lower => Metrics.Csat.Ci95?.Lower;

    /// <summary>Upper end of the CSAT 95% Wilson interval, in percent. Column <c>csat_ci95_hi</c>.</summary>
    public double? CsatCi95Upper => Metrics.Csat.Ci95?.Upper;

    /// <summary>NPS answers. Column <c>nps_responses</c>.</summary>
    public long NpsResponses => Metrics.Nps.Responses;

    /// <summary>Promoters. Column <c>nps_promoters</c>.</summary>
    public long NpsPromoters => Metrics.Nps.Promoters;

    /// <summary>Passives. Column <c>nps_passives</c>.</summary>
    public long NpsPassives => Metrics.Nps.Passives;

    /// <summary>Detractors. Column <c>nps_detractors</c>.</summary>
    public long NpsDetractors => Metrics.Nps.Detractors;

    /// <summary>Net promoter score (-100..100). Column <c>nps_score</c>.</summary>
    public double? NpsScore => Metrics.Nps.Score;

    /// <summary>Lower end of the NPS 95% interval. Column <c>nps_ci95_lo</c>.</summary>
    public double? NpsCi95Lower => Metrics.Nps.Ci95?.Lower;

    /// <summary>Upper end of the NPS 95% interval. Column <c>nps_ci95_hi</c>.</summary>
    public double? NpsCi95Upper => Metrics.Nps.Ci95?.Upper;

    /// <summary>CES answers. Column <c>ces_responses</c>.</summary>
    public long CesResponses => Metrics.Ces.Responses;

    /// <summary>Mean CES answer. Column <c>ces_mean</c>.</summary>
    public double? CesMean => Metrics.Ces.Mean;

    /// <summary>Share of easy CES answers, in percent. Column <c>ces_easy_pct</c>.</summary>
    public double? CesEasyPercent => Metrics.Ces.EasyPercent;

    /// <summary>Contacts whose resolution on first contact is known. Column <c>fcr_known</c>.</summary>
    public long FcrKnown => Metrics.Fcr.Known;

    /// <summary>Contacts resolved on first contact. Column <c>fcr_resolved</c>.</summary>
    public long FcrResolved => Metrics.Fcr.Resolved;

    /// <summary>First contact resolution, in percent. Column <c>fcr_pct</c>.</summary>
    public double? FcrPercent => Metrics.Fcr.Percent;

    /// <summary>Lower end of the FCR 95% Wilson interval, in percent. Column <c>fcr_ci95_lo</c>.</summary>
    public double? FcrCi95Lower => Metrics.Fcr.Ci95?.Lower;

    /// <summary>Upper end of the FCR 95% Wilson interval, in percent. Column <c>fcr_ci95_hi</c>.</summary>
    public double? FcrCi95Upper => Metrics.Fcr.Ci95?.Upper;

    /// <summary>Contacts too recent to judge (repeat-contact mode only; null otherwise). Column <c>fcr_censored</c>.</summary>
    public long? FcrCensored => Metrics.Fcr.Censored;

    /// <summary>Contacts with a handle time. Column <c>aht_handled</c>.</summary>
    public long AhtHandled => Metrics.HandleTime.Measured;

    /// <summary>Mean handle time, seconds. Column <c>aht_mean_seconds</c>.</summary>
    public double? AhtMeanSeconds => Metrics.HandleTime.MeanSeconds;

    /// <summary>Median handle time, seconds. Column <c>aht_p50_seconds</c>.</summary>
    public double? AhtP50Seconds => Metrics.HandleTime.P50Seconds;

    /// <summary>90th percentile of handle time, seconds. Column <c>aht_p90_seconds</c>.</summary>
    public double? AhtP90Seconds => Metrics.HandleTime.P90Seconds;

    /// <summary>Contacts with a first response and an SLA target. Column <c>sla_measured</c>.</summary>
    public long SlaMeasured => Metrics.SlaBreach.Measured;

    /// <summary>Contacts whose first response exceeded the target. Column <c>sla_breached</c>.</summary>
    public long SlaBreached => Metrics.SlaBreach.Breached;

    /// <summary>SLA breach rate, in percent. Column <c>sla_breach_pct</c>.</summary>
    public double? SlaBreachPercent => Metrics.SlaBreach.BreachPercent;

    /// <summary>Lower end of the breach-rate 95% Wilson interval, in percent. Column <c>sla_ci95_lo</c>.</summary>
    public double? SlaCi95Lower => Metrics.SlaBreach.Ci95?.Lower;

    /// <summary>Upper end of the breach-rate 95% Wilson interval, in percent. Column <c>sla_ci95_hi</c>.</summary>
    public double? SlaCi95Upper => Metrics.SlaBreach.Ci95?.Upper;

    /// <summary>Contacts with a first-response time. Column <c>first_response_measured</c>.</summary>
    public long FirstResponseMeasured => Metrics.FirstResponse.Measured;

    /// <summary>Mean first-response time, seconds. Column <c>first_response_mean_seconds</c>.</summary>
    public double? FirstResponseMeanSeconds => Metrics.FirstResponse.MeanSeconds;

    /// <summary>Median first-response time, seconds. Column <c>first_response_p50_seconds</c>.</summary>
    public double? FirstResponseP50Seconds => Metrics.FirstResponse.P50Seconds;

    /// <summary>90th percentile of first-response time, seconds. Column <c>first_response_p90_seconds</c>.</summary>
    public double? FirstResponseP90Seconds => Metrics.FirstResponse.P90Seconds;

    /// <summary>Contacts with a resolution time. Column <c>resolution_measured</c>.</summary>
    public long ResolutionMeasured => Metrics.Resolution.Measured;

    /// <summary>Mean resolution time, seconds. Column <c>resolution_mean_seconds</c>.</summary>
    public double? ResolutionMeanSeconds => Metrics.Resolution.MeanSeconds;

    /// <summary>Median resolution time, seconds. Column <c>resolution_p50_seconds</c>.</summary>
    public double? ResolutionP50Seconds => Metrics.Resolution.P50Seconds;

    /// <summary>90th percentile of resolution time, seconds. Column <c>resolution_p90_seconds</c>.</summary>
    public double? ResolutionP90Seconds => Metrics.Resolution.P90Seconds;
}
