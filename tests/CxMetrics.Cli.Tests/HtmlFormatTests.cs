using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxMetrics.Cli.Tests;

/// <summary><c>--format html</c> (owned by the analyst issue): every number in the page equals <c>--format json</c>.</summary>
public class HtmlFormatTests
{
    [Theory]
    [InlineData("channel", "month")]
    [InlineData("priority,channel", "week")]
    [InlineData(null, null)]
    public void Report_Html_EveryNumberEqualsJsonReport(string? by, string? period)
    {
        var data = Path.Combine(CliRunner.RepoRoot(), "samples", "data", "contacts.csv");
        List<string> options = ["--sla-policy", "P1=60,P2=300,P3=3600,P4=86400"];
        if (by is not null)
        {
            options.AddRange(["--by", by]);
        }

        if (period is not null)
        {
            options.AddRange(["--period", period]);
        }

        var (exit, json, err) = CliRunner.Run(["report", data, "--format", "json", .. options]);
        Assert.True(exit == 0, err);
        var htmlPath = CliRunner.TempFile("report.html");
        (exit, _, err) = CliRunner.Run(["report", data, "--format", "html", "--out", htmlPath, .. options]);
        Assert.True(exit == 0, err);
        var html = File.ReadAllText(htmlPath);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        // The page embeds a JSON report equal to the CLI's (as parsed values).
        var embedded = Regex.Match(html, "<script type=\"application/json\" id=\"cx-report\">(.*?)</script>").Groups[1].Value;
        using var embeddedDoc = JsonDocument.Parse(embedded);
        AssertSameNumbers(root, embeddedDoc.RootElement, "$");

        // Every figure cell of the table and every overall card.
        var checkedCells = 0;
        foreach (Match row in Regex.Matches(html, "<tr data-group=\"(?<g>[^\"]+)\">(?<body>.*?)</tr>"))
        {
            var g = row.Groups["g"].Value;
            var metrics = g == "overall" ? root.GetProperty("overall") : root.GetProperty("groups")[int.Parse(g, CultureInfo.InvariantCulture)];
            checkedCells += CheckCells(row.Groups["body"].Value, metrics);
        }

        var cards = html[html.IndexOf("id=\"overall\"", StringComparison.Ordinal)..html.IndexOf("<h2>Charts", StringComparison.Ordinal)];
        Assert.Equal(9, CheckCells(cards, root.GetProperty("overall")));
        var groups = root.GetProperty("groups").GetArrayLength();
        Assert.True(checkedCells >= (groups + 1) * 11, $"{checkedCells} cells checked for {groups} groups");
        Assert.Equal(3, Regex.Count(html, "<svg "));
    }

    private static int CheckCells(string html, JsonElement metrics)
    {
        var n = 0;
        foreach (Match c in Regex.Matches(html, "data-key=\"(?<key>[a-z0-9_.]+)\" data-value=\"(?<value>[^\"]*)\">(?<text>[^<]*)<"))
        {
            var e = metrics;
            foreach (var part in c.Groups["key"].Value.Split('.'))
            {
                e = e.GetProperty(part);
            }

            var value = c.Groups["value"].Value;
            var text = WebUtility.HtmlDecode(c.Groups["text"].Value);
            if (value.Length == 0)
            {
                Assert.Equal(JsonValueKind.Null, e.ValueKind);
                Assert.Equal("-", text);
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var parts = value.Split(',');
                Assert.Equal(e[0].GetDouble(), double.Parse(parts[0], CultureInfo.InvariantCulture));
                Assert.Equal(e[1].GetDouble(), double.Parse(parts[1], CultureInfo.InvariantCulture));
                Assert.Equal("[" + Show(e[0].GetDouble()) + ", " + Show(e[1].GetDouble()) + "]", text);
            }
            else
            {
                Assert.Equal(e.GetDouble(), double.Parse(value, CultureInfo.InvariantCulture));
                Assert.Equal(Show(e.GetDouble()), text);
            }

            n++;
        }

        return n;
    }

    private static string Show(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static void AssertSameNumbers(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(p.Name, out var a), $"{path}.{p.Name} missing from the page's JSON");
                    AssertSameNumbers(p.Value, a, path + "." + p.Name);
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSameNumbers(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: {expected} vs {actual}");
                break;
            default:
                Assert.True(expected.ValueKind == actual.ValueKind && expected.ToString() == actual.ToString(), $"{path}: {expected} vs {actual}");
                break;
        }
    }
}
