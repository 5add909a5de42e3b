namespace CxMetrics.Reporting;

/// <summary>A named series of a bar chart; every series of a chart lists the same categories in the same order.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Points">One point per category.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
