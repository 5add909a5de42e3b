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
        var keyNames = new JsonEncodedText[table.KeyNames.Count];
        for (var i = 0; i < keyNames.Length; i++)
        {
            keyNames[i] = JsonEncodedText.Encode(table.KeyNames[i]);
        }

        foreach (var g in table.Groups)
        {
            writer.WriteStartObject();
            writer.WriteStartObject(Names.Key);
            for (var i = 0; i < keyNames.Length; i++)
            {
                WriteText(writer, keyNames[i], g.Keys[i]);
            }

            if (table.HasPeriod)
            {
                WriteText(writer, Names.Period, g.Period);
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
        w.WriteNumber(Names.Contacts, m.Contacts);

        w.WriteStartObject(Names.Csat);
        w.WriteNumber(Names.Responses, m.Csat.Responses);
        Number(w, Names.Pct, m.Csat.Percent);
        Number(w, Names.Mean, m.Csat.Mean);
        Interval(w, m.Csat.Ci95);
        Small(w, small, m.Csat.Responses);
        w.WriteEndObject();

        w.WriteStartObject(Names.Nps);
        w.WriteNumber(Names.Responses, m.Nps.Responses);
        w.WriteNumber(Names.Promoters, m.Nps.Promoters);
        w.WriteNumber(Names.Passives, m.Nps.Passives);
        w.WriteNumber(Names.Detractors, m.Nps.Detractors);
        Number(w, Names.Score, m.Nps.Score);
        Interval(w, m.Nps.Ci95);
        Small(w, small, m.Nps.Responses);
        w.WriteEndObject();

        w.WriteStartObject(Names.Ces);
        w.WriteNumber(Names.Responses, m.Ces.Responses);
        Number(w, Names.Mean, m.Ces.Mean);
        Number(w, Names.EasyPct, m.Ces.EasyPercent);
        Small(w, small, m.Ces.Responses);
        w.WriteEndObject();

        w.WriteStartObject(Names.Fcr);
        w.WriteNumber(Names.Known, m.Fcr.Known);
        Number(w, Names.Pct, m.Fcr.Percent);
        Interval(w, m.Fcr.Ci95);
        if (m.Fcr.Censored is { } censored)
        {
            w.WriteNumber(Names.Censored, censored);
        }

        Small(w, small, m.Fcr.Known);

        w.WriteEndObject();

        Duration(w, Names.Aht, Names.Handled, m.HandleTime, small);

        w.WriteStartObject(Names.Sla);
        w.WriteNumber(Names.Measured, m.SlaBreach.Measured);
        w.WriteNumber(Names.Breached, m.SlaBreach.Breached);
        Number(w, Names.BreachPct, m.SlaBreach.BreachPercent);
        Interval(w, m.SlaBreach.Ci95);
        Small(w, small, m.SlaBreach.Measured);
        w.WriteEndObject();

        Duration(w, Names.FirstResponse, Names.Measured, m.FirstResponse, small);
        Duration(w, Names.Resolution, Names.Measured, m.Resolution, small);
    }

    private static void Duration(Utf8JsonWriter w, JsonEncodedText name, JsonEncodedText countName, DurationResult d, int? small)
    {
        w.WriteStartObject(name);
        w.WriteNumber(countName, d.Measured);
        Number(w, Names.MeanSeconds, d.MeanSeconds);
        Number(w, Names.P50Seconds, d.P50Seconds);
        Number(w, Names.P90Seconds, d.P90Seconds);
        Small(w, small, d.Measured);
        w.WriteEndObject();
    }

    private static void Small(Utf8JsonWriter w, int? threshold, long n)
    {
        if (threshold is { } t)
        {
            w.WriteBoolean(Names.SmallSample, n < t);
        }
    }

    private static void Number(Utf8JsonWriter w, JsonEncodedText name, double? value)
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
            w.WriteStartArray(Names.Ci95);
            w.WriteNumberValue(c.Lower);
            w.WriteNumberValue(c.Upper);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull(Names.Ci95);
        }
    }

    private static void WriteText(Utf8JsonWriter w, JsonEncodedText name, string? value)
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

    /// <summary>The contract's property names, encoded once: a report by agent and day writes about 60 per group for 45,000 groups.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Aht = JsonEncodedText.Encode("aht");
        public static readonly JsonEncodedText BreachPct = JsonEncodedText.Encode("breach_pct");
        public static readonly JsonEncodedText Breached = JsonEncodedText.Encode("breached");
        public static readonly JsonEncodedText Censored = JsonEncodedText.Encode("censored");
        public static readonly JsonEncodedText Ces = JsonEncodedText.Encode("ces");
        public static readonly JsonEncodedText Ci95 = JsonEncodedText.Encode("ci95");
        public static readonly JsonEncodedText Contacts = JsonEncodedText.Encode("contacts");
        public static readonly JsonEncodedText Csat = JsonEncodedText.Encode("csat");
        public static readonly JsonEncodedText Detractors = JsonEncodedText.Encode("detractors");
        public static readonly JsonEncodedText EasyPct = JsonEncodedText.Encode("easy_pct");
        public static readonly JsonEncodedText Fcr = JsonEncodedText.Encode("fcr");
        public static readonly JsonEncodedText FirstResponse = JsonEncodedText.Encode("first_response");
        public static readonly JsonEncodedText Handled = JsonEncodedText.Encode("handled");
        public static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
        public static readonly JsonEncodedText Known = JsonEncodedText.Encode("known");
        public static readonly JsonEncodedText Mean = JsonEncodedText.Encode("mean");
        public static readonly JsonEncodedText MeanSeconds = JsonEncodedText.Encode("mean_seconds");
        public static readonly JsonEncodedText Measured = JsonEncodedText.Encode("measured");
        public static readonly JsonEncodedText Nps = JsonEncodedText.Encode("nps");
        public static readonly JsonEncodedText P50Seconds = JsonEncodedText.Encode("p50_seconds");
        public static readonly JsonEncodedText P90Seconds = JsonEncodedText.Encode("p90_seconds");
        public static readonly JsonEncodedText Passives = JsonEncodedText.Encode("passives");
        public static readonly JsonEncodedText Pct = JsonEncodedText.Encode("pct");
        public static readonly JsonEncodedText Period = JsonEncodedText.Encode("period");
        public static readonly JsonEncodedText Promoters = JsonEncodedText.Encode("promoters");
        public static readonly JsonEncodedText Resolution = JsonEncodedText.Encode("resolution");
        public static readonly JsonEncodedText Responses = JsonEncodedText.Encode("responses");
        public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
        public static readonly JsonEncodedText Sla = JsonEncodedText.Encode("sla");
        public static readonly JsonEncodedText SmallSample = JsonEncodedText.Encode("small_sample");
    }
}
