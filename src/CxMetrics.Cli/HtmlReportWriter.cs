using System.Globalization;
using CxMetrics.IO;
using CxMetrics.Reporting;

namespace CxMetrics.Cli;

/// <summary>
/// <c>--format html</c>: a self-contained page (CxMetrics.Reporting) whose table is this report (the same numbers as
/// <c>--format json</c>) and whose charts (NPS by period, SLA breach rate by priority, handle time by channel) come from
/// a second pass over the file with the same reader and grouping options.
/// </summary>
internal static class HtmlReportWriter
{
    public static void Write(Report report, ReportSettings settings, TextWriter writer)
    {
        var grouping = new GroupingOptions
        {
            Keys = settings.Keys,
            Period = settings.Period,
            TimeZone = settings.TimeZone,
            FcrWindow = settings.FcrWindow,
            ApproximatePercentiles = settings.ApproximatePercentiles,
        };

        // The table: the report's own groups (period split back out of the key tuple).
        var withPeriod = settings.Period != PeriodUnit.None;
        var groups = new List<MetricsGroup>(report.Groups.Count);
        foreach (var g in report.Groups)
        {
            var keys = withPeriod ? g.Keys.Take(g.Keys.Count - 1).ToArray() : g.Keys;
            groups.Add(new MetricsGroup(keys, withPeriod ? g.Keys[^1] : null, g.Metrics));
        }

        var main = new GroupedMetrics(report.Overall, groups) { SmallSampleThreshold = report.SmallSampleThreshold };

        // The charts: one more pass with one accumulator per chart.
        var metrics = MetricOptions.Default with { SlaPolicy = settings.SlaPolicy };
        var readerOptions = new InteractionReaderOptions { Lenient = settings.Lenient, Metrics = metrics, ReadCustomer = settings.FcrWindow is not null };
        using var byPeriod = new MetricsAccumulator(metrics, grouping with { Keys = [], Period = withPeriod ? settings.Period : PeriodUnit.Week });
        using var byPriority = new MetricsAccumulator(metrics, grouping with { Keys = [GroupKey.Priority], Period = PeriodUnit.None });
        using var byChannel = new MetricsAccumulator(metrics, grouping with { Keys = [GroupKey.Channel], Period = PeriodUnit.None });
        using (var reader = InteractionReader.Open(settings.File, readerOptions))
        {
            while (reader.ReadBatch() is { } batch)
            {
                byPeriod.Add(batch);
                byPriority.Add(batch);
                byChannel.Add(batch);
            }
        }

        var subtitle = Path.GetFileName(settings.File)
            + (settings.SlaPolicy is null ? string.Empty : " · SLA targets by priority (--sla-policy)")
            + (settings.FcrWindow is { } w ? " · repeat-contact FCR window " + w.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s" : string.Empty)
            + (settings.TimeZone == TimeZoneInfo.Utc ? string.Empty : " · periods in " + settings.TimeZone.Id);
        writer.Write(HtmlReport.Render(main, grouping, byPeriod.Result(), byPriority.Result(), byChannel.Result(), new HtmlReportOptions
        {
            Title = "cxmetrics report",
            Subtitle = subtitle,
            Rows = report.Rows,
            Invalid = report.Invalid,
        }));
    }
}
