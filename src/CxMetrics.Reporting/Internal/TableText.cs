using System.Net;
using System.Text;

namespace CxMetrics.Reporting.Internal;

/// <summary>Renders a <see cref="ReportTable"/> as aligned text, Markdown or an HTML table (same cells in each).</summary>
internal static class TableText
{
    private const string Overall = "(all)";

    /// <summary>Header and cell texts: the vertical layout for an ungrouped table, else one row per group after an overall row.</summary>
    public static (string[] Header, List<string[]> Rows, int KeyColumns) Cells(ReportTable table)
    {
        var rows = new List<string[]>();
        if (table.Groups.Count == 0 && table.KeyHeaders.Count == 0)
        {
            foreach (var line in MetricLine.All)
            {
                var n = line.N(table.Overall);
                rows.Add([line.Name, Num.Show(line.Value(table.Overall)), line.Interval is null ? string.Empty : Num.Show(line.Interval(table.Overall)), Num.Show(n)]);
            }

            return (["metric", "value", "ci95", "n"], rows, 1);
        }

        var keys = table.KeyHeaders;
        var header = new string[keys.Count + SummaryColumn.All.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            header[i] = keys[i];
        }

        for (var i = 0; i < SummaryColumn.All.Count; i++)
        {
            header[keys.Count + i] = SummaryColumn.All[i].Header;
        }

        rows.Add(Row(keys.Count, [], table.Overall, Overall));
        foreach (var g in table.Groups)
        {
            rows.Add(Row(keys.Count, ReportTable.KeyCells(g, table.HasPeriod), g.Metrics, null));
        }

        return (header, rows, keys.Count);

        static string[] Row(int keyCount, IReadOnlyList<string?> keyCells, InteractionMetrics m, string? overall)
        {
            var r = new string[keyCount + SummaryColumn.All.Count];
            for (var i = 0; i < keyCount; i++)
            {
                r[i] = overall is not null ? (i == 0 ? overall : string.Empty) : keyCells[i] ?? "(unknown)";
            }

            for (var i = 0; i < SummaryColumn.All.Count; i++)
            {
                r[keyCount + i] = SummaryColumn.All[i].Show(m);
            }

            return r;
        }
    }

