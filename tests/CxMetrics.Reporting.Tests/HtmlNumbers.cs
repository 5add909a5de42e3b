using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxMetrics.Reporting.Tests;

/// <summary>Reads the numbers a page shows (data-key, data-value, display text) and compares them with a JSON report.</summary>
internal static partial class HtmlNumbers
{
    [GeneratedRegex("data-key=\"(?<key>[a-z0-9_.]+)\" data-value=\"(?<value>[^\"]*)\">(?<text>[^<]*)<")]
    private static partial Regex CellRegex();

    public static List<(string Key, string Value)> Cells(string html)
    {
        var list = new List<(string, string)>();
        foreach (Match m in CellRegex().Matches(html))
        {
            var value = m.Groups["value"].Value;
            var text = WebUtility.HtmlDecode(m.Groups["text"].Value);
            // The shown text is the display form of the exact value.
            Assert.Equal(Show(value), text);
            list.Add((m.Groups["key"].Value, value));
        }

        return list;
    }

    public static List<(string Key, string Value)> Rows(string html, out List<string> groups)
    {
        groups = [];
        var all = new List<(string, string)>();
        foreach (Match row in Regex.Matches(html, "<tr data-group=\"(?<g>[^\"]+)\">(?<body>.*?)</tr>"))
        {
            foreach (var c in Cells(row.Groups["body"].Value))
            {
                groups.Add(row.Groups["g"].Value);
                all.Add(c);
            }
        }

        return all;
    }

    public static void AssertEqualsJson(JsonElement metrics, string key, string value)
    {
        var e = metrics;
        foreach (var part in key.Split('.'))
        {
            e = e.GetProperty(part);
        }

        if (value.Length == 0)
        {
            Assert.Equal(JsonValueKind.Null, e.ValueKind);
        }
        else if (value.Contains(',', StringComparison.Ordinal))
        {
            var parts = value.Split(',');
            Assert.Equal(e[0].GetDouble(), double.Parse(parts[0], CultureInfo.InvariantCulture));
            Assert.Equal(e[1].GetDouble(), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.Equal(e.GetDouble(), double.Parse(value, CultureInfo.InvariantCulture));
        }
    }

    private static string Show(string exact)
    {
        if (exact.Length == 0)
        {
            return "-";
        }

        var parts = exact.Split(',');
        var shown = Array.ConvertAll(parts, p => double.Parse(p, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture));
        return parts.Length == 2 ? "[" + shown[0] + ", " + shown[1] + "]" : shown[0];
    }
}
