using System.Globalization;
using Sylvan.Data.Csv;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The same 17 columns read with Sylvan.Data.Csv (the fastest maintained CSV library available here) into typed,
/// columnar arrays: each cell as a span (no string per cell), numbers parsed culture-invariant, keys
/// dictionary-encoded through a span lookup, durations to ticks. What a careful user would write on top of it.
/// </summary>
internal static class SylvanColumns
{
    public static CsvChecksum Read(byte[] csv)
    {
        using var text = new StreamReader(new MemoryStream(csv, writable: false));
        using var reader = CsvDataReader.Create(text, new CsvDataReaderOptions { BufferSize = 1 << 16 });
        int Ordinal(string name) => reader.GetOrdinal(name);
        int opened = Ordinal("opened_at"), channel = Ordinal("channel"), agent = Ordinal("agent_id"), team = Ordinal("team"),
            priority = Ordinal("priority"), customer = Ordinal("customer_id"), csat = Ordinal("csat"), nps = Ordinal("nps"),
            ces = Ordinal("ces"), fcr = Ordinal("fcr"), talk = Ordinal("talk_seconds"), hold = Ordinal("hold_seconds"),
            wrap = Ordinal("wrap_seconds"), response = Ordinal("first_response_seconds"), resolution = Ordinal("resolution_seconds"),
            target = Ordinal("sla_target_seconds");
        var keys = new KeyDictionary[5];
        for (var k = 0; k < keys.Length; k++)
        {
            keys[k] = new KeyDictionary();
        }

        const int Chunk = 65_536;
        var scores = new byte[4][];
        var durations = new long[7][];
        var codes = new int[5][];
        for (var i = 0; i < 4; i++)
        {
            scores[i] = new byte[Chunk];
        }

        for (var i = 0; i < 7; i++)
        {
            durations[i] = new long[Chunk];
        }

        for (var i = 0; i < 5; i++)
        {
            codes[i] = new int[Chunk];
        }

        var sum = default(CsvChecksum);
        var row = 0;
        while (reader.Read())
        {
            durations[6][row] = Instant(reader.GetFieldSpan(opened));
            codes[0][row] = keys[0].Code(reader.GetFieldSpan(channel));
            codes[1][row] = keys[1].Code(reader.GetFieldSpan(agent));
            codes[2][row] = keys[2].Code(reader.GetFieldSpan(team));
            codes[3][row] = keys[3].Code(reader.GetFieldSpan(priority));
            codes[4][row] = keys[4].Code(reader.GetFieldSpan(customer));
            scores[0][row] = Score(reader.GetFieldSpan(csat));
            scores[1][row] = Score(reader.GetFieldSpan(nps));
            scores[2][row] = Score(reader.GetFieldSpan(ces));
            scores[3][row] = Flag(reader.GetFieldSpan(fcr));
            durations[0][row] = Ticks(reader.GetFieldSpan(talk));
            durations[1][row] = Ticks(reader.GetFieldSpan(hold));
            durations[2][row] = Ticks(reader.GetFieldSpan(wrap));
            durations[3][row] = Ticks(reader.GetFieldSpan(response));
            durations[4][row] = Ticks(reader.GetFieldSpan(resolution));
            durations[5][row] = Ticks(reader.GetFieldSpan(target));
            if (++row == Chunk)
            {
                sum = Flush(sum, row, scores, durations, codes);
                row = 0;
            }
        }

        return Flush(sum, row, scores, durations, codes);
    }

    private static CsvChecksum Flush(CsvChecksum sum, int rows, byte[][] scores, long[][] durations, int[][] codes) =>
        sum.Add(new InteractionBatch(rows)
        {
            Csat = scores[0].AsMemory(0, rows),
            TalkTime = durations[0].AsMemory(0, rows),
            Channel = new KeyColumn(codes[0].AsMemory(0, rows), []),
        });

    private static byte Score(ReadOnlySpan<char> s) => s.IsEmpty ? Missing.Score : byte.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    private static byte Flag(ReadOnlySpan<char> s) => s.IsEmpty ? Missing.Flag
        : s is "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase) ? (byte)1 : (byte)0;

    private static long Ticks(ReadOnlySpan<char> s) => s.IsEmpty ? Missing.Duration
        : (long)Math.Round(double.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond);

    private static long Instant(ReadOnlySpan<char> s) => s.IsEmpty ? Missing.Instant
        : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks;

    private sealed class KeyDictionary
    {
        private readonly Dictionary<string, int> _codes = [];

        public int Code(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return Missing.Key;
            }

            var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(text, out var code))
            {
                code = _codes.Count;
                _codes.Add(text.ToString(), code);
            }

            return code;
        }
    }
}
