using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace CxMetrics.IO.Internal;

/// <summary>
/// A streaming RFC 4180 CSV reader over UTF-8 bytes: a refillable byte buffer, records split with
/// <see cref="SearchValues{T}"/> (vectorized <c>IndexOfAny</c>), fields kept as offsets and parsed straight from the
/// buffer into the column buffers. Allocates nothing per row except a string for a new key.
/// </summary>
/// <remarks>
/// Two paths share the buffer. The fast path (<see cref="SplitFast"/>) finds the delimiters of 32 bytes at a time
/// as a bitmask and splits runs of plain records (no quote character, the header's field count, CR/LF/CRLF ends,
/// blank lines) into field bounds, which <see cref="BatchColumns.ParseChunk"/> then parses column by column. Anything
/// else (a quote, a wrong field count, a record cut by the end of the buffer or the file) stops the run, and the
/// reference path (<see cref="NextRecord"/>, <see cref="Row"/>) reads that one record. The reference path alone reads
/// every input correctly; tests compare both on random and mutated CSV.
/// </remarks>
internal sealed class CsvSource : BatchSource
{
    private const int MaxRecordBytes = 64 << 20;
    private const byte Quoted = 1, Escaped = 2, Malformed = 4;
    private static readonly SearchValues<byte> FieldEnds = SearchValues.Create(","u8 + "\r\n"u8);

    /// <summary>1 for the bytes that end an unquoted field: comma, CR, LF.</summary>
    private static ReadOnlySpan<byte> Delimiters =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>Records per chunk of the fast path (their bounds stay in the L2 cache); larger when threads share it.</summary>
    private readonly int _chunkRows;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _fast;
    private readonly int _threads;
    private readonly int[] _chunkFields = [];
    private byte[] _buffer;
    private int[] _bounds = [];
    private long[] _records = [];
    private int _start, _end;
    private bool _eof;
    private long _record; // records consumed so far (header = 1)
    private long _position;

    private int[] _fieldStart = new int[32], _fieldEnd = new int[32];
    private byte[] _fieldFlags = new byte[32];
    private int _fieldCount;
    private byte[] _unescaped = new byte[256];

    private readonly int[] _map = [];
    private readonly int _headerCount;
    private readonly string[] _header = [];
    private readonly List<string> _recognized = [];
    private readonly int[] _mapped = [];

    public CsvSource(Stream stream, bool leaveOpen, BatchColumns columns, bool fastPath = true, int bufferBytes = 1 << 20, int threads = 1)
        : base(columns)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _fast = fastPath;
        _buffer = new byte[Math.Max(4, bufferBytes)];
        Fill();
        if (_end - _start >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _start = 3;
        }
        else if (OtherEncoding(_buffer.AsSpan(_start, _end - _start)) is { } encoding)
        {
            // Read as UTF-8, a UTF-16 file (Excel's "Unicode text") matches no column and reads as rows of nothing.
            throw new InteractionDataException(1, null, null, $"the file is {encoding} (it starts with that byte order mark); CxMetrics reads UTF-8 CSV: save it as UTF-8 (in Excel: CSV UTF-8)");
        }

        if (!NextRecord())
        {
            return; // empty file: no columns, no rows
        }

        _headerCount = _fieldCount;
        _header = new string[_fieldCount];
        for (var f = 0; f < _fieldCount; f++)
        {
            _header[f] = Encoding.UTF8.GetString(Field(f));
        }

        _map = ColumnIds.Map(_header);
        var mapped = new List<int>();
        for (var f = 0; f < _headerCount; f++)
        {
            if (_map[f] >= 0)
            {
                columns.Declare(_map[f], _header[f]);
                _recognized.Add(_header[f]);
                mapped.Add(f);
            }
        }