    /// <summary>Aligned plain text: key columns left-aligned, figures right-aligned.</summary>
    public static string Text(ReportTable table)
    {
        var (header, rows, keyColumns) = Cells(table);
        var widths = new int[header.Length];
        for (var c = 0; c < header.Length; c++)
        {
            widths[c] = header[c].Length;
            foreach (var r in rows)
            {
                widths[c] = Math.Max(widths[c], r[c].Length);
            }
        }

        var sb = new StringBuilder();
        Line(sb, header, widths, keyColumns);
        for (var c = 0; c < header.Length; c++)
        {
            sb.Append(c == 0 ? string.Empty : "  ").Append('-', widths[c]);
        }

        sb.Append('\n');
        foreach (var r in rows)
        {
            Line(sb, r, widths, keyColumns);
        }

        sb.Length--;
        return sb.ToString();

        static void Line(StringBuilder sb, string[] cells, int[] widths, int keyColumns)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                if (c > 0)
                {
                    sb.Append("  ");
                }

                sb.Append(c < keyColumns ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]));
            }

            while (sb.Length > 0 && sb[^1] == ' ')
            {
                sb.Length--;
            }

            sb.Append('\n');
        }
    }

    /// <summary>A GitHub-flavoured Markdown table (figures right-aligned, pipes escaped).</summary>
    public static string Markdown(ReportTable table)
    {
        var (header, rows, keyColumns) = Cells(table);
        var sb = new StringBuilder();
        Line(sb, header);
        sb.Append('|');
        for (var c = 0; c < header.Length; c++)
        {
            sb.Append(c < keyColumns ? " --- |" : " ---: |");
        }

        sb.Append('\n');
        foreach (var r in rows)
        {
            Line(sb, r);
        }

        return sb.ToString();

        static void Line(StringBuilder sb, string[] cells)
        {
            sb.Append('|');
            foreach (var cell in cells)
            {
                sb.Append(' ').Append(cell.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            }

            sb.Append('\n');
        }
    }

    /// <summary>
    /// An HTML <c>table</c> element. Each figure cell carries <c>data-key</c> (its JSON report path) and
    /// <c>data-value</c> (full precision, empty when null; "lo,hi" for intervals) so a page can be checked against the JSON report.
    /// </summary>
    public static string Html(ReportTable table)
    {
        var sb = new StringBuilder();
        var (header, _, keyColumns) = Cells(table);
        sb.Append("<table class=\"cx-table\">\n<thead><tr>");
        for (var c = 0; c < header.Length; c++)
        {
            sb.Append(c < keyColumns ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">").Append(WebUtility.HtmlEncode(header[c])).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        if (table.Groups.Count == 0 && table.KeyHeaders.Count == 0)
        {
            foreach (var line in MetricLine.All)
            {
                var m = table.Overall;
                sb.Append("<tr data-group=\"overall\"><th scope=\"row\">").Append(WebUtility.HtmlEncode(line.Name)).Append("</th>");
                Cell(sb, line.JsonPath, line.Value(m));
                if (line.Interval is null)
                {
                    sb.Append("<td></td>");
                }
                else
                {
                    IntervalCell(sb, line.JsonPath[..line.JsonPath.IndexOf('.', StringComparison.Ordinal)] + ".ci95", line.Interval(m));
                }

                sb.Append("<td class=\"num\">").Append(Num.Show(line.N(m))).Append("</td></tr>\n");
            }
        }
        else
        {
            Group(sb, table, "overall", [], table.Overall);
            for (var i = 0; i < table.Groups.Count; i++)
            {
                var g = table.Groups[i];
                Group(sb, table, i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportTable.KeyCells(g, table.HasPeriod), g.Metrics);
            }
        }

        sb.Append("</tbody>\n</table>");
        return sb.ToString();

        static void Group(StringBuilder sb, ReportTable table, string id, IReadOnlyList<string?> keyCells, InteractionMetrics m)
        {
            sb.Append("<tr data-group=\"").Append(id).Append("\">");
            var keyCount = table.KeyHeaders.Count;
            for (var i = 0; i < keyCount; i++)
            {
                var text = id == "overall" ? (i == 0 ? Overall : string.Empty) : keyCells[i] ?? "(unknown)";
                sb.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(WebUtility.HtmlEncode(text)).Append(i == 0 ? "</th>" : "</td>");
            }

            foreach (var col in SummaryColumn.All)
            {
                var small = table.SmallSampleThreshold is { } t && col.N is not null && col.N(m) < t;
                if (col.Interval is not null)
                {
                    IntervalCell(sb, col.JsonPath, col.Interval(m), small);
                }
                else
                {
                    Cell(sb, col.JsonPath, col.Value!(m), small);
                }
            }

            sb.Append("</tr>\n");
        }

        static void Cell(StringBuilder sb, string key, double? value, bool small = false) =>
            sb.Append(small ? "<td class=\"num small\" data-key=\"" : "<td class=\"num\" data-key=\"").Append(key).Append("\" data-value=\"").Append(Num.Exact(value)).Append("\">")
              .Append(Num.Show(value)).Append("</td>");

        static void IntervalCell(StringBuilder sb, string key, ConfidenceInterval? ci, bool small = false) =>
            sb.Append(small ? "<td class=\"num small\" data-key=\"" : "<td class=\"num\" data-key=\"").Append(key).Append("\" data-value=\"")
              .Append(ci is null ? string.Empty : Num.Exact(ci.Value.Lower) + "," + Num.Exact(ci.Value.Upper)).Append("\">")
              .Append(Num.Show(ci)).Append("</td>");
    }
}
