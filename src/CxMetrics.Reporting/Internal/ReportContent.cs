namespace CxMetrics.Reporting.Internal;

/// <summary>Everything an HTML report shows: the main (grouped) table and the three single-dimension tables behind the charts.</summary>
internal sealed record ReportContent(ReportTable Main, ReportTable ByPeriod, ReportTable ByPriority, ReportTable ByChannel)
{
    /// <summary>Page title.</summary>
    public string Title { get; init; } = "Customer service metrics";

    /// <summary>Input rows (the JSON report's <c>rows</c>).</summary>
    public long Rows { get; init; }

    /// <summary>Cells lost per column in lenient mode (the JSON report's <c>invalid</c>).</summary>
    public IReadOnlyDictionary<string, long>? Invalid { get; init; }

    /// <summary>Free text under the title (source file, options), or null.</summary>
    public string? Subtitle { get; init; }
}
