using System.Runtime.CompilerServices;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Column-by-column parsing of a chunk of CSV records that the fast splitter found (quote-free, the header's field
/// count): one tight loop per column type instead of a dispatch per cell. Strict mode still reports the bad cell a
/// row-by-row reading would meet first (earliest row, then leftmost column): columns are parsed in file order, a
/// column stops at its first bad cell, and later columns only look at the rows before it.
/// </summary>
internal sealed partial class BatchColumns
{
    private InteractionDataException? _chunkError;
    private int _chunkLimit;

    /// <summary>
    /// Parses <paramref name="rows"/> records into batch rows <paramref name="rowBase"/>.. . Field f of record i spans
    /// <c>bounds[i * stride + f] .. bounds[i * stride + f + 1] - 1</c> of <paramref name="buffer"/>;
    /// <paramref name="records"/> holds the file row numbers; <paramref name="fields"/> the recognised fields in file
    /// order and <paramref name="map"/> their column ids.
    /// </summary>
    public void ParseChunk(byte[] buffer, int[] bounds, int stride, int rows, int rowBase, long[] records, int[] fields, int[] map)
    {
        _chunkError = null;
        _chunkLimit = rows;
        foreach (var f in fields)
        {
            var n = _chunkLimit;
            var id = map[f];
            var chunk = new Chunk(buffer, bounds, stride, f, rowBase, records);
            switch ((ColumnId)id)
            {
                case ColumnId.Csat: Scores(_csat, id, _csatMin, _csatMax, chunk, n); break;
                case ColumnId.Nps: Scores(_nps, id, _npsMin, _npsMax, chunk, n); break;
                case ColumnId.Ces: Scores(_ces, id, _cesMin, _cesMax, chunk, n); break;
                case ColumnId.Fcr: Flags(_fcr, id, chunk, n); break;
                case ColumnId.Talk: DurationColumn(_talk, id, chunk, n); break;
                case ColumnId.Hold: DurationColumn(_hold, id, chunk, n); break;
                case ColumnId.Wrap: DurationColumn(_wrap, id, chunk, n); break;
                case ColumnId.FirstResponse: DurationColumn(_firstResponse, id, chunk, n); break;
                case ColumnId.Resolution: DurationColumn(_resolution, id, chunk, n); break;
                case ColumnId.SlaTarget: DurationColumn(_slaTarget, id, chunk, n); break;
                case ColumnId.OpenedAt: Instants(_openedAt, id, chunk, n); break;
                case ColumnId.Channel: _keys[id]!.Codes(buffer, bounds, stride, f, n, _channel, rowBase); break;
                case ColumnId.Agent: _keys[id]!.Codes(buffer, bounds, stride, f, n, _agent, rowBase); break;
                case ColumnId.Team: _keys[id]!.Codes(buffer, bounds, stride, f, n, _team, rowBase); break;
                case ColumnId.Priority: _keys[id]!.Codes(buffer, bounds, stride, f, n, _priority, rowBase); break;
                case ColumnId.Customer:
                    if (_customer.Length != 0)
                    {
                        _keys[id]!.Codes(buffer, bounds, stride, f, n, _customer, rowBase);
                    }

                    break;
                default: break; // contact_id: never validated
            }
        }

        if (_chunkError is { } e)
        {
            _chunkError = null;
            throw e;
        }
    }

    /// <summary>A bad cell in a chunk: strict = remember it and stop the column (true); lenient = count it (false).</summary>
    private bool ChunkInvalid(int id, in Chunk chunk, int i, ReadOnlySpan<byte> raw, string reason)
    {
        if (_options.Lenient)
        {
            Lost(id, chunk.RowBase + i);
            return false;
        }

        _chunkError = new InteractionDataException(chunk.Records[i], Name(id), Text(raw), reason);
        _chunkLimit = i;
        return true;
    }

    private void Scores(byte[] column, int id, int min, int max, in Chunk chunk, int rows)
    {
        var buffer = chunk.Buffer;
        for (var i = 0; i < rows; i++)
        {
            var (start, length) = chunk.Field(i);
            var row = chunk.RowBase + i;
            if (length == 1)
            {
                var d = buffer[start] - '0';
                if ((uint)d <= 9 && d >= min && d <= max)
                {
                    column[row] = (byte)d;
                    continue;
                }
            }
            else if (length == 0)
            {
                column[row] = Missing.Score;
                continue;
            }

            var s = buffer.AsSpan(start, length);
            var reason = ValueParser.Score(s, min, max, out var v);
            if (reason is null)
            {
                column[row] = v;
            }
            else if (ChunkInvalid(id, chunk, i, s, reason))
            {
                return;
            }
        }
    }

    private void Flags(byte[] column, int id, in Chunk chunk, int rows)
    {
        var buffer = chunk.Buffer;
        for (var i = 0; i < rows; i++)
        {
            var (start, length) = chunk.Field(i);
            var row = chunk.RowBase + i;
            if (length == 0)
            {
                column[row] = Missing.Flag;
                continue;
            }

            var s = buffer.AsSpan(start, length);
            var reason = ValueParser.Boolean(s, out var flag);
            if (reason is null)
            {
                column[row] = flag;
            }
            else if (ChunkInvalid(id, chunk, i, s, reason))
            {
                return;
            }
        }
    }

    private void DurationColumn(long[] column, int id, in Chunk chunk, int rows)
    {
        var buffer = chunk.Buffer;
        for (var i = 0; i < rows; i++)
        {
            var (start, length) = chunk.Field(i);
            var row = chunk.RowBase + i;
            if (length == 0)
            {
                column[row] = Missing.Duration;
                continue;
            }

            if (length <= 17 && FastDuration(ref buffer[start], length, out var ticks))
            {
                column[row] = ticks;
                continue;
            }

            var s = buffer.AsSpan(start, length);
            var reason = ValueParser.Duration(s, out ticks);
            if (reason is null)
            {
                column[row] = ticks;
            }
            else if (ChunkInvalid(id, chunk, i, s, reason))
            {
                return;
            }
        }
    }

    private void Instants(long[] column, int id, in Chunk chunk, int rows)
    {
        var buffer = chunk.Buffer;
        for (var i = 0; i < rows; i++)
        {
            var (start, length) = chunk.Field(i);
            var row = chunk.RowBase + i;
            if (length == 0)
            {
                column[row] = Missing.Instant;
                continue;
            }

            if (length == 20 && start <= buffer.Length - 20 && FastInstant(ref buffer[start], out var at))
            {
                column[row] = at;
                continue;
            }

            var s = buffer.AsSpan(start, length);
            var reason = ValueParser.Instant(s, out at);
            if (reason is null)
            {
                column[row] = at;
            }
            else if (ChunkInvalid(id, chunk, i, s, reason))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The common duration form (1..9 whole digits, optionally '.' and up to 7 decimals) in one pass; false for anything
    /// else, which <see cref="ValueParser.Duration"/> then decides (the reference for every form and every reason).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool FastDuration(ref byte p, int length, out long ticks)
    {
        ticks = 0;
        long whole = 0;
        var i = 0;
        for (; i < length; i++)
        {
            var d = (uint)(Unsafe.Add(ref p, i) - '0');
            if (d > 9)
            {
                break;
            }

            whole = (whole * 10) + d;
        }

        if (i == 0 || i > 9)
        {
            return false;
        }

        long fraction = 0;
        if (i < length)
        {
            if (Unsafe.Add(ref p, i) != '.')
            {
                return false;
            }

            var decimals = length - i - 1;
            if (decimals > 7)
            {
                return false;
            }

            for (var j = i + 1; j < length; j++)
            {
                var d = (uint)(Unsafe.Add(ref p, j) - '0');
                if (d > 9)
                {
                    return false;
                }

                fraction = (fraction * 10) + d;
            }

            fraction *= Scale(7 - decimals);
        }

        ticks = (whole * Durations.TicksPerSecond) + fraction;
        return ticks <= Durations.MaxTicks;
    }

    /// <summary>
    /// The common instant form <c>YYYY-MM-DDThh:mm:ssZ</c> (20 bytes at <paramref name="p"/>) to UTC ticks without
    /// building a DateTime; false for anything else or an impossible date/time, which <see cref="ValueParser.Instant"/>
    /// then decides (the reference).
    /// </summary>
    internal static bool FastInstant(ref byte p, out long ticks)
    {
        ticks = 0;
        if (Unsafe.Add(ref p, 4) != '-' || Unsafe.Add(ref p, 7) != '-' || (Unsafe.Add(ref p, 10) | 0x20) != 't'
            || Unsafe.Add(ref p, 13) != ':' || Unsafe.Add(ref p, 16) != ':' || (Unsafe.Add(ref p, 19) | 0x20) != 'z')
        {
            return false;
        }

        uint bad = 0;
        var year = (int)((Digit(ref p, 0, ref bad) * 1000) + (Digit(ref p, 1, ref bad) * 100) + (Digit(ref p, 2, ref bad) * 10) + Digit(ref p, 3, ref bad));
        var month = (int)((Digit(ref p, 5, ref bad) * 10) + Digit(ref p, 6, ref bad));
        var day = (int)((Digit(ref p, 8, ref bad) * 10) + Digit(ref p, 9, ref bad));
        var hour = (Digit(ref p, 11, ref bad) * 10) + Digit(ref p, 12, ref bad);
        var minute = (Digit(ref p, 14, ref bad) * 10) + Digit(ref p, 15, ref bad);
        var second = (Digit(ref p, 17, ref bad) * 10) + Digit(ref p, 18, ref bad);
        if ((bad & ~0xFu) != 0 || year < 1 || (uint)(month - 1) > 11 || day < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var leap = (year & 3) == 0 && ((year % 100) != 0 || (year % 400) == 0);
        var before = DaysBeforeMonth(month, leap);
        if (day > DaysBeforeMonth(month + 1, leap) - before)
        {
            return false;
        }

        var y = year - 1;
        long days = (y * 365) + (y / 4) - (y / 100) + (y / 400) + before + day - 1;
        ticks = (days * TimeSpan.TicksPerDay) + ((((hour * 60) + minute) * 60) + second) * TimeSpan.TicksPerSecond;
        return true;
    }

    /// <summary>A digit's value; <paramref name="bad"/> gets a bit above 0xF when the byte is not a digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Digit(ref byte p, int i, ref uint bad)
    {
        var d = (uint)(Unsafe.Add(ref p, i) - '0');
        bad |= d | (9 - d); // 0..15 for a digit; a byte below '0' or above '9' sets a higher bit
        return d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DaysBeforeMonth(int month, bool leap) => month switch
    {
        1 => 0,
        2 => 31,
        3 => leap ? 60 : 59,
        4 => leap ? 91 : 90,
        5 => leap ? 121 : 120,
        6 => leap ? 152 : 151,
        7 => leap ? 182 : 181,
        8 => leap ? 213 : 212,
        9 => leap ? 244 : 243,
        10 => leap ? 274 : 273,
        11 => leap ? 305 : 304,
        12 => leap ? 335 : 334,
        _ => leap ? 366 : 365,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Scale(int zeros) => zeros switch
    {
        0 => 1,
        1 => 10,
        2 => 100,
        3 => 1_000,
        4 => 10_000,
        5 => 100_000,
        6 => 1_000_000,
        _ => 10_000_000,
    };

    /// <summary>One field of the records of a chunk.</summary>
    private readonly struct Chunk(byte[] buffer, int[] bounds, int stride, int field, int rowBase, long[] records)
    {
        public byte[] Buffer { get; } = buffer;

        public int RowBase { get; } = rowBase;

        public long[] Records { get; } = records;

        /// <summary>Start and length of the field in record <paramref name="i"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (int Start, int Length) Field(int i)
        {
            var b = (i * stride) + field;
            var start = bounds[b];
            return (start, bounds[b + 1] - 1 - start);
        }
    }
}
