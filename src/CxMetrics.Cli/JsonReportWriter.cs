using System.Text.Encodings.Web;
using System.Text.Json;

namespace CxMetrics.Cli;

/// <summary>
/// Writes the JSON contract of <c>cxmetrics report --format json</c> (issue 5): every key always present, numbers
/// at full double precision (shortest round-trip form), <c>null</c> where there is nothing to count, counts as integers.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(Report report, Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("rows", report.Rows);
        w.WriteStartObject("invalid");
        foreach (var (column, count) in report.Invalid)
        {
            w.WriteNumber(column, count);
        }

        w.WriteEndObject();
        w.WritePropertyName("overall");
        w.WriteStartObject();
        Metrics(w, report.Overall, report.RepeatContactFcr, report.SmallSampleThreshold);
        w.WriteEndObject();
        w.WriteStartArray("groups");
        foreach (var group in report.Groups)
        {
            w.WriteStartObject();
            w.WriteStartObject("key");
            for (var k = 0; k < report.KeyNames.Count; k++)
            {
                if (group.Keys[k] is { } value)
                {
                    w.WriteString(report.KeyNames[k], value);
                }
                else
                {
                    w.WriteNull(report.KeyNames[k]);
                }
            }

            w.WriteEndObject();
            Metrics(w, group.Metrics, report.RepeatContactFcr, report.SmallSampleThreshold);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void Metrics(Utf8JsonWriter w, InteractionMetrics m, bool repeatContactFcr, int t)
    {
        w.WriteNumber("contacts", m.Contacts);

        w.WriteStartObject("csat");
        w.WriteNumber("responses", m.Csat.Responses);
        Number(w, "pct", m.Csat.Percent);
        Number(w, "mean", m.Csat.Mean);
        Interval(w, m.Csat.Ci95);
        SmallSample.Write(w, m, SmallSample.Metric.Csat, t);
        w.WriteEndObject();

        w.WriteStartObject("nps");
        w.WriteNumber("responses", m.Nps.Responses);
        w.WriteNumber("promoters", m.Nps.Promoters);
        w.WriteNumber("passives", m.Nps.Passives);
        w.WriteNumber("detractors", m.Nps.Detractors);
        Number(w, "score", m.Nps.Score);
        Interval(w, m.Nps.Ci95);
        SmallSample.Write(w, m, SmallSample.Metric.Nps, t);
        w.WriteEndObject();

        w.WriteStartObject("ces");
        w.WriteNumber("responses", m.Ces.Responses);
        Number(w, "mean", m.Ces.Mean);
        Number(w, "easy_pct", m.Ces.EasyPercent);
        SmallSample.Write(w, m, SmallSample.Metric.Ces, t);
        w.WriteEndObject();

        w.WriteStartObject("fcr");
        w.WriteNumber("known", m.Fcr.Known);
        Number(w, "pct", m.Fcr.Percent);
        Interval(w, m.Fcr.Ci95);
        if (repeatContactFcr)
        {
            w.WriteNumber("censored", m.Fcr.Censored ?? 0);
        }

        SmallSample.Write(w, m, SmallSample.Metric.Fcr, t);
        w.WriteEndObject();

        Duration(w, "aht", "handled", m.HandleTime);
        SmallSample.Write(w, m, SmallSample.Metric.HandleTime, t);
        w.WriteEndObject();

        w.WriteStartObject("sla");
        w.WriteNumber("measured", m.SlaBreach.Measured);
        w.WriteNumber("breached", m.SlaBreach.Breached);
        Number(w, "breach_pct", m.SlaBreach.BreachPercent);
        Interval(w, m.SlaBreach.Ci95);
        SmallSample.Write(w, m, SmallSample.Metric.Sla, t);
        w.WriteEndObject();

        Duration(w, "first_response", "measured", m.FirstResponse);
        SmallSample.Write(w, m, SmallSample.Metric.FirstResponse, t);
        w.WriteEndObject();

        Duration(w, "resolution", "measured", m.Resolution);
        SmallSample.Write(w, m, SmallSample.Metric.Resolution, t);
        w.WriteEndObject();
    }

    // Leaves the object open so the caller can add small_sample.
    private static void Duration(Utf8JsonWriter w, string name, string countName, DurationResult d)
    {
        w.WriteStartObject(name);
        w.WriteNumber(countName, d.Measured);
        Number(w, "mean_seconds", d.MeanSeconds);
        Number(w, "p50_seconds", d.P50Seconds);
        Number(w, "p90_seconds", d.P90Seconds);
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Interval(Utf8JsonWriter w, ConfidenceInterval? ci)
    {
        if (ci is { } c && double.IsFinite(c.Lower) && double.IsFinite(c.Upper))
        {
            w.WriteStartArray("ci95");
            w.WriteNumberValue(c.Lower);
            w.WriteNumberValue(c.Upper);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("ci95");
        }
    }
}
