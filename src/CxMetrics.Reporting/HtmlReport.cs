using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting;

/// <summary>
/// Renders one self-contained HTML page (inline CSS and SVG, no network): overall figures, the three standard charts
/// and the grouped table. The page embeds the JSON report of <c>main</c> (<c>script#cx-report</c>, the same writer as
/// <see cref="MetricsJsonWriter"/>) and every figure cell carries its exact value, so the page and the JSON report agree.
/// Use <see cref="HtmlReportBuilder"/> to compute the four results in one pass over the data.
/// </summary>
public static class HtmlReport
{
    /// <summary>Renders the page from results computed beforehand.</summary>
    /// <param name="main">The result shown in the table (any grouping).</param>
    /// <param name="grouping">The options <paramref name="main"/> was computed with.</param>
    /// <param name="byPeriod">The result behind the NPS-over-periods chart (grouped by period only).</param>
    /// <param name="byPriority">The result behind the breach-rate chart (grouped by priority only).</param>
    /// <param name="byChannel">The result behind the handle-time chart (grouped by channel only).</param>
    /// <param name="options">Title and input facts, or null for the defaults.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException">A result or <paramref name="grouping"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="grouping"/> does not match <paramref name="main"/>'s keys.</exception>
    public static string Render(GroupedMetrics main, GroupingOptions grouping, GroupedMetrics byPeriod, GroupedMetrics byPriority, GroupedMetrics byChannel, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(byPeriod);
        ArgumentNullException.ThrowIfNull(byPriority);
        ArgumentNullException.ThrowIfNull(byChannel);
        options ??= new HtmlReportOptions();
        var content = new ReportContent(
            ReportTable.From(main, grouping),
            Chart(byPeriod, true),
            Chart(byPriority, false),
            Chart(byChannel, false))
        {
            Title = options.Title,
            Subtitle = options.Subtitle,
            Rows = options.Rows ?? main.Overall.Contacts,
            Invalid = options.Invalid,
        };
        return HtmlPage.Render(content);
    }

    private static ReportTable Chart(GroupedMetrics result, bool period)
    {
        var groups = new List<ReportGroup>(result.Groups.Count);
        foreach (var g in result.Groups)
        {
            groups.Add(new ReportGroup(period ? [] : g.Keys, g.Period, g.Metrics));
        }

        return new ReportTable([], period, result.Overall, groups);
    }
}
