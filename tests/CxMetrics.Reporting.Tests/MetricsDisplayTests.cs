using System.Text.Json;
using System.Text.RegularExpressions;
using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting.Tests;

public class MetricsDisplayTests
{
    [Fact]
    public void MetricsDisplay_ToTable_ListsEveryFigureAligned()
    {
        var m = TestData.Metrics(500, 1);
        var lines = m.ToTable().Split('\n');
        Assert.Equal(2 + MetricLine.All.Count, lines.Length);
        Assert.StartsWith("metric", lines[0], StringComparison.Ordinal);
        Assert.Contains("NPS", lines[5], StringComparison.Ordinal);
        Assert.Contains(Num.Show(m.Nps.Score), lines[5], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Equal(l, l.TrimEnd()));
    }

    [Fact]
    public void MetricsDisplay_ToMarkdown_EveryLineHasSameColumnCount()
    {
        var md = TableText.Markdown(TestData.Table(["team"], false, [["a|b"], [null]], 50));
        var lines = md.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + 3, lines.Length); // header, rule, overall, 2 groups
        var pipes = Regex.Count(lines[0].Replace("\\|", string.Empty, StringComparison.Ordinal), @"\|");
        Assert.All(lines, l => Assert.Equal(pipes, Regex.Count(l.Replace("\\|", string.Empty, StringComparison.Ordinal), @"\|")));
        Assert.Contains("a\\|b", md, StringComparison.Ordinal);
        Assert.Contains("(unknown)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsDisplay_ToHtml_DataValuesEqualJson()
    {
        var m = TestData.Metrics(700, 3);
        using var json = JsonDocument.Parse(MetricsJsonWriter.ToJson(m));
        var cells = HtmlNumbers.Cells(m.ToHtml());
        Assert.True(cells.Count >= MetricLine.All.Count);
        foreach (var (key, value) in cells)
        {
            HtmlNumbers.AssertEqualsJson(json.RootElement, key, value);
        }
    }

    [Fact]
    public void MetricsDisplay_Text_GroupedHasOverallThenGroups()
    {
        var table = TestData.ByPriority();
        var lines = TableText.Text(table).Split('\n');
        Assert.Equal(2 + 1 + 4, lines.Length);
        Assert.StartsWith("(all)", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("P4", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsDisplay_ToRows_OneRowWithFlatFigures()
    {
        var m = TestData.Metrics(300, 2);
        var row = Assert.Single(m.ToRows());
        Assert.Empty(row.Keys);
        Assert.Equal(m.Nps.Score, row.NpsScore);
        Assert.Equal(m.HandleTime.P90Seconds, row.AhtP90Seconds);
        Assert.Equal(m.SlaBreach.Ci95?.Upper, row.SlaCi95Upper);
        Assert.Equal(MetricsRow.ColumnNames.Count, RowColumns.IsCount.Length);
        Assert.Equal((double)m.Contacts, row.GetValue(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => row.GetValue(MetricsRow.ColumnNames.Count));
    }
}
