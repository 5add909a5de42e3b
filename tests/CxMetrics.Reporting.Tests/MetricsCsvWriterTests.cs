using System.Globalization;

namespace CxMetrics.Reporting.Tests;

public class MetricsCsvWriterTests
{
    [Fact]
    public void MetricsCsvWriter_Write_RoundTripsEveryFigure()
    {
        var m = TestData.Metrics(900, 5);
        var rows = new List<MetricsRow> { new(["chat, \"live\""], "2026-W41", m), new([null], null, m) };
        var lines = MetricsCsvWriter.ToCsv(rows, ["channel"], includePeriod: true).TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("channel,period," + string.Join(',', MetricsRow.ColumnNames), lines[0]);
        Assert.StartsWith("\"chat, \"\"live\"\"\",2026-W41,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(",,", lines[2], StringComparison.Ordinal);
        var cells = lines[2].Split(',')[2..];
        Assert.Equal(MetricsRow.ColumnNames.Count, cells.Length);
        for (var c = 0; c < cells.Length; c++)
        {
            var expected = rows[1].GetValue(c);
            Assert.Equal(expected, cells[c].Length == 0 ? null : double.Parse(cells[c], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void MetricsCsvWriter_Write_NullFiguresAreEmptyCells()
    {
        using var empty = new InteractionBatch(0);
        var m = InteractionMetrics.Compute(empty);
        var line = MetricsCsvWriter.ToCsv(m.ToRows(), [], includePeriod: false).Split('\n')[1];
        Assert.StartsWith("0,0,,,,,", line, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", line, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsCsvWriter_Write_KeyCountMismatchThrows()
    {
        var m = TestData.Metrics(10, 5);
        Assert.Throws<ArgumentException>(() => MetricsCsvWriter.ToCsv([new MetricsRow(["a", "b"], null, m)], ["channel"], false));
    }
}
