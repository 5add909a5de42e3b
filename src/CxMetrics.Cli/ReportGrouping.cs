namespace CxMetrics.Cli;

/// <summary>
/// A CLI <see cref="Report"/> seen as the library's <see cref="GroupedMetrics"/> and <see cref="GroupingOptions"/>, so the
/// JSON and HTML writers of CxMetrics.Reporting render exactly the numbers of the report (one implementation of the
/// JSON contract, not one per output).
/// </summary>
internal static class ReportGrouping
{
    public static GroupingOptions Options(ReportSettings settings) => new()
    {
        Keys = settings.Keys,
        Period = settings.Period,
        TimeZone = settings.TimeZone,
        FcrWindow = settings.FcrWindow,
        ApproximatePercentiles = settings.ApproximatePercentiles,
    };

    public static GroupedMetrics Result(Report report, ReportSettings settings)
    {
        // The report's key tuple ends with the period when one was asked for; GroupedMetrics keeps it apart.
        var withPeriod = settings.Period != PeriodUnit.None;
        var groups = new List<MetricsGroup>(report.Groups.Count);
        foreach (var g in report.Groups)
        {
            var keys = withPeriod ? g.Keys.Take(g.Keys.Count - 1).ToArray() : g.Keys;
            groups.Add(new MetricsGroup(keys, withPeriod ? g.Keys[^1] : null, g.Metrics));
        }

        return new GroupedMetrics(report.Overall, groups) { SmallSampleThreshold = report.SmallSampleThreshold };
    }
}
