namespace CxMetrics.Reporting;

/// <summary>Text and input facts shown in an HTML report.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>Page title and heading.</summary>
    public string Title { get; init; } = "Customer service metrics";

    /// <summary>Free text under the heading (source file, options), or null.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Input rows (the JSON report's <c>rows</c>); null = the overall contact count.</summary>
    public long? Rows { get; init; }

    /// <summary>Cells lost per column in lenient mode (the JSON report's <c>invalid</c>), or null.</summary>
    public IReadOnlyDictionary<string, long>? Invalid { get; init; }
}
