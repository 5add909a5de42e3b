namespace CxMetrics.Reporting;

/// <summary>One category of a chart: its label, its value and an optional interval (drawn as a band or error bar).</summary>
/// <param name="Label">Category label on the x axis (a period, a channel, a priority).</param>
/// <param name="Value">The value; null draws nothing for this category (a gap in a line).</param>
/// <param name="Lower">Lower end of the interval, or null.</param>
/// <param name="Upper">Upper end of the interval, or null.</param>
public readonly record struct ChartPoint(string Label, double? Value, double? Lower = null, double? Upper = null);
