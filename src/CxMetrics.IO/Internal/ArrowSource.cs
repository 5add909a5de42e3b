using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Reads Arrow IPC through Apache.Arrow's stream reader: the stream format as it comes, and the file format (the input
/// starts with the <c>ARROW1</c> magic) as the stream of messages between its opening magic and its footer. Each record
/// batch becomes one batch; typed columns are read from their value buffers.
/// </summary>
internal sealed class ArrowSource : BatchSource
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrowStreamReader _streamReader;
    private readonly BoundedReadStream? _body;
    private readonly int[] _map;
    private readonly List<string> _recognized = [];
    private int _batches;
    private long _rowsBefore;
    private RecordBatch? _current;

    public ArrowSource(Stream stream, bool leaveOpen, BatchColumns columns)
        : base(columns)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Schema schema;
        try
        {
            if (stream.CanSeek && IsFileFormat(stream))
            {
                if (!EndsWithMagic(stream))
                {
                    throw new InteractionDataException(0, null, null, "the file is not a readable Arrow file: " + ParquetIntegrity.CutShort("Arrow file", "ARROW1"));
                }

                // An Arrow file is the magic, padding, the stream format's messages, then the footer. The messages
                // are read in order as a stream, up to where the footer begins: the footer only repeats where the
                // batches are, and a damaged one (a batch count of 0) made the file reader return no rows at all.
                _body = new BoundedReadStream(stream, FooterStart(stream));
                stream.Position = 8;
                _streamReader = new ArrowStreamReader(_body, leaveOpen: true);
                schema = _streamReader.Schema;
            }
            else
            {
                _streamReader = new ArrowStreamReader(stream, leaveOpen: true);
                schema = _streamReader.Schema;
            }
        }
        catch (Exception e) when (e is not InteractionDataException)
        {
            throw new InteractionDataException(0, null, null, "the file is not a readable Arrow IPC file or stream: " + (AtEnd(_body ?? stream) ? "it ends inside its schema: the file is cut short (an interrupted copy or download?)" : e.Message), e);
        }

        if (schema is null)
        {
            // Apache.Arrow returns no schema for an empty stream (or one that ends before its first message).
            throw new InteractionDataException(0, null, null, stream.CanSeek && stream.Length == 0
                ? "the file is empty: an Arrow IPC file or stream starts with its schema"
                : "the file is not a readable Arrow IPC file or stream: it ends before its schema");
        }

        var names = new List<string>();
        foreach (var field in schema.FieldsList)
        {
            names.Add(field.Name);
        }

        _map = ColumnIds.Map(names);
        for (var i = 0; i < names.Count; i++)
        {
            if (_map[i] >= 0)
            {
                columns.Declare(_map[i], names[i]);
                columns.FileOrder[_map[i]] = i;
                _recognized.Add(names[i]);
            }
        }

        columns.EnsureCapacity(1);
        columns.DeferErrors = !columns.Lenient;
    }

    public override IReadOnlyList<string> RecognizedColumns => _recognized;

    public override long Position => _stream.CanSeek ? _stream.Position : 0;

    private static bool AtEnd(Stream stream) => stream is BoundedReadStream body ? body.Remaining == 0 : stream.CanSeek && stream.Position >= stream.Length;

    /// <summary>Where an Arrow file's footer begins (its length is the int32 before the closing magic).</summary>
    private static long FooterStart(Stream stream)
    {
        Span<byte> length = stackalloc byte[4];
        stream.Seek(-10, SeekOrigin.End);
        stream.ReadExactly(length);
        var footer = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(length);
        var start = stream.Length - 10 - footer;
        return footer > 0 && start >= 8
            ? start
            : throw new InteractionDataException(0, null, null, $"the file is not a readable Arrow file: its footer length ({footer:N0} bytes) does not fit in the file");
    }

    private static bool EndsWithMagic(Stream stream)
    {
        if (stream.Length < 12)
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[6];
        var start = stream.Position;
        stream.Seek(-6, SeekOrigin.End);
        stream.ReadExactly(magic);
        stream.Position = start;
        return magic.SequenceEqual("ARROW1"u8);
    }

    private static bool IsFileFormat(Stream stream)
    {
        Span<byte> magic = stackalloc byte[6];
        var start = stream.Position;
        var n = stream.ReadAtLeast(magic, 6, throwOnEndOfStream: false);
        stream.Position = start;
        return n == 6 && magic.SequenceEqual("ARROW1"u8);
    }

    public override InteractionBatch? Read()
    {
        _current?.Dispose();
        RecordBatch? batch;
        try
        {
            batch = _streamReader.ReadNextRecordBatch();
        }
        catch (Exception e) when (e is not InteractionDataException)
        {
            // A stream that stops inside a message (a file cut short) made Apache.Arrow read up to the end of the file.
            throw new InteractionDataException(0, null, null, (AtEnd(_body ?? _stream), _body is null) switch
            {
                (true, true) => $"the Arrow stream is cut short: it ends inside record batch {_batches + 1} (an interrupted copy or download?)",
                (true, false) => $"the file is not a readable Arrow file: record batch {_batches + 1} runs past the start of its footer",
                _ => "the Arrow data cannot be read: " + e.Message,
            }, e);
        }

        _current = batch;
        if (batch is null)
        {
            return null;
        }

        var columns = Columns;
        var number = ++_batches;
        for (var c = 0; c < _map.Length && c < batch.ColumnCount; c++)
        {
            // Apache.Arrow takes the counts as written: a column whose length is not the batch's left rows unwritten
            // (read as whatever the buffers held before) or wrote past them. Checked before anything is allocated,
            // so a damaged batch length of billions is this error, not an out-of-memory one.
            var id = _map[c];
            if (id < 0 || id == (int)ColumnId.ContactId)
            {
                continue;
            }

            var column = batch.Column(c);
            if (column.Length != batch.Length)
            {
                throw new InteractionDataException(0, null, null,
                    $"the file is not a readable Arrow file: record batch {number} has {batch.Length:N0} rows but its column '{columns.Name(id)}' holds {column.Length:N0} values");
            }

            // The null count decides whether Apache.Arrow looks at the validity bitmap at all: a count that disagrees
            // with the bitmap would read null cells as values (or values as nulls).
            if (column is Apache.Arrow.Array array && !NullsAgree(array))
            {
                throw new InteractionDataException(0, null, null,
                    $"the file is not a readable Arrow file: record batch {number}, column '{columns.Name(id)}': its null count ({array.NullCount:N0}) does not match its validity bitmap");
            }
        }

        if (batch.Length == 0)
        {
            return Read();
        }

        try
        {
            columns.EnsureCapacity(batch.Length);
        }
        catch (OutOfMemoryException e)
        {
            throw new InteractionDataException(0, null, null, $"record batch {number} has {batch.Length:N0} rows, more than fit in memory at once (CxMetrics reads a record batch whole; write smaller batches)", e);
        }

        for (var c = 0; c < _map.Length && c < batch.ColumnCount; c++)
        {
            var id = _map[c];
            if (id < 0 || id == (int)ColumnId.ContactId)
            {
                continue;
            }

            try
            {
                ReadColumn(batch.Column(c), id, columns, _rowsBefore);
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                // Apache.Arrow slices a buffer by the column's length and offset: shorter buffers throw here.
                throw new InteractionDataException(0, columns.Name(id), null, $"record batch {number} is damaged: its buffers do not hold its {batch.Length:N0} values", e);
            }
            catch (Exception e) when (e is not InteractionDataException)
            {
                throw new InteractionDataException(0, columns.Name(id), null, $"record batch {number} cannot be read: {e.Message}", e);
            }
        }

        columns.ThrowDeferred();
        _rowsBefore += batch.Length;
        return columns.Build(batch.Length);
    }

    /// <summary>The column's null count is what its validity bitmap says (no bitmap: no nulls).</summary>
    private static bool NullsAgree(Apache.Arrow.Array array)
    {
        var bitmap = array.NullBitmapBuffer.Span;
        if (bitmap.IsEmpty)
        {
            return array.NullCount == 0;
        }

        if (bitmap.Length < BitUtility.ByteCount(array.Offset + array.Length))
        {
            return false;
        }

        return array.Length - BitUtility.CountBits(bitmap, array.Offset, array.Length) == array.NullCount;
    }

    private static void ReadColumn(IArrowArray array, int id, BatchColumns columns, long rowsBefore)
    {
        var n = array.Length;
        switch (array)
        {
            case BooleanArray a:
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); }
                    else { columns.SetBoolean(id, i, FileRow(rowsBefore, i), a.GetValue(i)!.Value); }
                }

                return;
            case Int8Array a: Integers(a, id, columns, rowsBefore); return;
            case Int16Array a: Integers(a, id, columns, rowsBefore); return;
            case Int32Array a: Integers(a, id, columns, rowsBefore); return;
            case Int64Array a: Integers(a, id, columns, rowsBefore); return;
            case UInt8Array a: Integers(a, id, columns, rowsBefore); return;
            case UInt16Array a: Integers(a, id, columns, rowsBefore); return;
            case UInt32Array a: Integers(a, id, columns, rowsBefore); return;
            case UInt64Array a:
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); }
                    else { columns.SetInteger(id, i, FileRow(rowsBefore, i), (long)Math.Min(a.Values[i], long.MaxValue)); }
                }

                return;
            case FloatArray a:
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); }
                    else { columns.SetDouble(id, i, FileRow(rowsBefore, i), a.Values[i]); }
                }

                return;
            case DoubleArray a:
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); }
                    else { columns.SetDouble(id, i, FileRow(rowsBefore, i), a.Values[i]); }
                }

                return;
            case StringArray a:
                for (var i = 0; i < n; i++)
                {
                    var bytes = a.GetBytes(i, out var isNull);
                    if (isNull || bytes.IsEmpty) { columns.SetMissing(id, i); }
                    else { columns.SetText(id, i, FileRow(rowsBefore, i), bytes); }
                }

                return;
            case LargeStringArray a:
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); continue; }
                    var bytes = a.GetBytes(i);
                    if (bytes.IsEmpty) { columns.SetMissing(id, i); }
                    else { columns.SetText(id, i, FileRow(rowsBefore, i), bytes); }
                }

                return;
            case StringViewArray a:
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); continue; }
                    var bytes = a.GetBytes(i);
                    if (bytes.IsEmpty) { columns.SetMissing(id, i); }
                    else { columns.SetText(id, i, FileRow(rowsBefore, i), bytes); }
                }

                return;
            case TimestampArray a:
                var unit = ((TimestampType)a.Data.DataType).Unit;
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); }
                    else { columns.SetInstant(id, i, FileRow(rowsBefore, i), UnixToTicks(a.Values[i], unit)); }
                }

                return;
            case DurationArray a:
                var durationUnit = ((DurationType)a.Data.DataType).Unit;
                for (var i = 0; i < n; i++)
                {
                    if (a.IsNull(i)) { columns.SetMissing(id, i); continue; }
                    var ticks = DurationToTicks(a.Values[i], durationUnit, out var overflow);
                    if (overflow || ticks < 0 || ticks > Durations.MaxTicks)
                    {
                        columns.SetDouble(id, i, FileRow(rowsBefore, i), overflow ? double.PositiveInfinity : ticks / (double)Durations.TicksPerSecond);
                    }
                    else
                    {
                        columns.SetDuration(id, i, FileRow(rowsBefore, i), ticks);
                    }
                }

                return;
            case DictionaryArray a:
                ReadDictionary(a, id, columns, rowsBefore);
                return;
            default:
                throw new InteractionDataException(0, columns.Name(id), null, $"has Arrow type {array.Data.DataType.Name}, which CxMetrics cannot read");
        }
    }

    private static void ReadDictionary(DictionaryArray array, int id, BatchColumns columns, long rowsBefore)
    {
        // Key columns are often dictionary-encoded (pandas categoricals): look each row's entry up by its bytes.
        if (array.Dictionary is not StringArray dictionary)
        {
            throw new InteractionDataException(0, columns.Name(id), null, $"is dictionary-encoded with {array.Dictionary.Data.DataType.Name} values; CxMetrics reads dictionaries of strings only");
        }

        var indices = array.Indices;
        var entries = dictionary.Length;
        for (var i = 0; i < array.Length; i++)
        {
            if (array.IsNull(i))
            {
                columns.SetMissing(id, i);
                continue;
            }

            var index = indices switch
            {
                Int8Array x => (long)x.Values[i],
                Int16Array x => x.Values[i],
                Int32Array x => x.Values[i],
                Int64Array x => x.Values[i],
                UInt8Array x => x.Values[i],
                UInt16Array x => x.Values[i],
                UInt32Array x => x.Values[i],
                _ => -1,
            };
            if (index < 0 || index >= entries)
            {
                throw new InteractionDataException(FileRow(rowsBefore, i), columns.Name(id), null, "has a dictionary index outside its dictionary");
            }

            var bytes = dictionary.GetBytes((int)index, out var isNull);
            if (isNull || bytes.IsEmpty) { columns.SetMissing(id, i); }
            else { columns.SetText(id, i, FileRow(rowsBefore, i), bytes); }
        }
    }

    private static void Integers<T>(PrimitiveArray<T> a, int id, BatchColumns columns, long rowsBefore)
        where T : struct, IComparable, IEquatable<T>, System.Numerics.IBinaryInteger<T>
    {
        var values = a.Values;
        for (var i = 0; i < a.Length; i++)
        {
            if (a.IsNull(i)) { columns.SetMissing(id, i); }
            else { columns.SetInteger(id, i, FileRow(rowsBefore, i), long.CreateSaturating(values[i])); }
        }
    }

    private static long FileRow(long rowsBefore, int i) => rowsBefore + i + 2;

    internal static long UnixToTicks(long value, TimeUnit unit)
    {
        var epoch = DateTime.UnixEpoch.Ticks;
        return unit switch
        {
            TimeUnit.Second => Scale(value, TimeSpan.TicksPerSecond, epoch),
            TimeUnit.Millisecond => Scale(value, TimeSpan.TicksPerMillisecond, epoch),
            TimeUnit.Microsecond => Scale(value, 10, epoch),
            _ => epoch + NanosToTicks(value),
        };

        static long Scale(long v, long factor, long epoch) =>
            v > (long.MaxValue - epoch) / factor || v < -epoch / factor ? -1 : epoch + (v * factor);
    }

    /// <summary>Nanoseconds to ticks, rounding half away from zero, in integers (a double loses ticks past 2^53 ns).</summary>
    private static long NanosToTicks(long nanos)
    {
        var q = nanos / 100;
        var r = nanos % 100;
        return r >= 50 ? q + 1 : r <= -50 ? q - 1 : q;
    }

    private static long DurationToTicks(long value, TimeUnit unit, out bool overflow)
    {
        overflow = false;
        var factor = unit switch
        {
            TimeUnit.Second => TimeSpan.TicksPerSecond,
            TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
            TimeUnit.Microsecond => 10L,
            _ => 0L,
        };
        if (factor == 0)
        {
            return NanosToTicks(value);
        }

        if (Math.Abs(value) > long.MaxValue / factor)
        {
            overflow = true;
            return 0;
        }

        return value * factor;
    }

    public override void Dispose()
    {
        _current?.Dispose();
        _streamReader.Dispose();
        _body?.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
