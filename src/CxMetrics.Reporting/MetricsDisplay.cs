using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting;

/// <summary>
/// Display and export of results: aligned text tables, Markdown, HTML tables and flat rows.
/// Every form shows the same cells, formatted culture-invariant with at most two decimals (HTML cells also carry the
/// full-precision value in <c>data-value</c>).
/// </summary>
public static class MetricsDisplay
{
    /// <summary>A readable aligned text table (metric, value, ci95, n), one line per figure.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    public static string ToTable(this InteractionMetrics metrics) => TableText.Text(Single(metrics));

    /// <summary>A GitHub-flavoured Markdown table (metric, value, ci95, n).</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The Markdown text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    public static string ToMarkdown(this InteractionMetrics metrics) => TableText.Markdown(Single(metrics));

    /// <summary>An HTML <c>table</c> element (metric, value, ci95, n); values carry <c>data-key</c>/<c>data-value</c> attributes.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    public static string ToHtml(this InteractionMetrics metrics) => TableText.Html(Single(metrics));

    /// <summary>The metrics as one flat row without keys.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>A list holding one row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    public static IReadOnlyList<MetricsRow> ToRows(this InteractionMetrics metrics) => [new MetricsRow([], null, Single(metrics).Overall)];

    /// <summary>
    /// A readable aligned text table: the key columns (and period), then the main figures; an overall row first.
    /// </summary>
    /// <param name="result">The grouped result.</param>
    /// <param name="grouping">The options it was computed with (they name the key columns).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options do not match the result's keys.</exception>
    public static string ToTable(this GroupedMetrics result, GroupingOptions grouping) => TableText.Text(ReportTable.From(result, grouping));

    /// <summary>A GitHub-flavoured Markdown table of a grouped result (same cells as <see cref="ToTable(GroupedMetrics, GroupingOptions)"/>).</summary>
    /// <param name="result">The grouped result.</param>
    /// <param name="grouping">The options it was computed with.</param>
    /// <returns>The Markdown text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options do not match the result's keys.</exception>
    public static string ToMarkdown(this GroupedMetrics result, GroupingOptions grouping) => TableText.Markdown(ReportTable.From(result, grouping));

    /// <summary>
    /// An HTML <c>table</c> element of a grouped result; figure cells carry <c>data-key</c> (the JSON report path) and
    /// <c>data-value</c> (full precision), small-sample cells the class <c>small</c>.
    /// </summary>
    /// <param name="result">The grouped result.</param>
    /// <param name="grouping">The options it was computed with.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options do not match the result's keys.</exception>
    public static string ToHtml(this GroupedMetrics result, GroupingOptions grouping) => TableText.Html(ReportTable.From(result, grouping));

    /// <summary>One flat row per group, in the result's order (the overall figures are <c>result.Overall.ToRows()</c>).</summary>
    /// <param name="result">The grouped result.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static IReadOnlyList<MetricsRow> ToRows(this GroupedMetrics result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new MetricsRow[result.Groups.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var g = result.Groups[i];
            rows[i] = new MetricsRow(g.Keys, g.Period, g.Metrics);
        }

        return rows;
    }

    private static ReportTable Single(InteractionMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return ReportTable.Single(metrics);
    }
}
