using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CxMetrics.Reporting.Internal;

/// <summary>
/// Renders a <see cref="ReportContent"/> as one self-contained HTML page: inline CSS and SVG, no external resource.
/// The page embeds its JSON report (<c>script#cx-report</c>, the same writer as the JSON output) and a small inline
/// script that counts each chart's marks into <c>#cx-check</c> (used by the headless-browser test; the page does not
/// need script to display).
/// </summary>
internal static class HtmlPage
{
    private const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 1360px; padding: 0 24px; color: #111827; background: #f9fafb; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 10px; }
        .sub { color: #4b5563; margin: 0 0 16px; font-size: 13px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 10px; }
        .card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 12px; }
        .card .label { font-size: 12px; color: #4b5563; } .card .value { font-size: 22px; font-weight: 600; margin-top: 2px; }
        .card .detail { font-size: 11px; color: #6b7280; margin-top: 2px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(640px, 1fr)); gap: 14px; }
        figure { margin: 0; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 8px; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 12px; color: #4b5563; padding: 4px 6px 0; }
        .table-wrap { overflow-x: auto; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; }
        table.cx-table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
        .cx-table th, .cx-table td { padding: 5px 9px; border-bottom: 1px solid #f3f4f6; white-space: nowrap; text-align: left; }
        .cx-table thead th { background: #f3f4f6; position: sticky; top: 0; }
        .cx-table .num { text-align: right; font-variant-numeric: tabular-nums; }
        .cx-table tr[data-group="overall"] { font-weight: 600; background: #eff6ff; }
        .cx-table td.small { color: #9ca3af; font-style: italic; }
        footer { color: #6b7280; font-size: 12px; margin: 24px 0; }
        """;

    private const string Check = """
        (function () {
          var errors = [];
          window.addEventListener('error', function (e) { errors.push(String(e.message)); });
          function run() {
            var charts = {};
            document.querySelectorAll('svg.cx-chart').forEach(function (svg, i) {
              var id = svg.closest('figure') ? svg.closest('figure').id : 'chart' + i;
              charts[id] = svg.querySelectorAll('.cx-mark').length;
            });
            var out = document.getElementById('cx-check');
            out.textContent = JSON.stringify({ charts: charts, errors: errors });
            out.setAttribute('data-done', 'true');
          }
          if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', run); } else { run(); }
        })();
        """;

    /// <summary>The whole page.</summary>
    public static string Render(ReportContent content)
    {
        var main = content.Main;
        var o = main.Overall;
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(E(content.Title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n")
          .Append("<h1>").Append(E(content.Title)).Append("</h1>\n<p class=\"sub\">")
          .Append(E(Num.Show(content.Rows))).Append(" rows");
        if (main.KeyHeaders.Count > 0)
        {
            sb.Append(" · grouped by ").Append(E(string.Join(", ", main.KeyHeaders)));
        }

        if (content.Subtitle is not null)
        {
            sb.Append(" · ").Append(E(content.Subtitle));
        }

        sb.Append("</p>\n<h2>Overall</h2>\n<section class=\"cards\" id=\"overall\">\n");
        Card(sb, "Contacts", "contacts", o.Contacts, null, null);
        Card(sb, "CSAT %", "csat.pct", o.Csat.Percent, o.Csat.Ci95, "n = " + Num.Show(o.Csat.Responses));
        Card(sb, "NPS", "nps.score", o.Nps.Score, o.Nps.Ci95, "n = " + Num.Show(o.Nps.Responses));
        Card(sb, "CES mean", "ces.mean", o.Ces.Mean, null, "easy " + Num.Show(o.Ces.EasyPercent) + " % · n = " + Num.Show(o.Ces.Responses));
        Card(sb, "FCR %", "fcr.pct", o.Fcr.Percent, o.Fcr.Ci95, "n = " + Num.Show(o.Fcr.Known));
        Card(sb, "AHT mean s", "aht.mean_seconds", o.HandleTime.MeanSeconds, null, "p50 " + Num.Show(o.HandleTime.P50Seconds) + " · p90 " + Num.Show(o.HandleTime.P90Seconds));
        Card(sb, "SLA breach %", "sla.breach_pct", o.SlaBreach.BreachPercent, o.SlaBreach.Ci95, Num.Show(o.SlaBreach.Breached) + " of " + Num.Show(o.SlaBreach.Measured));
        Card(sb, "1st response p50 s", "first_response.p50_seconds", o.FirstResponse.P50Seconds, null, "p90 " + Num.Show(o.FirstResponse.P90Seconds));
        Card(sb, "Resolution p50 s", "resolution.p50_seconds", o.Resolution.P50Seconds, null, "p90 " + Num.Show(o.Resolution.P90Seconds));
        sb.Append("</section>\n<h2>Charts</h2>\n<section class=\"charts\">\n");

        var period = content.ByPeriod.HasPeriod ? "period" : "group";
        Figure(sb, "chart-nps", SvgChart.Line("NPS by " + period + " with 95% interval", "NPS", ChartData.Nps(content.ByPeriod)),
            "NPS per " + period + "; the band is the 95% interval (normal approximation of the promoter/detractor difference).");
        Figure(sb, "chart-sla", SvgChart.Bars("SLA breach rate by priority", "breach rate %", ChartData.SlaBreach(content.ByPriority)),
            "Share of measured contacts whose first response exceeded the target; whiskers are 95% Wilson intervals.");
        Figure(sb, "chart-aht", SvgChart.Bars("Handle time p50 / p90 by channel", "seconds", ChartData.HandleTime(content.ByChannel)),
            "Handle time (talk + hold + wrap) percentiles, seconds.");
        sb.Append("</section>\n<h2>").Append(main.Groups.Count == 0 ? "All figures" : "By group").Append("</h2>\n<div class=\"table-wrap\">\n")
          .Append(TableText.Html(main)).Append("\n</div>\n");
        if (main.SmallSampleThreshold is { } t && main.Groups.Count > 0)
        {
            sb.Append("<p class=\"sub\">Grey italic figures rest on fewer than ").Append(t).Append(" answers or measured contacts.</p>\n");
        }

        sb.Append("<footer>Generated by CxMetrics. Figures show at most two decimals; each cell's <code>data-value</code> and the embedded JSON report hold full precision.</footer>\n")
          .Append("<script type=\"application/json\" id=\"cx-report\">").Append(Json(content)).Append("</script>\n")
          .Append("<pre id=\"cx-check\" hidden></pre>\n<script>\n").Append(Check).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The JSON report of the main table (what <c>--format json</c> prints), HTML-safe.</summary>
    public static string Json(ReportContent content)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            MetricsJsonWriter.WriteReport(writer, content.Main, content.Rows, content.Invalid);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Card(StringBuilder sb, string label, string key, double? value, ConfidenceInterval? ci, string? detail)
    {
        sb.Append("<div class=\"card\"><div class=\"label\">").Append(E(label)).Append("</div><div class=\"value\" data-key=\"").Append(key)
          .Append("\" data-value=\"").Append(Num.Exact(value)).Append("\">").Append(Num.Show(value)).Append("</div>");
        if (ci is not null || detail is not null)
        {
            sb.Append("<div class=\"detail\">");
            if (ci is not null)
            {
                sb.Append("95% ").Append(Num.Show(ci)).Append(detail is null ? string.Empty : " · ");
            }

            sb.Append(E(detail ?? string.Empty)).Append("</div>");
        }

        sb.Append("</div>\n");
    }

    private static void Figure(StringBuilder sb, string id, string svg, string caption) =>
        sb.Append("<figure id=\"").Append(id).Append("\">\n").Append(svg).Append("\n<figcaption>").Append(E(caption)).Append("</figcaption>\n</figure>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
