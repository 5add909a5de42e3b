using CxMetrics.IO.Internal;

namespace CxMetrics.IO;

/// <summary>
/// Reads a contacts file (CSV, Arrow IPC or Parquet) as a stream of columnar <see cref="InteractionBatch"/> batches,
/// validating every cell (strict by default, lenient on request).
/// </summary>
/// <remarks>
/// <para>A batch returned by <see cref="ReadBatch"/> lends the reader's buffers: it is valid until the next call
/// (accumulate it, or copy what you keep). Memory therefore stays at one batch whatever the file size; key
/// dictionaries are shared by all batches of a reader and only grow, so a key's code is the same in every batch.</para>
/// <para>Every column is optional: a column missing from the file is absent in every batch (all values missing).</para>
/// </remarks>
/// <example>
/// <code>
/// using var reader = InteractionReader.Open("contacts.csv");
/// while (reader.ReadBatch() is { } batch) { accumulator.Add(batch); }
/// </code>
/// </example>
public sealed class InteractionReader : IDisposable
{
    private readonly BatchSource _source;
    private long _rows;

    private InteractionReader(BatchSource source, long? length)
    {
        _source = source;
        Length = length;
    }

    /// <summary>The recognised columns of the file, as named there, in file order.</summary>
    public IReadOnlyList<string> Columns => _source.RecognizedColumns;

    /// <summary>The number of data rows read so far (every record counts, also one with bad cells in lenient mode).</summary>
    public long Rows => _rows;

    /// <summary>Bytes of the input consumed so far (for progress displays).</summary>
    public long Position => _source.Position;

    /// <summary>The input's length in bytes when known (a file), else <see langword="null"/>.</summary>
    public long? Length { get; }

    /// <summary>
    /// In lenient mode, how many cells of each column were unreadable and read as empty, by the file's column name;
    /// only columns above zero. Always empty in strict mode.
    /// </summary>
    public IReadOnlyDictionary<string, long> InvalidCells => _source.Columns.InvalidCells();

    /// <summary>The file format a path's extension names.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>The format.</returns>
    /// <exception cref="InteractionDataException">The extension is not .csv, .arrow, .feather, .ipc or .parquet.</exception>
    public static InteractionFileFormat FormatFromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".csv" => InteractionFileFormat.Csv,
            ".arrow" or ".feather" or ".ipc" => InteractionFileFormat.Arrow,
            ".parquet" => InteractionFileFormat.Parquet,
            _ => throw new InteractionDataException(0, null, null,
                $"cannot tell the file type of '{path}' from its extension '{ext}': use .csv, .arrow (.feather, .ipc) or .parquet"),
        };
    }

    /// <summary>Opens a file with the default (strict) options, its format taken from the extension.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InteractionDataException">The extension is unknown, the file cannot be opened, or its header or schema is invalid.</exception>
    public static InteractionReader Open(string path) => Open(path, InteractionReaderOptions.Default);

    /// <summary>Opens a file, its format taken from the extension.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InteractionDataException">The extension is unknown, the file cannot be opened, or its header or schema is invalid.</exception>
    public static InteractionReader Open(string path, InteractionReaderOptions options)
    {
        var format = FormatFromPath(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InteractionDataException(0, null, null, $"cannot open '{path}': {e.Message}", e);
        }

        try
        {
            return Open(stream, format, options, leaveOpen: false, stream.Length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a stream of the given format.</summary>
    /// <param name="stream">The input (Arrow file format and Parquet need a seekable stream).</param>
    /// <param name="format">The format.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InteractionDataException">The header or schema is invalid, or the input is not of the format.</exception>
    public static InteractionReader Open(Stream stream, InteractionFileFormat format, InteractionReaderOptions options, bool leaveOpen) =>
        Open(stream, format, options, leaveOpen, stream is { CanSeek: true } ? stream.Length : null);

    private static InteractionReader Open(Stream stream, InteractionFileFormat format, InteractionReaderOptions? options, bool leaveOpen, long? length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= InteractionReaderOptions.Default;
        var columns = new BatchColumns(options);
        try
        {
            BatchSource source = format switch
            {
                InteractionFileFormat.Csv => new CsvSource(stream, leaveOpen, columns, options.CsvFastPath, options.CsvBufferBytes, options.MaxDegreeOfParallelism),
                InteractionFileFormat.Arrow => new ArrowSource(stream, leaveOpen, columns),
                InteractionFileFormat.Parquet => new ParquetSource(stream, leaveOpen, columns),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
            return new InteractionReader(source, length);
        }
        catch (IOException e)
        {
            throw new InteractionDataException(0, null, null, "cannot read the input: " + e.Message, e);
        }
        catch (Exception e) when (format != InteractionFileFormat.Csv && e is not InteractionDataException)
        {
            // Apache.Arrow and Parquet.Net throw many kinds of exceptions on corrupt input.
            throw new InteractionDataException(0, null, null, $"the file is not a readable {format} file: {e.Message}", e);
        }
    }

    /// <summary>Reads the next batch; it is valid until the next call or <see cref="Dispose"/>.</summary>
    /// <returns>The batch, or <see langword="null"/> at the end of the file.</returns>
    /// <exception cref="InteractionDataException">A bad cell (strict mode) or a structural error (both modes).</exception>
    public InteractionBatch? ReadBatch()
    {
        InteractionBatch? batch;
        try
        {
            batch = _source.Read();
        }
        catch (IOException e)
        {
            throw new InteractionDataException(0, null, null, "cannot read the input: " + e.Message, e);
        }
        catch (Exception e) when (_source is not CsvSource && e is not InteractionDataException)
        {
            throw new InteractionDataException(0, null, null, "the file's data cannot be read: " + e.Message, e);
        }

        if (batch is not null)
        {
            _rows += batch.Length;
        }

        return batch;
    }

    /// <summary>Closes the input (unless it was opened with leaveOpen).</summary>
    public void Dispose() => _source.Dispose();
}
