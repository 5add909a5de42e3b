using System.Globalization;

namespace CxMetrics.Reporting;

/// <summary>
/// Writes <see cref="MetricsRow"/>s as RFC 4180 CSV: the key columns, <c>period</c> when asked, then
/// <see cref="MetricsRow.ColumnNames"/>. Numbers are culture-invariant at full precision; an empty cell is null.
/// </summary>
public static class MetricsCsvWriter
{
    /// <summary>Writes a header line and one line per row (LF line ends).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="rows">The rows (e.g. from <c>ToRows()</c>).</param>
    /// <param name="keyNames">Names of the key columns, one per entry of each row's <see cref="MetricsRow.Keys"/>.</param>
    /// <param name="includePeriod">Whether to write a <c>period</c> column.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A row has a different number of keys than <paramref name="keyNames"/>.</exception>
    public static void Write(TextWriter writer, IReadOnlyList<MetricsRow> rows, IReadOnlyList<string> keyNames, bool includePeriod)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(keyNames);
        var first = true;
        foreach (var k in keyNames)
        {
            Separator(writer, ref first);
            Field(writer, k);
        }

        if (includePeriod)
        {
            Separator(writer, ref first);
            writer.Write("period");
        }

        foreach (var name in MetricsRow.ColumnNames)
        {
            Separator(writer, ref first);
            writer.Write(name);
        }

        writer.Write('\n');
        foreach (var row in rows)
        {
            if (row.Keys.Count != keyNames.Count)
            {
                throw new ArgumentException($"A row has {row.Keys.Count} keys but {keyNames.Count} key names were given.", nameof(rows));
            }

            first = true;
            foreach (var k in row.Keys)
            {
                Separator(writer, ref first);
                Field(writer, k);
            }

            if (includePeriod)
            {
                Separator(writer, ref first);
                Field(writer, row.Period);
            }

            for (var c = 0; c < MetricsRow.ColumnNames.Count; c++)
            {
                Separator(writer, ref first);
                if (row.GetValue(c) is { } v)
                {
                    writer.Write(Internal.RowColumns.IsCount[c] ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes one line per group of a grouped result, the key columns named as in the JSON report.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="result">The grouped result.</param>
    /// <param name="grouping">The options it was computed with.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options do not match the result's keys.</exception>
    public static void Write(TextWriter writer, GroupedMetrics result, GroupingOptions grouping)
    {
        var table = Internal.ReportTable.From(result, grouping);
        Write(writer, result.ToRows(), table.KeyNames, table.HasPeriod);
    }

    /// <summary>Writes rows to a string (see <see cref="Write(TextWriter, IReadOnlyList{MetricsRow}, IReadOnlyList{string}, bool)"/>).</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="keyNames">Names of the key columns.</param>
    /// <param name="includePeriod">Whether to write a <c>period</c> column.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(IReadOnlyList<MetricsRow> rows, IReadOnlyList<string> keyNames, bool includePeriod)
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        Write(sw, rows, keyNames, includePeriod);
        return sw.ToString();
    }

    private static void Separator(TextWriter writer, ref bool first)
    {
        if (!first)
        {
            writer.Write(',');
        }

        first = false;
    }

    private static void Field(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
