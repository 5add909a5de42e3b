using System.Text.Json;
using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting;

/// <summary>
/// Writes results in the JSON shape of <c>cxmetrics report --format json</c> (docs/cli.md): every key always present,
/// numbers at full double precision (shortest round-trip), <c>null</c> where there is nothing to count.
/// </summary>
public static class MetricsJsonWriter
{
    /// <summary>Pending bytes after which a group's end flushes the writer.</summary>
    private const int FlushBytes = 1 << 16;

    /// <summary>Writes the metric object of one set of contacts (<c>{"contacts": n, "csat": {...}, ...}</c>).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="metrics">The metrics.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteMetrics(Utf8JsonWriter writer, InteractionMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metrics);
        writer.WriteStartObject();
        WriteMetricProperties(writer, metrics, null);
        writer.WriteEndObject();
    }

    /// <summary>Serializes the metric object of one set of contacts to a string.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The JSON text (one line).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    public static string ToJson(InteractionMetrics metrics)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, default(JsonWriterOptions)))
        {
            WriteMetrics(writer, metrics);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>
    /// Writes a whole report as <c>cxmetrics report --format json</c> does: <c>rows</c>, <c>invalid</c>, <c>overall</c> and
    /// <c>groups</c> (each with its <c>key</c> object), with a <c>small_sample</c> flag in every metric object.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="result">The grouped result.</param>
    /// <param name="grouping">The options it was computed with (they name the keys).</param>
    /// <param name="rows">Input rows (<c>null</c>: the overall contact count).</param>
    /// <param name="invalid">Cells lost per column in lenient mode, or null.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The options do not match the result's keys.</exception>
    public static void WriteReport(Utf8JsonWriter writer, GroupedMetrics result, GroupingOptions grouping, long? rows = null, IReadOnlyDictionary<string, long>? invalid = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var table = ReportTable.From(result, grouping);
        WriteReport(writer, table, rows ?? result.Overall.Contacts, invalid);
    }

    /// <summary>Serializes a whole report to a string (see <see cref="WriteReport(Utf8JsonWriter, GroupedMetrics, GroupingOptions, long?, IReadOnlyDictionary{string, long}?)"/>).</summary>
    /// <param name="result">The grouped result.</param>
    /// <param name="grouping">The options it was computed with.</param>
    /// <returns>The JSON text (one line).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options do not match the result's keys.</exception>
    public static string ToJson(GroupedMetrics result, GroupingOptions grouping)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, default(JsonWriterOptions)))
        {
            WriteReport(writer, result, grouping);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes a whole report: rows, invalid cells per column, overall and groups.</summary>
    internal static void WriteReport(Utf8JsonWriter writer, ReportTable table, long rows, IReadOnlyDictionary<string, long>? invalid)
    {
        writer.WriteStartObject();
        writer.WriteNumber("rows", rows);
        writer.WriteStartObject("invalid");
        if (invalid is not null)
        {
            foreach (var (column, count) in invalid)
            {
                if (count > 0)
                {
                    writer.WriteNumber(column, count);
                }
            }
        }

        writer.WriteEndObject();
        writer.WritePropertyName("overall");
        writer.WriteStartObject();
        WriteMetricProperties(writer, table.Overall, table.SmallSampleThreshold);
        writer.WriteEndObject();
        writer.WriteStartArray("groups");
        foreach (var g in table.Groups)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("key");
            for (var i = 0; i < table.KeyNames.Count; i++)
            {
                WriteText(writer, table.KeyNames[i], g.Keys[i]);
            }

            if (table.HasPeriod)
            {
                WriteText(writer, "period", g.Period);
            }

            writer.WriteEndObject();
            WriteMetricProperties(writer, g.Metrics, table.SmallSampleThreshold);
            writer.WriteEndObject();
            if (writer.BytesPending >= FlushBytes)
            {
                writer.Flush(); // a stream destination receives the report as it grows, not whole at the end
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteMetricProperties(Utf8JsonWriter w, InteractionMetrics m, int? small)
    {
        w.WriteNumber("contacts", m.Contacts);

        w.WriteStartObject("csat");
        w.WriteNumber("responses", m.Csat.Responses);
        Number(w, "pct", m.Csat.Percent);
        Number(w, "mean", m.Csat.Mean);
        Interval(w, m.Csat.Ci95);
        Small(w, small, m.Csat.Responses);
        w.WriteEndObject();

        w.WriteStartObject("nps");
        w.WriteNumber("responses", m.Nps.Responses);
        w.WriteNumber("promoters", m.Nps.Promoters);
        w.WriteNumber("passives", m.Nps.Passives);
        w.WriteNumber("detractors", m.Nps.Detractors);
        Number(w, "score", m.Nps.Score);
        Interval(w, m.Nps.Ci95);
        Small(w, small, m.Nps.Responses);
        w.WriteEndObject();

        w.WriteStartObject("ces");
        w.WriteNumber("responses", m.Ces.Responses);
        Number(w, "mean", m.Ces.Mean);
        Number(w, "easy_pct", m.Ces.EasyPercent);
        Small(w, small, m.Ces.Responses);
        w.WriteEndObject();

        w.WriteStartObject("fcr");
        w.WriteNumber("known", m.Fcr.Known);
        Number(w, "pct", m.Fcr.Percent);
        Interval(w, m.Fcr.Ci95);
        if (m.Fcr.Censored is { } censored)
        {
            w.WriteNumber("censored", censored);
        }

        Small(w, small, m.Fcr.Known);

        w.WriteEndObject();

        Duration(w, "aht", "handled", m.HandleTime, small);

        w.WriteStartObject("sla");
        w.WriteNumber("measured", m.SlaBreach.Measured);
        w.WriteNumber("breached", m.SlaBreach.Breached);
        Number(w, "breach_pct", m.SlaBreach.BreachPercent);
        Interval(w, m.SlaBreach.Ci95);
        Small(w, small, m.SlaBreach.Measured);
        w.WriteEndObject();

        Duration(w, "first_response", "measured", m.FirstResponse, small);
        Duration(w, "resolution", "measured", m.Resolution, small);
    }

    private static void Duration(Utf8JsonWriter w, string name, string countName, DurationResult d, int? small)
    {
        w.WriteStartObject(name);
        w.WriteNumber(countName, d.Measured);
        Number(w, "mean_seconds", d.MeanSeconds);
        Number(w, "p50_seconds", d.P50Seconds);
        Number(w, "p90_seconds", d.P90Seconds);
        Small(w, small, d.Measured);
        w.WriteEndObject();
    }

    private static void Small(Utf8JsonWriter w, int? threshold, long n)
    {
        if (threshold is { } t)
        {
            w.WriteBoolean("small_sample", n < t);
        }
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

    private static void WriteText(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
