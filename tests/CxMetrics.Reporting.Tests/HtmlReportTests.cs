using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting.Tests;

public class HtmlReportTests
{
    [Fact]
    public void HtmlPage_Render_EveryShownNumberEqualsEmbeddedJson()
    {
        var content = TestData.Content();
        var html = HtmlPage.Render(content);
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"cx-report\">(.*?)</script>").Groups[1].Value;
        Assert.Equal(HtmlPage.Json(content), json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        // Cards: overall figures.
        var cards = html[html.IndexOf("id=\"overall\"", StringComparison.Ordinal)..html.IndexOf("<h2>Charts", StringComparison.Ordinal)];
        var cardCells = HtmlNumbers.Cells(cards);
        Assert.Equal(9, cardCells.Count);
        foreach (var (key, value) in cardCells)
        {
            HtmlNumbers.AssertEqualsJson(root.GetProperty("overall"), key, value);
        }

        // Table: one row per group after the overall row, in JSON order.
        var cells = HtmlNumbers.Rows(html, out var groups);
        Assert.Equal(6 * SummaryColumn.All.Count, cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var m = groups[i] == "overall" ? root.GetProperty("overall") : root.GetProperty("groups")[int.Parse(groups[i], System.Globalization.CultureInfo.InvariantCulture)];
            HtmlNumbers.AssertEqualsJson(m, cells[i].Key, cells[i].Value);
        }
    }

    [Fact]
    public void HtmlPage_Render_SelfContainedWithThreeDrawnCharts()
    {
        var html = HtmlPage.Render(TestData.Content());
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        var svgs = Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline);
        Assert.Equal(3, svgs.Count);
        foreach (Match svg in svgs)
        {
            var doc = XDocument.Parse(svg.Value);
            Assert.True(doc.Descendants().Count(e => ((string?)e.Attribute("class"))?.Contains("cx-mark", StringComparison.Ordinal) == true) >= 4);
        }

        Assert.Contains("id=\"chart-nps\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-sla\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-aht\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"num small\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlPage_Render_EscapesKeyText()
    {
        var content = TestData.Content() with { Main = TestData.Table(["team"], false, [["<script>alert(1)</script>"]], 40) };
        var html = HtmlPage.Render(content);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
