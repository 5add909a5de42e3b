using System.Buffers.Text;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

namespace CxMetrics.IO;

/// <summary>
/// Writes batches of contacts as CSV, Arrow IPC (file format) or Parquet with the 17 columns of
/// <see cref="InteractionColumns.All"/>, so that the same data can be given to every reader.
/// </summary>
/// <remarks>
/// <para>CSV: UTF-8 without BOM, LF line breaks, fields quoted only when they hold a comma, quote or line break;
/// instants as <c>2026-10-05T14:03:12.5Z</c> (UTC, fraction only when non-zero), durations as plain decimal seconds
/// with up to 7 decimals (exact ticks), fcr as <c>true</c>/<c>false</c>, missing values as empty cells.</para>
/// <para>Arrow and Parquet: contact_id int64, opened_at timestamp (ns, UTC), keys as strings, scores as nullable
/// uint8, fcr as nullable boolean, durations as nullable float64 seconds.</para>
/// <para>contact_id is the 1-based index of the row in the file (batches carry no contact ids).</para>
/// </remarks>
public sealed class InteractionWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly InteractionFileFormat _format;
    private long _rows;
    private byte[] _buffer = new byte[1 << 16];
    private int _used;
    private ArrowFileWriter? _arrow;
    private ParquetWriter? _parquet;
    private bool _disposed;

    private InteractionWriter(Stream stream, InteractionFileFormat format, bool leaveOpen)
    {
        _stream = stream;
        _format = format;
        _leaveOpen = leaveOpen;
        if (format == InteractionFileFormat.Csv)
        {
            for (var i = 0; i < InteractionColumns.All.Count; i++)
            {
                if (i > 0)
                {
                    Put((byte)',');
                }

                PutText(InteractionColumns.All[i]);
            }

            Put((byte)'\n');
        }
        else if (format == InteractionFileFormat.Arrow)
        {
            _arrow = new ArrowFileWriter(stream, ArrowSchema, leaveOpen: true);
        }
        else
        {
            _parquet = ParquetWriter.CreateAsync(ParquetSchemaOf, stream, null, false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Creates a file, its format taken from the extension (.csv, .arrow/.feather/.ipc, .parquet).</summary>
    /// <param name="path">The file to create (replaced if it exists).</param>
    /// <returns>The writer; dispose it to finish the file.</returns>
    /// <exception cref="InteractionDataException">The extension is unknown.</exception>
    public static InteractionWriter Create(string path)
    {
        var format = InteractionReader.FormatFromPath(path);
        return new InteractionWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), format, false);
    }

    /// <summary>Writes to a stream.</summary>
    /// <param name="stream">The output.</param>
    /// <param name="format">The format.</param>
    /// <param name="leaveOpen">Whether disposing the writer leaves <paramref name="stream"/> open.</param>
    /// <returns>The writer; dispose it to finish the output.</returns>
    public static InteractionWriter Create(Stream stream, InteractionFileFormat format, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new InteractionWriter(stream, format, leaveOpen);
    }

    /// <summary>Writes a whole batch to a file (format from the extension).</summary>
    /// <param name="path">The file.</param>
    /// <param name="batch">The contacts.</param>
    public static void Write(string path, InteractionBatch batch)
    {
        using var writer = Create(path);
        writer.Write(batch);
    }

    /// <summary>Appends a batch (one Arrow record batch or Parquet row group).</summary>
    /// <param name="batch">The contacts.</param>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the range of nanosecond timestamps (1677..2262) in Arrow or Parquet.</exception>
    public void Write(InteractionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.Length == 0)
        {
            return;
        }

        switch (_format)
        {
            case InteractionFileFormat.Csv: WriteCsv(batch); break;
            case InteractionFileFormat.Arrow: _arrow!.WriteRecordBatch(ToRecordBatch(batch, _rows)); break;
            default: WriteParquet(batch); break;
        }

        _rows += batch.Length;
    }

    /// <summary>Finishes the output (Arrow footer, Parquet metadata) and closes it unless left open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_format == InteractionFileFormat.Csv)
        {
            Flush();
        }
        else if (_arrow is not null)
        {
            _arrow.WriteEnd();
            _arrow.Dispose();
        }
        else
        {
            _parquet?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    // ---------------- CSV ----------------

    private void WriteCsv(InteractionBatch batch)
    {
        var csat = batch.Csat.Span;
        var nps = batch.Nps.Span;
        var ces = batch.Ces.Span;
        var fcr = batch.FirstContactResolved.Span;
        for (var i = 0; i < batch.Length; i++)
        {
            Reserve(1024);
            PutLong(_rows + i + 1);
            Put((byte)',');
            if (!batch.OpenedAt.IsEmpty && batch.OpenedAt.Span[i] >= 0)
            {
                PutInstant(batch.OpenedAt.Span[i]);
            }

            PutKey(batch.Channel, i);
            PutKey(batch.Agent, i);
            PutKey(batch.Team, i);
            PutKey(batch.Priority, i);
            PutKey(batch.Customer, i);
            PutScore(csat, i);
            PutScore(nps, i);
            PutScore(ces, i);
            Put((byte)',');
            if (!fcr.IsEmpty && fcr[i] <= 1)
            {
                PutText(fcr[i] == 1 ? "true" : "false");
            }

            PutDuration(batch.TalkTime, i);
            PutDuration(batch.HoldTime, i);
            PutDuration(batch.WrapTime, i);
            PutDuration(batch.FirstResponseTime, i);
            PutDuration(batch.ResolutionTime, i);
            PutDuration(batch.SlaTarget, i);
            Put((byte)'\n');
        }
    }

    private void PutScore(ReadOnlySpan<byte> column, int i)
    {
        Put((byte)',');
        if (!column.IsEmpty && column[i] != Missing.Score)
        {
            PutLong(column[i]);
        }
    }

    private void PutKey(KeyColumn column, int i)
    {
        Put((byte)',');
        var text = column.GetText(i);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            PutText(text);
            return;
        }

        Put((byte)'"');
        PutText(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        Put((byte)'"');
    }

    private void PutDuration(ReadOnlyMemory<long> column, int i)
    {
        Put((byte)',');
        if (column.IsEmpty)
        {
            return;
        }

        var ticks = column.Span[i];
        if (ticks < 0)
        {
            return;
        }

        PutLong(ticks / Durations.TicksPerSecond);
        PutFraction(ticks % Durations.TicksPerSecond);
    }

    private void PutFraction(long fraction)
    {
        if (fraction == 0)
        {
            return;
        }

        Span<byte> digits = stackalloc byte[8];
        digits[0] = (byte)'.';
        for (var d = 7; d >= 1; d--)
        {
            digits[d] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        var length = 8;
        while (digits[length - 1] == '0')
        {
            length--;
        }

        Put(digits[..length]);
    }

    private void PutInstant(long ticks)
    {
        var at = new DateTime(ticks, DateTimeKind.Utc);
        Span<char> chars = stackalloc char[20];
        at.TryFormat(chars, out var n, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        for (var c = 0; c < n; c++)
        {
            Put((byte)chars[c]);
        }

        PutFraction(ticks % TimeSpan.TicksPerSecond);
        Put((byte)'Z');
    }

    private void PutLong(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out var written);
        _used += written;
    }

    private void PutText(string text)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        Reserve(max);
        _used += System.Text.Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Put(byte b)
    {
        Reserve(1);
        _buffer[_used++] = b;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _used >= bytes)
        {
            return;
        }

        Flush();
        if (_buffer.Length < bytes)
        {
            _buffer = new byte[bytes];
        }
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    // ---------------- Arrow ----------------

    private static readonly Schema ArrowSchema = new Schema.Builder()
        .Field(f => f.Name(InteractionColumns.ContactId).DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name(InteractionColumns.OpenedAt).DataType(new TimestampType(TimeUnit.Nanosecond, "UTC")).Nullable(true))
        .Field(f => f.Name(InteractionColumns.Channel).DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.AgentId).DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.Team).DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.Priority).DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.CustomerId).DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.Csat).DataType(UInt8Type.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.Nps).DataType(UInt8Type.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.Ces).DataType(UInt8Type.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.Fcr).DataType(BooleanType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.TalkSeconds).DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.HoldSeconds).DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.WrapSeconds).DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.FirstResponseSeconds).DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.ResolutionSeconds).DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name(InteractionColumns.SlaTargetSeconds).DataType(DoubleType.Default).Nullable(true))
        .Build();

    private static RecordBatch ToRecordBatch(InteractionBatch batch, long rowsBefore)
    {
        var n = batch.Length;
        var ids = new Int64Array.Builder().Reserve(n);
        for (var i = 0; i < n; i++)
        {
            ids.Append(rowsBefore + i + 1);
        }

        var opened = new TimestampArray.Builder(new TimestampType(TimeUnit.Nanosecond, "UTC")).Reserve(n);
        for (var i = 0; i < n; i++)
        {
            var t = batch.OpenedAt.IsEmpty ? Missing.Instant : batch.OpenedAt.Span[i];
            if (t < 0) { opened.AppendNull(); }
            else { opened.Append(new DateTimeOffset(t, TimeSpan.Zero)); }
        }

        return new RecordBatch(ArrowSchema,
        [
            ids.Build(), opened.Build(),
            Keys(batch.Channel, n), Keys(batch.Agent, n), Keys(batch.Team, n), Keys(batch.Priority, n), Keys(batch.Customer, n),
            Scores(batch.Csat.Span, n), Scores(batch.Nps.Span, n), Scores(batch.Ces.Span, n), Flags(batch.FirstContactResolved.Span, n),
            Seconds(batch.TalkTime.Span, n), Seconds(batch.HoldTime.Span, n), Seconds(batch.WrapTime.Span, n),
            Seconds(batch.FirstResponseTime.Span, n), Seconds(batch.ResolutionTime.Span, n), Seconds(batch.SlaTarget.Span, n),
        ], n);
    }

    private static StringArray Keys(KeyColumn column, int n)
    {
        var b = new StringArray.Builder();
        for (var i = 0; i < n; i++)
        {
            var text = column.GetText(i);
            if (string.IsNullOrEmpty(text)) { b.AppendNull(); }
            else { b.Append(text); }
        }

        return b.Build();
    }

    private static UInt8Array Scores(ReadOnlySpan<byte> column, int n)
    {
        var b = new UInt8Array.Builder().Reserve(n);
        for (var i = 0; i < n; i++)
        {
            if (column.IsEmpty || column[i] == Missing.Score) { b.AppendNull(); }
            else { b.Append(column[i]); }
        }

        return b.Build();
    }

    private static BooleanArray Flags(ReadOnlySpan<byte> column, int n)
    {
        var b = new BooleanArray.Builder().Reserve(n);
        for (var i = 0; i < n; i++)
        {
            if (column.IsEmpty || column[i] > 1) { b.AppendNull(); }
            else { b.Append(column[i] == 1); }
        }

        return b.Build();
    }

    private static DoubleArray Seconds(ReadOnlySpan<long> column, int n)
    {
        var b = new DoubleArray.Builder().Reserve(n);
        for (var i = 0; i < n; i++)
        {
            if (column.IsEmpty || column[i] < 0) { b.AppendNull(); }
            else { b.Append(Durations.ToSeconds(column[i])); }
        }

        return b.Build();
    }

    // ---------------- Parquet ----------------

    private static readonly DataField[] ParquetFields =
    [
        new DataField<long>(InteractionColumns.ContactId),
        new DateTimeDataField(InteractionColumns.OpenedAt, DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Nanos, true),
        new DataField<string>(InteractionColumns.Channel, true),
        new DataField<string>(InteractionColumns.AgentId, true),
        new DataField<string>(InteractionColumns.Team, true),
        new DataField<string>(InteractionColumns.Priority, true),
        new DataField<string>(InteractionColumns.CustomerId, true),
        new DataField<byte?>(InteractionColumns.Csat),
        new DataField<byte?>(InteractionColumns.Nps),
        new DataField<byte?>(InteractionColumns.Ces),
        new DataField<bool?>(InteractionColumns.Fcr),
        new DataField<double?>(InteractionColumns.TalkSeconds),
        new DataField<double?>(InteractionColumns.HoldSeconds),
        new DataField<double?>(InteractionColumns.WrapSeconds),
        new DataField<double?>(InteractionColumns.FirstResponseSeconds),
        new DataField<double?>(InteractionColumns.ResolutionSeconds),
        new DataField<double?>(InteractionColumns.SlaTargetSeconds),
    ];

    private static readonly ParquetSchema ParquetSchemaOf = new(ParquetFields);

    private void WriteParquet(InteractionBatch batch)
    {
        var n = batch.Length;
        using var group = _parquet!.CreateRowGroup();
        var ids = new long[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = _rows + i + 1;
        }

        Run(group.WriteAsync<long>(ParquetFields[0], ids.AsMemory(), null, null, CancellationToken.None));
        var opened = new DateTime?[n];
        for (var i = 0; i < n; i++)
        {
            var t = batch.OpenedAt.IsEmpty ? Missing.Instant : batch.OpenedAt.Span[i];
            opened[i] = t < 0 ? null : new DateTime(t, DateTimeKind.Utc);
        }

        Run(group.WriteAsync<DateTime>(ParquetFields[1], opened.AsMemory(), null, null, CancellationToken.None));
        KeyColumn[] keys = [batch.Channel, batch.Agent, batch.Team, batch.Priority, batch.Customer];
        for (var k = 0; k < keys.Length; k++)
        {
            var texts = new string?[n];
            for (var i = 0; i < n; i++)
            {
                var text = keys[k].GetText(i);
                texts[i] = string.IsNullOrEmpty(text) ? null : text;
            }

            Run(group.WriteAsync(ParquetFields[2 + k], texts!, null));
        }

        ReadOnlyMemory<byte>[] scores = [batch.Csat, batch.Nps, batch.Ces];
        for (var k = 0; k < scores.Length; k++)
        {
            var values = new byte?[n];
            var span = scores[k].Span;
            for (var i = 0; i < n; i++)
            {
                values[i] = span.IsEmpty || span[i] == Missing.Score ? null : span[i];
            }

            Run(group.WriteAsync<byte>(ParquetFields[7 + k], values.AsMemory(), null, null, CancellationToken.None));
        }

        var flags = new bool?[n];
        var fcr = batch.FirstContactResolved.Span;
        for (var i = 0; i < n; i++)
        {
            flags[i] = fcr.IsEmpty || fcr[i] > 1 ? null : fcr[i] == 1;
        }

        Run(group.WriteAsync<bool>(ParquetFields[10], flags.AsMemory(), null, null, CancellationToken.None));
        ReadOnlyMemory<long>[] durations = [batch.TalkTime, batch.HoldTime, batch.WrapTime, batch.FirstResponseTime, batch.ResolutionTime, batch.SlaTarget];
        for (var k = 0; k < durations.Length; k++)
        {
            var values = new double?[n];
            var span = durations[k].Span;
            for (var i = 0; i < n; i++)
            {
                values[i] = span.IsEmpty || span[i] < 0 ? null : Durations.ToSeconds(span[i]);
            }

            Run(group.WriteAsync<double>(ParquetFields[11 + k], values.AsMemory(), null, null, CancellationToken.None));
        }

        group.CompleteValidate();
    }

    private static void Run(Task task) => task.GetAwaiter().GetResult();

    private static void Run(ValueTask task) => task.AsTask().GetAwaiter().GetResult();
}
