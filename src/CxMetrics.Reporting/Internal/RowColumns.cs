namespace CxMetrics.Reporting.Internal;

/// <summary>The flat figure columns shared by <see cref="MetricsRow"/>, the CSV writer and the HTML table.</summary>
internal static class RowColumns
{
    /// <summary>Column names in CSV order.</summary>
    public static readonly string[] Names = ["contacts", "csat_responses", "csat_pct", "csat_mean", "csat_ci95_lo", "csat_ci95_hi", "nps_responses", "nps_promoters", "nps_passives", "nps_detractors", "nps_score", "nps_ci95_lo", "nps_ci95_hi", "ces_responses", "ces_mean", "ces_easy_pct", "fcr_known", "fcr_resolved", "fcr_pct", "fcr_ci95_lo", "fcr_ci95_hi", "fcr_censored", "aht_handled", "aht_mean_seconds", "aht_p50_seconds", "aht_p90_seconds", "sla_measured", "sla_breached", "sla_breach_pct", "sla_ci95_lo", "sla_ci95_hi", "first_response_measured", "first_response_mean_seconds", "first_response_p50_seconds", "first_response_p90_seconds", "resolution_measured", "resolution_mean_seconds", "resolution_p50_seconds", "resolution_p90_seconds"];

    /// <summary>Whether each column is a count (written as a whole number).</summary>
    public static readonly bool[] IsCount = [true, true, false, false, false, false, true, true, true, true, false, false, false, true, false, false, true, true, false, false, false, true, true, false, false, false, true, true, false, false, false, true, false, false, false, true, false, false, false];

    /// <summary>The value of column <paramref name="column"/> of <paramref name="m"/>.</summary>
    public static double? Get(InteractionMetrics m, int column) =>
        column switch
        {
            0 => m.Contacts,
            1 => m.Csat.Responses,
            2 => m.Csat.Percent,
            3 => m.Csat.Mean,
            4 => m.Csat.Ci95?.Lower,
            5 => m.Csat.Ci95?.Upper,
            6 => m.Nps.Responses,
            7 => m.Nps.Promoters,
            8 => m.Nps.Passives,
            9 => m.Nps.Detractors,
            10 => m.Nps.Score,
            11 => m.Nps.Ci95?.Lower,
            12 => m.Nps.Ci95?.Upper,
            13 => m.Ces.Responses,
            14 => m.Ces.Mean,
            15 => m.Ces.EasyPercent,
            16 => m.Fcr.Known,
            17 => m.Fcr.Resolved,
            18 => m.Fcr.Percent,
            19 => m.Fcr.Ci95?.Lower,
            20 => m.Fcr.Ci95?.Upper,
            21 => m.Fcr.Censored,
            22 => m.HandleTime.Measured,
            23 => m.HandleTime.MeanSeconds,
            24 => m.HandleTime.P50Seconds,
            25 => m.HandleTime.P90Seconds,
            26 => m.SlaBreach.Measured,
            27 => m.SlaBreach.Breached,
            28 => m.SlaBreach.BreachPercent,
            29 => m.SlaBreach.Ci95?.Lower,
            30 => m.SlaBreach.Ci95?.Upper,
            31 => m.FirstResponse.Measured,
            32 => m.FirstResponse.MeanSeconds,
            33 => m.FirstResponse.P50Seconds,
            34 => m.FirstResponse.P90Seconds,
            35 => m.Resolution.Measured,
            36 => m.Resolution.MeanSeconds,
            37 => m.Resolution.P50Seconds,
            38 => m.Resolution.P90Seconds,
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, $"Column index must be 0..{Names.Length - 1}."),
        };
}
