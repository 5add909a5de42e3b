using System.Buffers;
using System.Buffers.Binary;
using Parquet.Meta;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Checks the Thrift parts of a Parquet file (the footer, then each row group's page headers) with
/// <see cref="ThriftCompactCheck"/> before Parquet.Net parses them, so that a damaged file is an error that says so
/// instead of a reader that never returns. Only the headers are read (a page's data is skipped by a seek), so the check
/// adds a few small reads per column chunk.
/// </summary>
internal static class ParquetIntegrity
{
    /// <summary>PageHeader types that hold a column's values: DATA_PAGE and DATA_PAGE_V2.</summary>
    private const int DataPage = 0, DataPageV2 = 3;

    /// <summary>The first read of a page header; most are 20-100 bytes (more with string statistics).</summary>
    private const int FirstWindow = 256;

    /// <summary>A page header longer than this is taken for damage (real ones are bytes to kilobytes).</summary>
    private const int MaxHeader = 64 << 20;

    /// <summary>
    /// Throws when the footer of a seekable stream ends in "PAR1" with a plausible length but its Thrift bytes are not one
    /// well-formed struct. Anything else (no magic, a length past the start) is left to Parquet.Net's own message.
    /// Returns where the footer starts (the end of the column data; the stream's length when not known). The stream's
    /// position is restored.
    /// </summary>
    public static long CheckFooter(Stream stream)
    {
        if (!stream.CanSeek || stream.Length < 4)
        {
            return stream.CanSeek ? stream.Length : long.MaxValue;
        }

        var start = stream.Position;
        try
        {
            Span<byte> head = stackalloc byte[4];
            stream.Seek(0, SeekOrigin.Begin);
            stream.ReadExactly(head);
            if (stream.Length < 12)
            {
                return head.SequenceEqual("PAR1"u8) ? throw Damaged(CutShort("Parquet", "PAR1")) : stream.Length;
            }

            Span<byte> tail = stackalloc byte[8];
            stream.Seek(-8, SeekOrigin.End);
            stream.ReadExactly(tail);
            if (head.SequenceEqual("PAR1"u8) && !tail[4..].SequenceEqual("PAR1"u8))
            {
                // The start is right and the footer is missing: the common damage of a file cut short.
                throw Damaged(CutShort("Parquet", "PAR1"));
            }

            var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
            if (!tail[4..].SequenceEqual("PAR1"u8) || footerLength <= 0 || footerLength > stream.Length - 12)
            {
                return stream.Length;
            }

            var footer = ArrayPool<byte>.Shared.Rent(footerLength);
            try
            {
                stream.Seek(-8 - footerLength, SeekOrigin.End);
                stream.ReadExactly(footer, 0, footerLength);
                if (ThriftCompactCheck.Struct(footer.AsSpan(0, footerLength), out _) != ThriftCompactCheck.Result.Valid)
                {
                    throw Damaged("its footer (the file metadata) is damaged");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(footer);
            }

            return stream.Length - 8 - footerLength;
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// Throws unless each column chunk of <paramref name="group"/> that will be read (<paramref name="chunks"/>: indexes
    /// of schema leaf fields; the columns CxMetrics does not read are Parquet.Net's never to parse, and their damage is
    /// no reason to refuse the file) starts inside the column data (before <paramref name="dataEnd"/>,
    /// <see cref="CheckFooter"/>) and is a run of well-formed page headers, each followed by its page data inside the
    /// column data, up to the chunk's declared length. A header may reach past that length (writers differ on what it
    /// counts) but not past the column data. The counts must agree too, since Parquet.Net trusts them: every chunk read
    /// holds as many values as the row group has rows (the columns CxMetrics reads are flat, one value or null per row),
    /// and when its pages end exactly at its declared length, their data pages hold that many values. A row group that
    /// claims more rows than its columns hold read as extra empty contacts, and pages that hold fewer values than that
    /// stopped Parquet.Net with an index out of range. <paramref name="groupNumber"/> (1-based) is for the message. The
    /// stream's position is restored.
    /// </summary>
    public static void CheckPages(Stream stream, RowGroup group, int groupNumber, IReadOnlyList<int> chunks, long dataEnd)
    {
        if (!stream.CanSeek)
        {
            return;
        }

        dataEnd = Math.Min(dataEnd, stream.Length);
        var start = stream.Position;
        var window = ArrayPool<byte>.Shared.Rent(FirstWindow);
        try
        {
            foreach (var index in chunks)
            {
                if (index >= group.Columns.Count)
                {
                    throw Damaged($"a row group has {group.Columns.Count} column chunks but the schema more fields");
                }

                var chunk = group.Columns[index];
                var meta = chunk.MetaData;
                if (meta is null || chunk.FilePath is not null)
                {
                    continue; // no metadata, or data in another file: Parquet.Net reports what it cannot read
                }

                var first = meta.DictionaryPageOffset is long d && d > 0 && d < meta.DataPageOffset ? d : meta.DataPageOffset;
                var length = meta.TotalCompressedSize;
                var column = string.Join('.', meta.PathInSchema);
                if (first < 4 || length < 0 || first >= dataEnd)
                {
                    throw Damaged($"the column chunk of '{column}' does not start inside the file's column data (offset {first})");
                }

                if (meta.NumValues != group.NumRows)
                {
                    throw Damaged($"row group {groupNumber} has {group.NumRows:N0} rows but its column '{column}' holds {meta.NumValues:N0} values");
                }

                long values = 0;
                long at = 0;
                while (at < length)
                {
                    var fileLeft = dataEnd - (first + at);
                    var size = (int)Math.Min(FirstWindow, fileLeft);
                    while (true)
                    {
                        if (window.Length < size)
                        {
                            ArrayPool<byte>.Shared.Return(window);
                            window = ArrayPool<byte>.Shared.Rent(size);
                        }

                        stream.Position = first + at;
                        stream.ReadExactly(window, 0, size);
                        var result = ThriftCompactCheck.PageHeader(window.AsSpan(0, size), out var headerLength, out var page);
                        var dataLength = page.CompressedSize;
                        if (result == ThriftCompactCheck.Result.Incomplete && size < fileLeft && size < MaxHeader)
                        {
                            size = (int)Math.Min(Math.Min(2L * size, fileLeft), MaxHeader);
                            continue;
                        }

                        if (result != ThriftCompactCheck.Result.Valid || dataLength < 0 || dataLength > fileLeft - headerLength)
                        {
                            throw Damaged($"a page header of column '{column}' is damaged (at byte {first + at})");
                        }

                        if (page.Type is DataPage or DataPageV2)
                        {
                            if (page.NumValues < 0)
                            {
                                throw Damaged($"a page header of column '{column}' is damaged (at byte {first + at})");
                            }

                            values += page.NumValues;
                        }

                        at += headerLength + dataLength;
                        break;
                    }

                    if (first + at >= dataEnd)
                    {
                        break;
                    }
                }

                if (at == length && values != meta.NumValues)
                {
                    throw Damaged($"the pages of column '{column}' in row group {groupNumber} hold {values:N0} values but the row group has {group.NumRows:N0} rows");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
            stream.Position = start;
        }
    }

    /// <summary>
    /// Throws unless the footer's schema list is exactly one tree (the root's children, their children, ... use up every
    /// element) and every row group has one column chunk per leaf. Parquet.Net builds the schema from the root's child
    /// counts and ignores elements left over, so a damaged count silently dropped columns from the report.
    /// </summary>
    public static void CheckSchema(FileMetaData meta)
    {
        var schema = meta.Schema;
        var position = 0;
        var leaves = 0;
        var pending = 1; // elements still to read: the root
        while (pending > 0)
        {
            if (position >= schema.Count)
            {
                throw Damaged($"its schema's child counts need more than the {schema.Count:N0} fields it lists");
            }

            var children = schema[position++].NumChildren ?? 0;
            if (children < 0)
            {
                throw Damaged($"its schema has a negative child count ({children})");
            }

            leaves += children == 0 && position > 1 ? 1 : 0;
            pending += children - 1;
        }

        if (position != schema.Count)
        {
            throw Damaged($"its schema lists {schema.Count:N0} fields but its child counts hold {position:N0}");
        }

        for (var g = 0; g < meta.RowGroups.Count; g++)
        {
            if (meta.RowGroups[g].Columns.Count != leaves)
            {
                throw Damaged($"row group {g + 1} has {meta.RowGroups[g].Columns.Count:N0} column chunks but the schema {leaves:N0} columns");
            }
        }
    }

    /// <summary>The message for a file that starts with its format's magic but does not end with it.</summary>
    internal static string CutShort(string format, string magic) =>
        $"it starts with the {format} magic {magic} but does not end with it: the file is cut short (an interrupted copy or download?)";

    private static InteractionDataException Damaged(string what) =>
        new(0, null, null, "the file is not a readable Parquet file: " + what);
}
