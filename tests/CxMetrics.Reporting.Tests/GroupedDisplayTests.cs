using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxMetrics.Reporting.Tests;

public class GroupedDisplayTests
{
    private static readonly GroupingOptions ByChannelMonth = new() { Keys = [GroupKey.Channel], Period = PeriodUnit.Month };

    private static GroupedMetrics Compute(GroupingOptions grouping, int rows = 6000)
    {
        using var batch = SyntheticInteractions.Generate(rows, 11);
        return GroupedMetrics.Compute(batch, TestData.Options, grouping);
    }

    [Fact]
    public void MetricsDisplay_ToTableGrouped_KeyAndPeriodColumns()
    {
        var result = Compute(ByChannelMonth);
        var lines = result.ToTable(ByChannelMonth).Split('\n');
        Assert.Matches("^channel +period +contacts", lines[0]);
        Assert.Equal(2 + 1 + result.Groups.Count, lines.Length);
        Assert.Matches("^chat +2026-08 ", lines[3]);
        var md = result.ToMarkdown(ByChannelMonth);
        Assert.StartsWith("| channel | period | contacts |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsDisplay_ToRowsGrouped_OneRowPerGroupInOrder()
    {
        var result = Compute(ByChannelMonth);
        var rows = result.ToRows();
        Assert.Equal(result.Groups.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(result.Groups[i].Keys, rows[i].Keys);
            Assert.Equal(result.Groups[i].Period, rows[i].Period);
            Assert.Equal(result.Groups[i].Metrics.Nps.Score, rows[i].NpsScore);
        }

        var csv = new StringWriter();
        MetricsCsvWriter.Write(csv, result, ByChannelMonth);
        var lines = csv.ToString().TrimEnd('\n').Split('\n');
        Assert.StartsWith("channel,period,contacts,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + result.Groups.Count, lines.Length);
    }

    [Fact]
    public void MetricsDisplay_Grouped_MismatchedOptionsThrow()
    {
        var result = Compute(ByChannelMonth, 500);
        Assert.Throws<ArgumentException>(() => result.ToTable(new GroupingOptions { Keys = [GroupKey.Channel, GroupKey.Team] }));
    }

    [Fact]
    public void MetricsJsonWriter_ToJsonGrouped_KeysInOrderAndFlags()
    {
        var grouping = new GroupingOptions { Keys = [GroupKey.Priority, GroupKey.Channel], Period = PeriodUnit.Week };
        var result = Compute(grouping);
        using var doc = JsonDocument.Parse(MetricsJsonWriter.ToJson(result, grouping));
        var groups = doc.RootElement.GetProperty("groups");
        Assert.Equal(result.Groups.Count, groups.GetArrayLength());
        var key = groups[0].GetProperty("key");
        Assert.Equal(["priority", "channel", "period"], key.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Matches(@"^2026-W\d\d$", key.GetProperty("period").GetString()!);
        Assert.Equal(result.Groups[0].Metrics.Nps.Responses < 30, groups[0].GetProperty("nps").GetProperty("small_sample").GetBoolean());
        Assert.Equal(6000, doc.RootElement.GetProperty("rows").GetInt64());
    }

    [Fact]
    public void HtmlReportBuilder_Render_PageEqualsJsonReportAndChartsHaveOneMarkPerGroup()
    {
        using var batch = SyntheticInteractions.Generate(8000, 5);
        using var builder = new HtmlReportBuilder(TestData.Options, ByChannelMonth);
        builder.Add(batch.Slice(0, 3000));
        builder.Add(batch.Slice(3000, 5000));
        var html = builder.Render(new HtmlReportOptions { Title = "Builder test", Rows = 8000 });

        // Same numbers as the JSON report of the same data and options (computed independently in one shot).
        var oneShot = GroupedMetrics.Compute(batch, TestData.Options, ByChannelMonth);
        using var json = JsonDocument.Parse(MetricsJsonWriter.ToJson(oneShot, ByChannelMonth));
        var embedded = Regex.Match(html, "id=\"cx-report\">(.*?)</script>").Groups[1].Value;
        Assert.Equal(JsonSerializer.Serialize(json.RootElement), JsonSerializer.Serialize(JsonDocument.Parse(embedded).RootElement));
        var cells = HtmlNumbers.Rows(html, out var groups);
        Assert.Equal((1 + oneShot.Groups.Count) * 11, cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var m = groups[i] == "overall" ? json.RootElement.GetProperty("overall") : json.RootElement.GetProperty("groups")[int.Parse(groups[i], System.Globalization.CultureInfo.InvariantCulture)];
            HtmlNumbers.AssertEqualsJson(m, cells[i].Key, cells[i].Value);
        }

        // NPS chart: one point per month; SLA: one bar per priority; AHT: two bars per channel.
        var byMonth = GroupedMetrics.Compute(batch, TestData.Options, new GroupingOptions { Period = PeriodUnit.Month });
        var nps = Regex.Match(html, "<figure id=\"chart-nps\">(.*?)</figure>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(byMonth.Groups.Count, Regex.Count(nps, "<circle class=\"cx-mark\""));
        var sla = Regex.Match(html, "<figure id=\"chart-sla\">(.*?)</figure>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(4, Regex.Count(sla, "<rect class=\"cx-mark\""));
        var aht = Regex.Match(html, "<figure id=\"chart-aht\">(.*?)</figure>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(10, Regex.Count(aht, "<rect class=\"cx-mark\""));
    }

    [Fact]
    public void MetricCharts_Standard_OnePointOrBarPerGroup()
    {
        var byWeek = Compute(new GroupingOptions { Period = PeriodUnit.Week });
        Assert.Equal(byWeek.Groups.Count, Regex.Count(MetricCharts.NpsOverPeriods(byWeek), "<circle class=\"cx-mark\""));
        var byPriority = Compute(new GroupingOptions { Keys = [GroupKey.Priority] });
        Assert.Equal(4, Regex.Count(MetricCharts.SlaBreachRate(byPriority), "<rect class=\"cx-mark\""));
        var byChannel = Compute(new GroupingOptions { Keys = [GroupKey.Channel] });
        Assert.Equal(10, Regex.Count(MetricCharts.HandleTimePercentiles(byChannel), "<rect class=\"cx-mark\""));
    }
}
