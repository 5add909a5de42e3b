namespace CxMetrics.Reporting.Internal;

/// <summary>Builds the standard charts' points from a report table (group labels as categories).</summary>
internal static class ChartData
{
    /// <summary>NPS per group (usually per period) with its 95% interval.</summary>
    public static List<ChartPoint> Nps(ReportTable table)
    {
        var points = new List<ChartPoint>(table.Groups.Count);
        foreach (var g in table.Groups)
        {
            var n = g.Metrics.Nps;
            points.Add(new ChartPoint(g.Label, n.Score, n.Ci95?.Lower, n.Ci95?.Upper));
        }

        return points;
    }

    /// <summary>SLA breach rate per group with its 95% Wilson interval.</summary>
    public static List<ChartSeries> SlaBreach(ReportTable table)
    {
        var points = new List<ChartPoint>(table.Groups.Count);
        foreach (var g in table.Groups)
        {
            var s = g.Metrics.SlaBreach;
            points.Add(new ChartPoint(g.Label, s.BreachPercent, s.Ci95?.Lower, s.Ci95?.Upper));
        }

        return [new ChartSeries("breach rate %", points)];
    }

    /// <summary>Handle time p50 and p90 per group, in seconds.</summary>
    public static List<ChartSeries> HandleTime(ReportTable table)
    {
        var p50 = new List<ChartPoint>(table.Groups.Count);
        var p90 = new List<ChartPoint>(table.Groups.Count);
        foreach (var g in table.Groups)
        {
            p50.Add(new ChartPoint(g.Label, g.Metrics.HandleTime.P50Seconds));
            p90.Add(new ChartPoint(g.Label, g.Metrics.HandleTime.P90Seconds));
        }

        return [new ChartSeries("p50", p50), new ChartSeries("p90", p90)];
    }
}
