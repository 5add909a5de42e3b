using System.Globalization;
using System.Text;
using FsCheck.Xunit;

namespace CxMetrics.IO.Tests;

/// <summary>
/// The CSV reader's fast path (vectorized splitting + column-by-column parsing + prefetched key lookups) must give
/// exactly what the reference record-by-record path gives: the same rows, values, keys, lost-cell counts, and the
/// same error (row, column, raw value, reason), wherever buffer refills and batch ends fall.
/// </summary>
public class CsvFastPathTests
{
    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes(",,,\"\r\n\n0123456789.-+:TZtz eE yesnotruefalse\u00e9");

    [Property(MaxTest = 300, EndSize = 1_000_000)]
    public bool CsvReader_FastPath_EqualsReferenceOnMutatedCsv(int seed)
    {
        var random = new Random(seed);
        var bytes = Mutate(random, Sample(random));
        return SameOutcome(bytes, random);
    }

    [Property(MaxTest = 300, EndSize = 1_000_000)]
    public bool CsvReader_FastPath_EqualsReferenceOnRandomRecords(int seed)
    {
        var random = new Random(seed);
        return SameOutcome(RandomCsv(random), random);
    }

    [Fact]
    public void CsvReader_FastPath_EqualsReferenceAtEveryBufferBoundary()
    {
        var random = new Random(17);
        var bytes = Sample(random, rows: 12, quotes: true);
        var expected = Outcome(bytes, lenient: false, batchRows: 65_536, fast: false, buffer: 1 << 20);
        for (var buffer = 4; buffer <= bytes.Length + 1; buffer++)
        {
            Assert.Equal(expected, Outcome(bytes, lenient: false, batchRows: 1 + (buffer % 5), fast: true, buffer, threads: 1 + (buffer % 2)));
        }
    }

    [Fact]
    public void CsvReader_FastPath_EqualsReferenceOnLargeGeneratedFile()
    {
        using var batch = SyntheticInteractions.Generate(20_000, 5);
        var bytes = Write(batch);
        Assert.Equal(
            Outcome(bytes, lenient: false, batchRows: 65_536, fast: false, buffer: 1 << 20),
            Outcome(bytes, lenient: false, batchRows: 3_000, fast: true, buffer: 100_000));
        Assert.Equal(
            Outcome(bytes, lenient: true, batchRows: 65_536, fast: false, buffer: 1 << 20),
            Outcome(bytes, lenient: true, batchRows: 65_536, fast: true, buffer: 1 << 20, threads: 2));
    }

    [Fact]
    public void CsvReader_FastPath_ReportsEarliestBadCellOfChunk()
    {
        // Row 3 has a bad nps, row 4 a bad ces: parsing ces first would meet row 4 first; row 3 must win.
        const string Text = "csat,nps,ces\n1,2,3\n1,99,3\n1,2,99\n";
        var e = Assert.Throws<InteractionDataException>(() => Outcome(Encoding.UTF8.GetBytes(Text), lenient: false, 65_536, fast: true, 1 << 20));
        Assert.Equal(3, e.Row);
        Assert.Equal("nps", e.Column);

        // Also when the columns are parsed by three threads.
        e = Assert.Throws<InteractionDataException>(() => Outcome(Encoding.UTF8.GetBytes(Text), lenient: false, 65_536, fast: true, 1 << 20, threads: 3));
        Assert.Equal(3, e.Row);
        Assert.Equal("nps", e.Column);

        // Same row: the leftmost bad cell wins even though columns are parsed one after another.
        const string SameRow = "csat,nps,ces\n1,2,3\n1,2,3\n9,99,3\n";
        e = Assert.Throws<InteractionDataException>(() => Outcome(Encoding.UTF8.GetBytes(SameRow), lenient: false, 65_536, fast: true, 1 << 20));
        Assert.Equal(4, e.Row);
        Assert.Equal("csat", e.Column);
        e = Assert.Throws<InteractionDataException>(() => Outcome(Encoding.UTF8.GetBytes(SameRow), lenient: false, 65_536, fast: true, 1 << 20, threads: 2));
        Assert.Equal(4, e.Row);
        Assert.Equal("csat", e.Column);
    }

    private static bool SameOutcome(byte[] bytes, Random random)
    {
        var lenient = random.Next(2) == 0;
        var expected = Safe(() => Outcome(bytes, lenient, 65_536, fast: false, 1 << 20));
        var batchRows = random.Next(3) == 0 ? 65_536 : random.Next(1, 50);
        var buffer = random.Next(3) == 0 ? 1 << 20 : random.Next(4, 600);
        var threads = random.Next(1, 4);
        var actual = Safe(() => Outcome(bytes, lenient, batchRows, fast: true, buffer, threads));
        if (expected != actual)
        {
            throw new InvalidOperationException($"lenient {lenient}, batch {batchRows}, buffer {buffer}, threads {threads}\nexpected: {expected}\nactual:   {actual}\ninput (base64): {Convert.ToBase64String(bytes)}");
        }

        return true;
    }

    private static string Safe(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (InteractionDataException e)
        {
            return $"error row {e.Row} column {e.Column} raw {e.RawValue} reason {e.Reason} | {e.Message}";
        }
    }

