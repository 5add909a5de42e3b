using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Column-by-column parsing of a chunk of CSV records that the fast splitter found (quote-free, the header's field
/// count): one tight loop per column type instead of a dispatch per cell. Strict mode still reports the bad cell a
/// row-by-row reading would meet first (earliest row, then leftmost column): columns are parsed in file order, a
/// column stops at its first bad cell, and later columns only look at the rows before it.
/// </summary>
internal sealed partial class BatchColumns
{
    /// <summary>
    /// Parses <paramref name="rows"/> records into batch rows <paramref name="rowBase"/>.. . Field f of record i spans
    /// <c>bounds[i * stride + f] .. bounds[i * stride + f + 1] - 1</c> of <paramref name="buffer"/>;
    /// <paramref name="records"/> holds the file row numbers and <paramref name="map"/> the fields' column ids;
    /// <paramref name="fields"/> lists the fields to parse, costliest first.
    /// </summary>
    /// <remarks>
    /// With <paramref name="threads"/> above 1, helpers on the thread pool and the calling thread take whole fields
    /// from a shared counter (a column, so its buffer, key dictionary and lost-cell counter, belongs to one thread per
    /// chunk); the calling thread waits only for fields a helper has taken, so a helper that is not scheduled in time
    /// costs nothing. Strict mode throws the bad cell of the earliest row, then leftmost column, over all fields: each
    /// thread keeps its earliest (row, field) and parses later fields only up to that row.
    /// </remarks>
    public void ParseChunk(byte[] buffer, int[] bounds, int stride, int rows, int rowBase, long[] records, int[] map, int[] fields, int threads)
    {
        var chunk = new Chunk(buffer, bounds, stride, 0, rowBase, records, null, rows);
        ChunkWork first;
        if (threads <= 1 || fields.Length < 2)
        {
            first = _work ??= new ChunkWork();
            first.Reset(rows);
            foreach (var f in fields)
            {
                ParseField(first, chunk, f, map[f]);
            }
        }
        else if (_soloChunks > 0)
        {
            // Helpers were late recently (the other cores are busy): parse alone for a while.
            _soloChunks--;
            first = _work ??= new ChunkWork();
            first.Reset(rows);
            foreach (var f in fields)
            {
                ParseField(first, chunk, f, map[f]);
            }
        }
        else
        {
            var shared = new SharedChunk(this, chunk, rows, map, fields);
            for (var t = 1; t < Math.Min(threads, fields.Length); t++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(shared, preferLocal: false);
            }

            var started = Stopwatch.GetTimestamp();
            shared.Execute();
            var alone = Stopwatch.GetTimestamp();
            first = shared.Wait();
            var waited = Stopwatch.GetTimestamp() - alone;

            // Waiting for a helper longer than a third of the chunk's own work means the helper was not running (a
            // loaded machine): the caller would have been faster alone. Back off, then try again.
            _soloChunks = waited * 3 > alone - started ? SoloChunksAfterLateHelper : 0;
        }

        if (first.Error is { } e)
        {
            first.Error = null;
            throw e;
        }
    }

    private const int SoloChunksAfterLateHelper = 8;
    private ChunkWork? _work;
    private int _soloChunks;

    private void ParseField(ChunkWork work, Chunk all, int f, int id)
    {
        var n = Math.Min(work.Limit + 1, all.Rows);
        var chunk = all.WithField(f, work);
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
            case ColumnId.Channel: _keys[id]!.Codes(all.Buffer, all.Bounds, all.Stride, f, n, _channel, all.RowBase); break;
            case ColumnId.Agent: _keys[id]!.Codes(all.Buffer, all.Bounds, all.Stride, f, n, _agent, all.RowBase); break;
            case ColumnId.Team: _keys[id]!.Codes(all.Buffer, all.Bounds, all.Stride, f, n, _team, all.RowBase); break;
            case ColumnId.Priority: _keys[id]!.Codes(all.Buffer, all.Bounds, all.Stride, f, n, _priority, all.RowBase); break;
            case ColumnId.Customer:
                if (_customer.Length != 0)
                {
                    _keys[id]!.Codes(all.Buffer, all.Bounds, all.Stride, f, n, _customer, all.RowBase);
                }

                break;
            default: break; // contact_id: never validated
        }
    }

    /// <summary>The recognised fields worth parsing (not contact_id, not an unkept customer_id), costliest first.</summary>
    public int[] ChunkFields(int[] fields, int[] map)
    {
        var list = new List<int>();
        foreach (var f in fields)
        {
            if (Cost(map[f]) > 0)
            {
                list.Add(f);
            }
        }

        // Costliest first (then file order), so the last fields taken are short and threads finish together.
        list.Sort((a, b) => Cost(map[a]) != Cost(map[b]) ? Cost(map[b]).CompareTo(Cost(map[a])) : a.CompareTo(b));
        return [.. list];
    }

    /// <summary>Relative parsing cost of a column (measured on generated data: a high-cardinality key costs most).</summary>
    private double Cost(int id) => (ColumnId)id switch
    {
        ColumnId.ContactId => 0,
        ColumnId.Customer => _customer.Length != 0 ? 4 : 0,
        ColumnId.Channel or ColumnId.Agent or ColumnId.Team or ColumnId.Priority => 1.2,
        ColumnId.Csat or ColumnId.Nps or ColumnId.Ces => 0.3,
        ColumnId.Fcr => 0.4,
        _ => 1,
    };

    /// <summary>A bad cell in a chunk: strict = keep it if it is the thread's earliest and stop the column (true); lenient = count it (false).</summary>
    private bool ChunkInvalid(int id, in Chunk chunk, int i, ReadOnlySpan<byte> raw, string reason)
    {
        if (_options.Lenient)
        {
            Lost(id, chunk.RowBase + i);
            return false;
        }

        var work = chunk.Work!;
        if (work.Error is null || i < work.Limit || (i == work.Limit && chunk.FieldIndex < work.ErrorField))
        {
            work.Error = new InteractionDataException(chunk.Records[i], Name(id), Text(raw), reason);
            work.Limit = i;
            work.ErrorField = chunk.FieldIndex;
        }

        return true;
    }

    /// <summary>One chunk parsed by several threads taking fields from a shared counter.</summary>
    private sealed class SharedChunk(BatchColumns columns, Chunk chunk, int rows, int[] map, int[] fields) : IThreadPoolWorkItem
    {
        private readonly ChunkWork[] _results = new ChunkWork[fields.Length];
        private int _next = -1;
        private int _done;
        private Exception? _failure;

        /// <summary>Takes and parses fields until none is left (the calling thread and every helper).</summary>
        public void Execute()
        {
            ChunkWork? work = null;
            int k;
            while ((k = Interlocked.Increment(ref _next)) < fields.Length)
            {
                if (work is null)
                {
                    work = new ChunkWork();
                    work.Reset(rows);
                }

                try
                {
                    columns.ParseField(work, chunk, fields[k], map[fields[k]]);
                }
                catch (Exception e)
                {
                    _failure = e; // a bug, not bad input: rethrown on the calling thread
                }

                _results[k] = work;
                Interlocked.Increment(ref _done);
            }
        }

        /// <summary>Waits for the fields taken by helpers; the earliest bad cell over all threads.</summary>
        public ChunkWork Wait()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < fields.Length)
            {
                spin.SpinOnce(sleep1Threshold: -1); // yield, never a 1 ms sleep
            }

            if (_failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }

            var first = _results[0];
            foreach (var work in _results)
            {
                if (work.Error is not null && (first.Error is null || work.Limit < first.Limit || (work.Limit == first.Limit && work.ErrorField < first.ErrorField)))
                {
                    first = work;
                }
            }

            return first;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a one-shot read of a large file never reaches tier 1 in time
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a one-shot read of a large file never reaches tier 1 in time
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a one-shot read of a large file never reaches tier 1 in time
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

            if (length <= 16 && start <= buffer.Length - 24 ? SwarDuration(ref buffer[start], length, out var ticks)
                : length <= 17 && FastDuration(ref buffer[start], length, out ticks))
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a one-shot read of a large file never reaches tier 1 in time
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
    /// <see cref="FastDuration"/> without a loop (1..8 whole digits, up to 7 decimals, at most 16 bytes): the digit and
    /// dot positions from one 16-byte vector compare, then both parts converted eight digits at a time in a 64-bit
    /// word, so varying lengths cost no mispredicted loop exits. 24 bytes must be readable at <paramref name="p"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SwarDuration(ref byte p, int length, out long ticks)
    {
        ticks = 0;
        var v = Vector128.LoadUnsafe(ref p);
        var region = (1u << length) - 1;
        var digits = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'0'), Vector128.Create((byte)9)).ExtractMostSignificantBits() & region;
        var dots = Vector128.Equals(v, Vector128.Create((byte)'.')).ExtractMostSignificantBits() & region;
        if ((digits | dots) != region || (dots & (dots - 1)) != 0)
        {
            return false; // not only digits and at most one dot
        }

        // Branch-free from here: no dot gives TrailingZeroCount 32, so whole = length and decimals = 0.
        var whole = Math.Min(BitOperations.TrailingZeroCount(dots), length);
        var decimals = Math.Max(0, length - whole - 1);
        if ((uint)(whole - 1) > 7 || decimals > 7)
        {
            return false;
        }

        // Digit values in bytes, the first digit in the lowest byte; bytes past the digits are shifted or masked away
        // (a borrow of the subtraction only runs upwards, into those bytes).
        var w = (Unsafe.ReadUnaligned<ulong>(ref p) - 0x3030303030303030UL) << ((8 - whole) * 8);
        var seconds = (long)EightDigits(w);
        var f = (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, whole + 1)) - 0x3030303030303030UL) & ~(ulong.MaxValue << (decimals * 8));
        var fraction = (long)(EightDigits(f) / 10); // eight decimals, the last one 0: ticks are seven
        ticks = (seconds * Durations.TicksPerSecond) + fraction;
        return true; // at most 99,999,999.9999999 s, far below Durations.MaxTicks
    }

    /// <summary>The number of eight decimal digits (values 0..9, the most significant in the lowest byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong x)
    {
        x = ((x & 0x0F0F0F0F0F0F0F0FUL) * 2561) >> 8;
        x = ((x & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        return ((x & 0x0000FFFF0000FFFFUL) * 42949672960001) >> 32;
    }

    /// <summary>
    /// The common instant form <c>YYYY-MM-DDThh:mm:ssZ</c> (20 bytes at <paramref name="p"/>) to UTC ticks without
    /// building a DateTime; false for anything else or an impossible date/time, which <see cref="ValueParser.Instant"/>
    /// then decides (the reference).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>One field of the records of a chunk (and the work it is parsed for).</summary>
    private readonly struct Chunk(byte[] buffer, int[] bounds, int stride, int field, int rowBase, long[] records, ChunkWork? work = null, int rows = 0)
    {
        public int Rows { get; } = rows;

        public byte[] Buffer { get; } = buffer;

        public int[] Bounds { get; } = bounds;

        public int Stride { get; } = stride;

        public int FieldIndex { get; } = field;

        public int RowBase { get; } = rowBase;

        public long[] Records { get; } = records;

        public ChunkWork? Work { get; } = work;

        public Chunk WithField(int f, ChunkWork w) => new(Buffer, Bounds, Stride, f, RowBase, Records, w, Rows);

        /// <summary>Start and length of the field in record <paramref name="i"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (int Start, int Length) Field(int i)
        {
            var b = (i * Stride) + FieldIndex;
            var start = Bounds[b];
            return (start, Bounds[b + 1] - 1 - start);
        }
    }
}

/// <summary>What one thread met in a chunk: its earliest bad cell (strict mode).</summary>
internal sealed class ChunkWork
{
    public InteractionDataException? Error { get; set; }

    /// <summary>The record of <see cref="Error"/> (later fields are parsed up to it), or the chunk's last record.</summary>
    public int Limit { get; set; }

    /// <summary>The file index of the field of <see cref="Error"/>.</summary>
    public int ErrorField { get; set; }

    public void Reset(int rows)
    {
        Error = null;
        Limit = rows - 1;
        ErrorField = int.MaxValue;
    }
}
