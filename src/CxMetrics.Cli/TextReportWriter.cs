using System.Globalization;
using System.Text;
using CxMetrics.IO.Internal;
using Spectre.Console;

namespace CxMetrics.Cli;

/// <summary>The human outputs (terminal table, markdown) and the flat CSV output of a report.</summary>
internal static class TextReportWriter
{
    /// <summary>Rows per terminal table; a longer report is written as several tables.</summary>
    internal const int TableBlock = 2000;

    private static readonly string[] Headers =
    [
        "contacts", "CSAT %", "NPS", "CES", "FCR %", "AHT", "AHT p90", "SLA breach %", "1st resp p50", "resolution p50",
    ];

    private static IEnumerable<(IReadOnlyList<string?>? Keys, InteractionMetrics Metrics)> Rows(Report report)
    {
        foreach (var g in report.Groups)
        {
            yield return (g.Keys, g.Metrics);
        }

        yield return (null, report.Overall);
    }

    private static string[] Cells(InteractionMetrics m) =>
    [
        I(m.Contacts), F(m.Csat.Percent), F(m.Nps.Score), F(m.Ces.Mean, "0.00"), F(m.Fcr.Percent),
        T(m.HandleTime.MeanSeconds), T(m.HandleTime.P90Seconds), F(m.SlaBreach.BreachPercent),
        T(m.FirstResponse.P50Seconds), T(m.Resolution.P50Seconds),
    ];