    /// <summary>Everything a caller can observe of a read, as text.</summary>
    private static string Outcome(byte[] bytes, bool lenient, int batchRows, bool fast, int buffer, int threads = 1)
    {
        var options = new InteractionReaderOptions { Lenient = lenient, BatchRows = batchRows, CsvFastPath = fast, CsvBufferBytes = buffer, MaxDegreeOfParallelism = threads };
        using var reader = InteractionReader.Open(new MemoryStream(bytes), InteractionFileFormat.Csv, options, leaveOpen: false);
        var text = new StringBuilder();
        while (reader.ReadBatch() is { } b)
        {
            for (var i = 0; i < b.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{S(b.Csat, i)},{S(b.Nps, i)},{S(b.Ces, i)},{S(b.FirstContactResolved, i)},")
                    .Append(CultureInfo.InvariantCulture, $"{L(b.TalkTime, i)},{L(b.HoldTime, i)},{L(b.WrapTime, i)},{L(b.FirstResponseTime, i)},")
                    .Append(CultureInfo.InvariantCulture, $"{L(b.ResolutionTime, i)},{L(b.SlaTarget, i)},{L(b.OpenedAt, i)},")
                    .Append(CultureInfo.InvariantCulture, $"{K(b.Channel, i)},{K(b.Agent, i)},{K(b.Team, i)},{K(b.Priority, i)},{K(b.Customer, i)}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"rows {reader.Rows}; columns {string.Join('|', reader.Columns)}; invalid");
        foreach (var (column, count) in reader.InvalidCells)
        {
            text.Append(CultureInfo.InvariantCulture, $" {column}={count}");
        }

        return text.ToString();
    }

    private static string S(ReadOnlyMemory<byte> c, int i) => c.IsEmpty ? "absent" : c.Span[i].ToString(CultureInfo.InvariantCulture);

    private static string L(ReadOnlyMemory<long> c, int i) => c.IsEmpty ? "absent" : c.Span[i].ToString(CultureInfo.InvariantCulture);

    private static string K(KeyColumn c, int i) => c.IsEmpty ? "absent" : c.GetText(i) is { } t ? $"[{t}]" : "null";

    private static byte[] Write(InteractionBatch batch)
    {
        using var stream = new MemoryStream();
        using (var writer = InteractionWriter.Create(stream, InteractionFileFormat.Csv, leaveOpen: true))
        {
            writer.Write(batch);
        }

        return stream.ToArray();
    }

    /// <summary>A generated file, optionally with quoted cells, CRLF and blank lines mixed in.</summary>
    private static byte[] Sample(Random random, int rows = 40, bool quotes = false)
    {
        using var batch = SyntheticInteractions.Generate(rows, random.Next(1000));
        var text = Encoding.UTF8.GetString(Write(batch));
        if (!quotes && random.Next(2) == 0)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var lines = text.Split('\n');
        var result = new StringBuilder();
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l];
            if (l > 0 && random.Next(6) == 0)
            {
                var cells = line.Split(',');
                var c = random.Next(cells.Length);
                cells[c] = "\"" + cells[c].Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                line = string.Join(',', cells);
            }

            result.Append(line);
            if (l < lines.Length - 1)
            {
                result.Append(random.Next(8) switch { 0 => "\r\n", 1 => "\r", 2 => "\n\n", _ => "\n" });
            }
        }

        return Encoding.UTF8.GetBytes(result.ToString());
    }

    /// <summary>A header of known and unknown columns in random order, then records of short plausible or junk cells.</summary>
    private static byte[] RandomCsv(Random random)
    {
        string[] names = ["contact_id", "opened_at", "channel", "agent_id", "team", "priority", "customer_id", "csat", "nps", "ces", "fcr", "talk_seconds", "hold_seconds", "wrap_seconds", "first_response_seconds", "resolution_seconds", "sla_target_seconds", "extra"];
        var count = random.Next(1, names.Length + 1);
        var header = names.OrderBy(_ => random.Next()).Take(count).ToArray();
        string[] values = ["", "1", "5", "10", "0", "12.5", "0.0000001", "1.23456789", "-3", "abc", "true", "No", "2026-10-05T12:00:00Z", "2026-10-05T12:00:00+02:00", "chat", "C0000001", "a-rather-long-key-of-more-than-16-bytes", "\u00e9t\u00e9", "\"q\"", "\"a,b\"", "\"x\ny\"", "\"\"", " 4", "4.0"];
        var text = new StringBuilder(string.Join(',', header)).Append('\n');
        var rows = random.Next(0, 60);
        for (var r = 0; r < rows; r++)
        {
            var fields = random.Next(10) == 0 ? random.Next(0, count + 2) : count;
            for (var f = 0; f < fields; f++)
            {
                text.Append(f == 0 ? "" : ",").Append(values[random.Next(values.Length)]);
            }

            text.Append(random.Next(6) switch { 0 => "\r\n", 1 => "\r", _ => "\n" });
        }

        if (random.Next(3) == 0 && text.Length > 0)
        {
            text.Length -= 1; // no final line break
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(0, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 1: bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: bytes.RemoveAt(at); break;
                default: bytes[at] = (byte)random.Next(256); break;
            }
        }

        return [.. bytes];
    }
}
