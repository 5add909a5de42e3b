using System.Xml.Linq;

namespace CxMetrics.Reporting.Tests;

public class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static int Marks(XDocument doc) => doc.Descendants().Count(e => ((string?)e.Attribute("class"))?.Split(' ').Contains("cx-mark") == true);

    [Fact]
    public void SvgChart_Line_PointsBandAndGap()
    {
        ChartPoint[] points =
        [
            new("W1", 10, 5, 15), new("W2", 12, 8, 16), new("W3", null), new("W4", -5, -20, 10), new("W5", 0, -3, 3), new("W6 <&>", 4),
        ];
        var doc = XDocument.Parse(SvgChart.Line("NPS", "NPS", points));
        Assert.Equal(5, doc.Descendants(Svg + "circle").Count());
        Assert.Equal(2, doc.Descendants(Svg + "polygon").Count()); // runs W1-W2 and W4-W5
        Assert.Equal(2, doc.Descendants(Svg + "polyline").Count()); // W1-W2 and W4-W6
        Assert.Equal(7, Marks(doc));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "W6 <&>");
    }

    [Fact]
    public void SvgChart_Line_HigherValueIsHigherOnPage()
    {
        var doc = XDocument.Parse(SvgChart.Line("t", "y", [new("a", 1), new("b", 50)]));
        var ys = doc.Descendants(Svg + "circle").Select(c => double.Parse((string)c.Attribute("cy")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(ys[1] < ys[0]);
        Assert.All(ys, y => Assert.InRange(y, 40, 256));
    }

    [Fact]
    public void SvgChart_Line_EmptySaysNoData()
    {
        var doc = XDocument.Parse(SvgChart.Line("t", "y", [new("a", null)]));
        Assert.Equal(0, Marks(doc));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "no data");
    }

    [Fact]
    public void SvgChart_Bars_OneRectPerValueAndErrorBars()
    {
        ChartSeries[] series =
        [
            new("p50", [new("chat", 100), new("phone", 300), new("email", null)]),
            new("p90", [new("chat", 250, 200, 300), new("phone", 900), new("email", 20)]),
        ];
        var doc = XDocument.Parse(SvgChart.Bars("AHT", "s", series));
        Assert.Equal(5, doc.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "cx-mark"));
        Assert.Single(doc.Descendants(Svg + "path"));
        Assert.Equal(6, Marks(doc));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "p90"); // legend
    }

    [Fact]
    public void SvgChart_Bars_InvalidSeriesThrow()
    {
        Assert.Throws<ArgumentException>(() => SvgChart.Bars("t", "y", []));
        Assert.Throws<ArgumentException>(() => SvgChart.Bars("t", "y", [new("a", [new("x", 1)]), new("b", [])]));
    }
}