        if (mapped.Count == 0 && Array.Exists(_header, name => name.Contains('\0', StringComparison.Ordinal)))
        {
            // NUL bytes and no known column: only NUL bytes is a file allocated but never written (an interrupted copy
            // or download); NULs among text is UTF-16 (or UTF-32) without a byte order mark, every other byte a zero.
            throw new InteractionDataException(1, null, null, Array.TrueForAll(_header, name => name.AsSpan().IndexOfAnyExcept('\0') < 0)
                ? "the header is only NUL bytes: the file holds no text (a copy or download that never finished?)"
                : "the header holds NUL bytes and no known column: the file looks like UTF-16 or UTF-32 without a byte order mark; CxMetrics reads UTF-8 CSV: save it as UTF-8 (in Excel: CSV UTF-8)");
        }

        _mapped = [.. mapped];
        columns.EnsureCapacity(columns.Capacity);
        if (_fast)
        {
            _chunkFields = columns.ChunkFields(_mapped, _map);
            _threads = Math.Max(1, threads);
            _chunkRows = _threads > 1 ? 4096 : 1024;
            _bounds = new int[(_chunkRows + 1) * (_headerCount + 1)];
            _records = new long[_chunkRows];
        }
    }

    /// <summary>The encoding a byte order mark other than UTF-8's names (UTF-32 before UTF-16: FF FE 00 00 starts both).</summary>
    private static string? OtherEncoding(ReadOnlySpan<byte> start) => start switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 LE",
        [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 BE",
        [0xFF, 0xFE, ..] => "UTF-16 LE",
        [0xFE, 0xFF, ..] => "UTF-16 BE",
        _ => null,
    };

    public override IReadOnlyList<string> RecognizedColumns => _recognized;

    public override long Position => _position - (_end - _start);

    public override InteractionBatch? Read()
    {
        if (_headerCount == 0)
        {
            return null;
        }

        var columns = Columns;
        var capacity = columns.Capacity;
        var rows = 0;
        while (rows < capacity)
        {
            if (_fast)
            {
                var n = SplitFast(Math.Min(_chunkRows, capacity - rows));
                if (n > 0)
                {
                    columns.ParseChunk(_buffer, _bounds, _headerCount + 1, n, rows, _records, _map, _chunkFields, _threads);
                    rows += n;
                    continue;
                }
            }

            if (!NextRecord())
            {
                break;
            }

            if (_fieldCount == 1 && _headerCount > 1 && _fieldEnd[0] == _fieldStart[0] && _fieldFlags[0] == 0)
            {
                continue; // an empty line is not a record when the header has several fields
            }

            Row(rows);
            rows++;
        }

        return rows == 0 ? null : columns.Build(rows);
    }

    /// <summary>
    /// Splits up to <paramref name="maxRows"/> plain records from <c>_start</c> into <c>_bounds</c> (record i, field f:
    /// <c>_bounds[i * (n + 1) + f] .. _bounds[i * (n + 1) + f + 1] - 1</c>) and their row numbers into
    /// <c>_records</c>; skips blank lines (counting them). Stops before the first record it cannot split alone: one
    /// holding a quote or a wrong number of fields, or not wholly inside the buffer's full 32-byte blocks.
    /// </summary>
    /// <returns>The number of records split; <c>_start</c> is moved past them.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a one-shot read of a large file never reaches tier 1 in time
    private int SplitFast(int maxRows)
    {
        var n = _headerCount;
        var stride = n + 1;
        var buffer = _buffer;
        var end = _end;
        var recordStart = _start;
        var rows = 0;
        var fields = 0; // commas seen in the current record
        ref var bounds = ref MemoryMarshal.GetArrayDataReference(_bounds); // (chunk rows + 1) * stride entries
        ref var record = ref bounds; // the current record's first entry
        record = recordStart;
        ref var data = ref MemoryMarshal.GetArrayDataReference(buffer);
        for (var block = recordStart; block <= end - 32; block += 32)
        {
            var commas = Masks(ref Unsafe.Add(ref data, block), out var quotes, out var lineEnds);
            var mask = commas | quotes | lineEnds;
            while (mask != 0)
            {
                var bit = BitOperations.TrailingZeroCount(mask);
                var p = block + bit;
                mask &= mask - 1;
                if (((commas >> bit) & 1) != 0)
                {
                    if (++fields == n)
                    {
                        goto Stop; // too many fields
                    }

                    Unsafe.Add(ref record, fields) = p + 1;
                    continue;
                }

                if (((quotes >> bit) & 1) != 0)
                {
                    if (p < recordStart)
                    {
                        continue;
                    }

                    goto Stop;
                }

                if (p < recordStart)
                {
                    continue; // the LF of a CRLF
                }

                // CR or LF: the record ends at p.
                int next;
                if (Unsafe.Add(ref data, p) == '\r')
                {
                    if (p + 1 >= end)
                    {
                        goto Stop; // a CRLF may be cut by the end of the buffer
                    }

                    next = Unsafe.Add(ref data, p + 1) == '\n' ? p + 2 : p + 1;
                }
                else
                {
                    next = p + 1;
                }

                if (fields != n - 1)
                {
                    if (fields != 0 || p != recordStart)
                    {
                        goto Stop; // too few fields
                    }

                    _record++; // a blank line (n > 1 here): a row number, no contact
                    recordStart = next;
                    record = next;
                    continue;
                }

                Unsafe.Add(ref record, n) = p + 1;
                _records[rows] = ++_record;
                rows++;
                recordStart = next;
                if (rows == maxRows)
                {
                    goto Stop;
                }

                record = ref Unsafe.Add(ref record, stride);
                record = next;
                fields = 0;
            }
        }

    Stop:
        _start = recordStart;
        return rows;
    }

    /// <summary>Bit i of the result/outputs set when byte i of the 32 at <paramref name="p"/> is a comma / quote / CR or LF.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Masks(ref byte p, out uint quotes, out uint lineEnds)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.LoadUnsafe(ref p);
            quotes = Vector256.Equals(v, Vector256.Create((byte)'"')).ExtractMostSignificantBits();
            lineEnds = (Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r'))).ExtractMostSignificantBits();
            return Vector256.Equals(v, Vector256.Create((byte)',')).ExtractMostSignificantBits();
        }

        var lo = Vector128.LoadUnsafe(ref p);
        var hi = Vector128.LoadUnsafe(ref p, 16);
        quotes = Bits(lo, hi, (byte)'"');
        lineEnds = Bits(lo, hi, (byte)'\n') | Bits(lo, hi, (byte)'\r');
        return Bits(lo, hi, (byte)',');

        static uint Bits(Vector128<byte> lo, Vector128<byte> hi, byte c) =>
            Vector128.Equals(lo, Vector128.Create(c)).ExtractMostSignificantBits() | (Vector128.Equals(hi, Vector128.Create(c)).ExtractMostSignificantBits() << 16);
    }

    private void Row(int row)
    {
        var columns = Columns;
        var n = _fieldCount;
        if (n != _headerCount)
        {
            WrongFieldCount(row, n);
            return;
        }

        var map = _map;
        foreach (var f in _mapped)
        {
            var id = map[f];
            var flags = _fieldFlags[f];
            var start = _fieldStart[f];
            var end = _fieldEnd[f];
            if (flags == 0)
            {
                if (end == start)
                {
                    columns.SetMissing(id, row);
                }
                else
                {
                    columns.SetText(id, row, _record, _buffer.AsSpan(start, end - start));
                }

                continue;
            }

            if ((flags & Malformed) != 0)
            {
                if (id == (int)ColumnId.ContactId)
                {
                    continue;
                }

                columns.Invalid(id, row, _record, Field(f), "has text after its closing quote");
                continue;
            }

            var value = Field(f);
            if (value.IsEmpty)
            {
                columns.SetMissing(id, row);
            }
            else
            {
                columns.SetText(id, row, _record, value);
            }
        }
    }

    private void WrongFieldCount(int row, int n)
    {
        var columns = Columns;
        if (!columns.Lenient)
        {
            if (n > _headerCount)
            {
                // Extra fields mean the cells cannot be matched to columns (a stray delimiter shifts every later
                // field), so the record's shape is the problem to report, not whichever shifted cell looks bad.
                throw new InteractionDataException(_record, null, null, $"the record has {n} fields but the header has {_headerCount}");
            }

            // A short record: problems are reported in reading order, so a bad cell before its end comes first.
            foreach (var f in _mapped)
            {
                if (f >= n)
                {
                    break;
                }

                var value = Field(f);
                if ((_fieldFlags[f] & Malformed) != 0 && _map[f] != (int)ColumnId.ContactId)
                {
                    columns.Invalid(_map[f], row, _record, value, "has text after its closing quote");
                }
                else if (!value.IsEmpty)
                {
                    columns.SetText(_map[f], row, _record, value);
                }
            }

            throw new InteractionDataException(_record, _header[n], null, $"is missing: the record has {n} of the header's {_headerCount} fields");
        }

        // Lenient: too few fields = the missing cells are lost; too many = the fields cannot be matched to columns,
        // so every cell of the record is lost. The row still counts.
        foreach (var f in _mapped)
        {
            if (n > _headerCount || f >= n)
            {
                columns.Lost(_map[f], row);
            }
            else
            {
                var value = Field(f);
                if ((_fieldFlags[f] & Malformed) != 0)
                {
                    columns.Invalid(_map[f], row, _record, value, "has text after its closing quote");
                }
                else if (value.IsEmpty)
                {
                    columns.SetMissing(_map[f], row);
                }
                else
                {
                    columns.SetText(_map[f], row, _record, value);
                }
            }
        }
    }

    /// <summary>The unquoted, unescaped content of field <paramref name="f"/> of the current record.</summary>
    private ReadOnlySpan<byte> Field(int f)
    {
        var raw = _buffer.AsSpan(_fieldStart[f], _fieldEnd[f] - _fieldStart[f]);
        if ((_fieldFlags[f] & Escaped) == 0)
        {
            return raw;
        }

        if (_unescaped.Length < raw.Length)
        {
            _unescaped = new byte[Math.Max(raw.Length, _unescaped.Length * 2)];
        }

        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            _unescaped[n++] = raw[i];
            if (raw[i] == '"' && i + 1 < raw.Length && raw[i + 1] == '"')
            {
                i++;
            }
        }

        return _unescaped.AsSpan(0, n);
    }

    /// <summary>Splits the next record into fields; false at the end of the input.</summary>
    private bool NextRecord()
    {
        while (true)
        {
            var status = Parse(out var consumed, out var openField);
            if (status == Status.Complete)
            {
                _start += consumed;
                _record++;
                return true;
            }

            if (status == Status.End)
            {
                return false;
            }

            if (status == Status.Unterminated)
            {
                throw Unterminated(openField);
            }

            // Need more data.
            if (_end - _start >= MaxRecordBytes)
            {
                if (openField >= 0)
                {
                    throw Unterminated(openField, "is a quoted field not closed within 64 MiB");
                }

                throw new InteractionDataException(_record + 1, null, null, "the record is longer than 64 MiB");
            }

            Fill();
        }
    }

    private InteractionDataException Unterminated(int field, string reason = "is a quoted field that is never closed (no closing quote before the end of the file)")
    {
        var name = _header.Length == 0 ? $"field {field + 1} of the header"
            : field < _header.Length ? _header[field]
            : $"field {field + 1} (beyond the header's {_header.Length} columns)";
        return new InteractionDataException(_record + 1, name, null, reason);
    }

    private void Fill()
    {
        if (_eof)
        {
            return;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        while (_end < _buffer.Length)
        {
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n <= 0)
            {
                _eof = true;
                break;
            }

            _end += n;
            _position += n;
            if (_end - _start >= 4096)
            {
                break;
            }
        }
    }

    private enum Status { Complete, NeedMore, Unterminated, End }

    private Status Parse(out int consumed, out int openField)
    {
        consumed = 0;
        openField = -1;
        var data = _buffer.AsSpan(_start, _end - _start);
        if (data.IsEmpty)
        {
            return _eof ? Status.End : Status.NeedMore;
        }

        var eof = _eof;
        var pos = 0;
        var field = 0;
        while (true)
        {
            if (field == _fieldStart.Length)
            {
                Array.Resize(ref _fieldStart, field * 2);
                Array.Resize(ref _fieldEnd, field * 2);
                Array.Resize(ref _fieldFlags, field * 2);
            }

            byte flags = 0;
            var fieldBegin = pos;
            if (pos < data.Length && data[pos] == '"')
            {
                flags = Quoted;
                var p = pos + 1;
                while (true)
                {
                    var q = data[p..].IndexOf((byte)'"');
                    if (q < 0)
                    {
                        openField = field;
                        return eof ? Status.Unterminated : Status.NeedMore;
                    }

                    p += q;
                    if (p + 1 < data.Length && data[p + 1] == '"')
                    {
                        flags |= Escaped;
                        p += 2;
                        continue;
                    }

                    if (p + 1 == data.Length && !eof)
                    {
                        openField = field;
                        return Status.NeedMore;
                    }

                    break;
                }

                _fieldStart[field] = _start + pos + 1;
                _fieldEnd[field] = _start + p;
                pos = p + 1;
                if (pos < data.Length && data[pos] is not (byte)',' and not (byte)'\r' and not (byte)'\n')
                {
                    // Text after the closing quote: keep the whole raw field (for the message) up to the next delimiter.
                    var rest = data[pos..].IndexOfAny(FieldEnds);
                    if (rest < 0 && !eof)
                    {
                        return Status.NeedMore;
                    }

                    _fieldStart[field] = _start + fieldBegin;
                    pos = rest < 0 ? data.Length : pos + rest;
                    _fieldEnd[field] = _start + pos;
                    flags = Malformed;
                }
            }
            else
            {
                // Fields are short: a table-driven scalar scan beats a vectorized search's call overhead; long
                // fields switch to IndexOfAny after 16 bytes.
                var q = 0;
                var table = Delimiters;
                var rest = data[pos..];
                while (q < rest.Length && q < 16 && table[rest[q]] == 0)
                {
                    q++;
                }

                if (q == 16)
                {
                    var more = rest[16..].IndexOfAny(FieldEnds);
                    q = more < 0 ? -1 : 16 + more;
                }
                else if (q == rest.Length)
                {
                    q = -1;
                }

                if (q < 0)
                {
                    if (!eof)
                    {
                        return Status.NeedMore;
                    }

                    q = data.Length - pos;
                }

                _fieldStart[field] = _start + pos;
                _fieldEnd[field] = _start + pos + q;
                pos += q;
            }

            _fieldFlags[field] = flags;
            field++;
            if (pos >= data.Length)
            {
                _fieldCount = field;
                consumed = data.Length;
                return Status.Complete; // last record without a final line break (eof is true here)
            }

            var c = data[pos];
            if (c == ',')
            {
                pos++;
                if (pos == data.Length && !eof)
                {
                    return Status.NeedMore;
                }

                if (pos == data.Length)
                {
                    if (field == _fieldStart.Length)
                    {
                        Array.Resize(ref _fieldStart, field * 2);
                        Array.Resize(ref _fieldEnd, field * 2);
                        Array.Resize(ref _fieldFlags, field * 2);
                    }

                    // A final empty field at the end of the input.
                    _fieldStart[field] = _start + pos;
                    _fieldEnd[field] = _start + pos;
                    _fieldFlags[field] = 0;
                    _fieldCount = field + 1;
                    consumed = pos;
                    return Status.Complete;
                }

                continue;
            }

            if (c == '\r')
            {
                if (pos + 1 == data.Length && !eof)
                {
                    return Status.NeedMore;
                }

                consumed = pos + 1 < data.Length && data[pos + 1] == '\n' ? pos + 2 : pos + 1;
            }
            else
            {
                consumed = pos + 1;
            }

            _fieldCount = field;
            return Status.Complete;
        }
    }

    public override void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
