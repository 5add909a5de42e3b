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

    private static ReportTable Single(InteractionMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return ReportTable.Single(metrics);
    }
}
