using Parquet;
using Parquet.Schema;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Reads Parquet through Parquet.Net: each row group becomes one batch; every recognised column is read into one
/// typed array per row group (no object per value except the strings Parquet.Net itself makes).
/// </summary>
internal sealed class ParquetSource : BatchSource
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetReader _reader;
    private readonly List<(DataField Field, int Id)> _fields = [];
    private readonly List<int> _chunks = [];
    private readonly List<string> _recognized = [];
    private readonly long _dataEnd;
    private int _nextGroup;
    private long _rowsBefore;

    public ParquetSource(Stream stream, bool leaveOpen, BatchColumns columns)
        : base(columns)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        try
        {
            _dataEnd = ParquetIntegrity.CheckFooter(stream);
            _reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult();
            ParquetIntegrity.CheckSchema(_reader.Metadata!);
        }
        catch (Exception e) when (e is not InteractionDataException)
        {
            throw new InteractionDataException(0, null, null, "the file is not a readable Parquet file: " + e.Message, e);
        }

        var dataFields = _reader.Schema.GetDataFields();
        var names = new List<string>();
        foreach (var field in dataFields)
        {
            names.Add(field.Path.ToString());
        }

        var map = ColumnIds.Map(names);
        for (var i = 0; i < dataFields.Length; i++)
        {
            if (map[i] < 0)
            {
                continue;
            }

            if (dataFields[i].IsArray)
            {
                throw new InteractionDataException(0, names[i], null, "is a repeated (list) column; CxMetrics needs one value per row");
            }

            columns.Declare(map[i], names[i]);
            columns.FileOrder[map[i]] = i;
            _recognized.Add(names[i]);
            if (map[i] != (int)ColumnId.ContactId)
            {
                _fields.Add((dataFields[i], map[i]));
                _chunks.Add(i); // a row group's column chunks are in the order of the schema's leaf fields
            }
        }

        columns.EnsureCapacity(1);
        columns.DeferErrors = !columns.Lenient;
    }

    public override IReadOnlyList<string> RecognizedColumns => _recognized;

    public override long Position => _stream.CanSeek ? _stream.Position : 0;

    public override InteractionBatch? Read()
    {
        while (_nextGroup < _reader.RowGroupCount)
        {
            try
            {
                ParquetIntegrity.CheckPages(_stream, _reader.Metadata!.RowGroups[_nextGroup], _nextGroup + 1, _chunks, _dataEnd);
                using var group = _reader.OpenRowGroupReader(_nextGroup++);
                if (group.RowCount == 0)
                {
                    continue;
                }

                if (group.RowCount > Array.MaxLength)
                {
                    throw new InteractionDataException(0, null, null, "has a row group of more than 2^31 rows");
                }

                var n = (int)group.RowCount;
                try
                {
                    Columns.EnsureCapacity(n);
                    foreach (var (field, id) in _fields)
                    {
                        try
                        {
                            ReadColumn(group, field, id, n);
                        }
                        catch (Exception e) when (e is not (InteractionDataException or OutOfMemoryException))
                        {
                            // Name where Parquet.Net stopped: the column and the row group.
                            throw new InteractionDataException(0, Columns.Name(id), null, $"row group {_nextGroup} cannot be read: {e.Message}", e);
                        }
                    }
                }
                catch (OutOfMemoryException e)
                {
                    throw new InteractionDataException(0, null, null, $"row group {_nextGroup} has {n:N0} rows, more than fit in memory at once (CxMetrics reads a Parquet row group whole; write smaller row groups)", e);
                }

                Columns.ThrowDeferred();
                _rowsBefore += n;
                return Columns.Build(n);
            }
            catch (Exception e) when (e is not InteractionDataException)
            {
                throw new InteractionDataException(0, null, null, "the Parquet data cannot be read: " + e.Message, e);
            }
        }

        return null;
    }

    private void ReadColumn(ParquetRowGroupReader group, DataField field, int id, int n)
    {
        var columns = Columns;
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[n];
            group.ReadAsync(field, values.AsMemory(), null, CancellationToken.None).GetAwaiter().GetResult();
            for (var i = 0; i < n; i++)
            {
                columns.SetString(id, i, Row(i), values[i]);
            }
        }
        else if (type == typeof(bool))
        {
            var values = Read<bool>(group, field, n);
            for (var i = 0; i < n; i++)
            {
                if (values[i] is { } v) { columns.SetBoolean(id, i, Row(i), v); }
                else { columns.SetMissing(id, i); }
            }
        }
        else if (type == typeof(sbyte)) { Integers(Read<sbyte>(group, field, n), id); }
        else if (type == typeof(byte)) { Integers(Read<byte>(group, field, n), id); }
        else if (type == typeof(short)) { Integers(Read<short>(group, field, n), id); }
        else if (type == typeof(ushort)) { Integers(Read<ushort>(group, field, n), id); }
        else if (type == typeof(int)) { Integers(Read<int>(group, field, n), id); }
        else if (type == typeof(uint)) { Integers(Read<uint>(group, field, n), id); }
        else if (type == typeof(long)) { Integers(Read<long>(group, field, n), id); }
        else if (type == typeof(ulong)) { Integers(Read<ulong>(group, field, n), id); }
        else if (type == typeof(float))
        {
            var values = Read<float>(group, field, n);
            for (var i = 0; i < n; i++)
            {
                if (values[i] is { } v) { columns.SetDouble(id, i, Row(i), v); }
                else { columns.SetMissing(id, i); }
            }
        }
        else if (type == typeof(double))
        {
            var values = Read<double>(group, field, n);
            for (var i = 0; i < n; i++)
            {
                if (values[i] is { } v) { columns.SetDouble(id, i, Row(i), v); }
                else { columns.SetMissing(id, i); }
            }
        }
        else if (type == typeof(decimal))
        {
            var values = Read<decimal>(group, field, n);
            for (var i = 0; i < n; i++)
            {
                if (values[i] is { } v) { columns.SetDouble(id, i, Row(i), (double)v); }
                else { columns.SetMissing(id, i); }
            }
        }
        else if (type == typeof(DateTime))
        {
            var values = Read<DateTime>(group, field, n);
            for (var i = 0; i < n; i++)
            {
                // Parquet timestamps are UTC instants (a local-time timestamp is read as UTC too).
                if (values[i] is { } v) { columns.SetInstant(id, i, Row(i), v.Kind == DateTimeKind.Local ? v.ToUniversalTime().Ticks : v.Ticks); }
                else { columns.SetMissing(id, i); }
            }
        }
        else if (type == typeof(DateTimeOffset))
        {
            var values = Read<DateTimeOffset>(group, field, n);
            for (var i = 0; i < n; i++)
            {
                if (values[i] is { } v) { columns.SetInstant(id, i, Row(i), v.UtcTicks); }
                else { columns.SetMissing(id, i); }
            }
        }
        else if (type == typeof(TimeSpan))
        {
            var values = Read<TimeSpan>(group, field, n);
            for (var i = 0; i < n; i++)
            {
                if (values[i] is not { } v) { columns.SetMissing(id, i); }
                else if (v.Ticks < 0 || v.Ticks > Durations.MaxTicks) { columns.SetDouble(id, i, Row(i), v.TotalSeconds); }
                else { columns.SetDuration(id, i, Row(i), v.Ticks); }
            }
        }
        else
        {
            throw new InteractionDataException(0, columns.Name(id), null, $"has Parquet type {type.Name}, which CxMetrics cannot read");
        }
    }

    private long Row(int i) => _rowsBefore + i + 2;

    private static T?[] Read<T>(ParquetRowGroupReader group, DataField field, int n)
        where T : struct
    {
        var values = new T?[n];
        if (field.IsNullable)
        {
            group.ReadAsync<T>(field, values.AsMemory(), null, CancellationToken.None).GetAwaiter().GetResult();
            return values;
        }

        var dense = new T[n];
        group.ReadAsync<T>(field, dense.AsMemory(), null, CancellationToken.None).GetAwaiter().GetResult();
        for (var i = 0; i < n; i++)
        {
            values[i] = dense[i];
        }

        return values;
    }

    private void Integers<T>(T?[] values, int id)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v) { Columns.SetInteger(id, i, Row(i), long.CreateSaturating(v)); }
            else { Columns.SetMissing(id, i); }
        }
    }

    public override void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