    /// <summary>A compact duration: 47.4s, 9m41s, 9h44m, 3d04h.</summary>
    internal static string T(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s))
        {
            return "-";
        }

        var c = CultureInfo.InvariantCulture;
        if (s < 59.95)
        {
            return s.ToString("0.0", c) + "s";
        }

        var whole = (long)Math.Round(s);
        return whole switch
        {
            < 3600 => string.Create(c, $"{whole / 60}m{whole % 60:00}s"),
            < 86400 => string.Create(c, $"{whole / 3600}h{whole % 3600 / 60:00}m"),
            _ => string.Create(c, $"{whole / 86400}d{whole % 86400 / 3600:00}h"),
        };
    }

    private static string I(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double? v, string format = "0.0") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>
    /// A key as a terminal or markdown cell: "(unknown)" for null, control characters as escapes (a key text from the data
    /// cannot move the cursor, recolour or clear the analyst's terminal). JSON escapes them itself; CSV keeps the text.
    /// </summary>
    private static string KeyText(string? key) => key is null ? "(unknown)" : ControlCharacters.Escape(key);

    /// <summary>A terminal table (Spectre.Console), one line per group and a total line.</summary>
    public static void WriteTable(Report report, TextWriter output, bool ansi)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!ansi)
        {
            console.Profile.Width = 240;
        }

        // Spectre.Console lays out a whole table in memory before it writes a line (about 25 KB per row), so a report with
        // tens of thousands of groups is written as tables of TableBlock rows each, every one with the header.
        Table NewTable()
        {
            var t = new Table().Border(TableBorder.Rounded);
            foreach (var name in report.KeyNames)
            {
                t.AddColumn(new TableColumn(Markup.Escape(name)));
            }

            foreach (var h in Headers)
            {
                t.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
            }

            return t;
        }

        var table = NewTable();
        foreach (var (keys, metrics) in Rows(report))
        {
            if (table.Rows.Count == TableBlock)
            {
                console.Write(table);
                table = NewTable();
            }

            var cells = new List<string>();
            for (var k = 0; k < report.KeyNames.Count; k++)
            {
                cells.Add(keys is null ? (k == 0 ? "[bold]all[/]" : string.Empty) : Markup.Escape(KeyText(keys[k])));
            }

            foreach (var c in Cells(metrics))
            {
                cells.Add(keys is null ? $"[bold]{Markup.Escape(c)}[/]" : Markup.Escape(c));
            }

            table.AddRow(cells.ToArray());
        }

        var title = string.Create(CultureInfo.InvariantCulture, $"{report.Rows:N0} rows");
        if (report.Invalid.Count > 0)
        {
            var lost = new StringBuilder();
            foreach (var (column, count) in report.Invalid)
            {
                lost.Append(CultureInfo.InvariantCulture, $"{(lost.Length > 0 ? ", " : string.Empty)}{column} {count}");
            }

            title += $"; unreadable cells read as empty: {lost}";
        }

        table.Caption(Markup.Escape(title + "; AHT = mean handle time, p50/p90 = median/90th percentile; --format json for every value"));
        console.Write(table);
    }

    /// <summary>A GitHub-flavoured markdown table.</summary>
    public static void WriteMarkdown(Report report, TextWriter output)
    {
        var header = new List<string>(report.KeyNames);
        header.AddRange(Headers);
        output.Write("| " + string.Join(" | ", header) + " |\n");
        output.Write("|" + string.Concat(Enumerable.Repeat("---|", report.KeyNames.Count)) + string.Concat(Enumerable.Repeat("---:|", Headers.Length)) + "\n");
        foreach (var (keys, metrics) in Rows(report))
        {
            var cells = new List<string>();
            for (var k = 0; k < report.KeyNames.Count; k++)
            {
                cells.Add(keys is null ? (k == 0 ? "**all**" : string.Empty) : Md(KeyText(keys[k])));
            }

            cells.AddRange(Cells(metrics));
            output.Write("| " + string.Join(" | ", cells) + " |\n");
        }

        output.Write(string.Create(CultureInfo.InvariantCulture, $"\n{report.Rows} rows"));
        foreach (var (column, count) in report.Invalid)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"; {Md(column)}: {count} unreadable cells"));
        }

        output.Write("\n");

        static string Md(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
    }

    private static readonly string[] CsvHeaders =
    [
        "contacts",
        "csat_responses", "csat_pct", "csat_mean", "csat_ci95_low", "csat_ci95_high",
        "nps_responses", "nps_promoters", "nps_passives", "nps_detractors", "nps_score", "nps_ci95_low", "nps_ci95_high",
        "ces_responses", "ces_mean", "ces_easy_pct",
        "fcr_known", "fcr_pct", "fcr_ci95_low", "fcr_ci95_high", "fcr_censored",
        "aht_handled", "aht_mean_seconds", "aht_p50_seconds", "aht_p90_seconds",
        "sla_measured", "sla_breached", "sla_breach_pct", "sla_ci95_low", "sla_ci95_high",
        "first_response_measured", "first_response_mean_seconds", "first_response_p50_seconds", "first_response_p90_seconds",
        "resolution_measured", "resolution_mean_seconds", "resolution_p50_seconds", "resolution_p90_seconds",
    ];

    /// <summary>One CSV line per group and one for the whole file (scope = overall), numbers at full precision.</summary>
    public static void WriteCsv(Report report, TextWriter output)
    {
        var header = new List<string> { "scope" };
        header.AddRange(report.KeyNames);
        header.AddRange(CsvHeaders);
        output.Write(string.Join(",", header) + "\n");
        foreach (var (keys, m) in Rows(report))
        {
            // Cells go straight to the output: a report by agent and day has tens of thousands of lines.
            output.Write(keys is null ? "overall" : "group");
            for (var k = 0; k < report.KeyNames.Count; k++)
            {
                output.Write(',');
                output.Write(keys is null ? string.Empty : Csv(keys[k] ?? string.Empty));
            }

            L(m.Contacts);
            L(m.Csat.Responses); D(m.Csat.Percent); D(m.Csat.Mean); D(m.Csat.Ci95?.Lower); D(m.Csat.Ci95?.Upper);
            L(m.Nps.Responses); L(m.Nps.Promoters); L(m.Nps.Passives); L(m.Nps.Detractors); D(m.Nps.Score); D(m.Nps.Ci95?.Lower); D(m.Nps.Ci95?.Upper);
            L(m.Ces.Responses); D(m.Ces.Mean); D(m.Ces.EasyPercent);
            L(m.Fcr.Known); D(m.Fcr.Percent); D(m.Fcr.Ci95?.Lower); D(m.Fcr.Ci95?.Upper);
            if (m.Fcr.Censored is { } c)
            {
                L(c);
            }
            else
            {
                output.Write(',');
            }

            L(m.HandleTime.Measured); D(m.HandleTime.MeanSeconds); D(m.HandleTime.P50Seconds); D(m.HandleTime.P90Seconds);
            L(m.SlaBreach.Measured); L(m.SlaBreach.Breached); D(m.SlaBreach.BreachPercent); D(m.SlaBreach.Ci95?.Lower); D(m.SlaBreach.Ci95?.Upper);
            L(m.FirstResponse.Measured); D(m.FirstResponse.MeanSeconds); D(m.FirstResponse.P50Seconds); D(m.FirstResponse.P90Seconds);
            L(m.Resolution.Measured); D(m.Resolution.MeanSeconds); D(m.Resolution.P50Seconds); D(m.Resolution.P90Seconds);
            output.Write('\n');
        }

        void L(long v)
        {
            Span<char> text = stackalloc char[24];
            v.TryFormat(text, out var n, default, CultureInfo.InvariantCulture);
            output.Write(',');
            output.Write(text[..n]);
        }

        void D(double? v)
        {
            output.Write(',');
            if (v is { } x && double.IsFinite(x))
            {
                Span<char> text = stackalloc char[32];
                x.TryFormat(text, out var n, "R", CultureInfo.InvariantCulture);
                output.Write(text[..n]);
            }
        }

        static string Csv(string s) => s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
