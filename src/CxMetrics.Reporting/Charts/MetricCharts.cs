using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting;

/// <summary>
/// The standard charts of a grouped result as SVG (see <see cref="SvgChart"/>): one category per group, labelled with the
/// group's keys and period. Compute the result with the grouping the chart needs (a period for
/// <see cref="NpsOverPeriods"/>, the priority key for <see cref="SlaBreachRate"/>, the channel key for <see cref="HandleTimePercentiles"/>).
/// </summary>
public static class MetricCharts
{
    /// <summary>NPS per group (periods, in order) as a line with its 95% interval as a band.</summary>
    /// <param name="result">A result grouped by period (and optionally keys).</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string NpsOverPeriods(GroupedMetrics result) => SvgChart.Line("NPS with 95% interval", "NPS", ChartData.Nps(Table(result)));

    /// <summary>SLA breach rate per group as bars with 95% Wilson intervals.</summary>
    /// <param name="result">A result grouped by priority (or any key).</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string SlaBreachRate(GroupedMetrics result) => SvgChart.Bars("SLA breach rate", "breach rate %", ChartData.SlaBreach(Table(result)));

    /// <summary>Handle time p50 and p90 per group as paired bars, in seconds.</summary>
    /// <param name="result">A result grouped by channel (or any key).</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string HandleTimePercentiles(GroupedMetrics result) => SvgChart.Bars("Handle time p50 / p90", "seconds", ChartData.HandleTime(Table(result)));

    private static ReportTable Table(GroupedMetrics result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = new List<ReportGroup>(result.Groups.Count);
        foreach (var g in result.Groups)
        {
            groups.Add(new ReportGroup(g.Keys, g.Period, g.Metrics));
        }

        return new ReportTable([], false, result.Overall, groups);
    }
}
