using System.Text.Encodings.Web;
using System.Text.Json;
using CxMetrics.Reporting;

namespace CxMetrics.Cli;

/// <summary>
/// Writes the JSON contract of <c>cxmetrics report --format json</c> (issue 5, docs/cli.md) through
/// <see cref="MetricsJsonWriter"/>: every key always present, numbers at full double precision (shortest round-trip form),
/// <c>null</c> where there is nothing to count, counts as integers, <c>small_sample</c> in every metric object and
/// <c>fcr.censored</c> in repeat-contact mode. Indented, with a final line break.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(Report report, ReportSettings settings, Stream output)
    {
        using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            MetricsJsonWriter.WriteReport(w, ReportGrouping.Result(report, settings), ReportGrouping.Options(settings), report.Rows, report.Invalid);
        }

        output.WriteByte((byte)'\n');
    }
}
