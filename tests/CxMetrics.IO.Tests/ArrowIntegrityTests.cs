using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CxMetrics.IO.Tests;

/// <summary>
/// Arrow files whose counts disagree (a damaged record batch length, column length or buffer length): Apache.Arrow takes
/// them as written, so the reader checks them before it reads a value.
/// </summary>
public class ArrowIntegrityTests
{
    private const int Rows = 777;

    private static byte[] File()
    {
        var csat = new Int32Array.Builder();
        var talk = new Int64Array.Builder();
        for (var i = 0; i < Rows; i++)
        {
            if (i % 7 == 3)
            {
                csat.AppendNull(); // 111 nulls
            }
            else
            {
                csat.Append(1 + (i % 5));
            }

            talk.Append(100_000 + i); // no 777 among the values
        }

        var schema = new Schema.Builder()
            .Field(f => f.Name("csat").DataType(Apache.Arrow.Types.Int32Type.Default).Nullable(true))
            .Field(f => f.Name("talk_seconds").DataType(Apache.Arrow.Types.Int64Type.Default).Nullable(true))
            .Build();
        using var batch = new RecordBatch(schema, [csat.Build(), talk.Build()], Rows);
        using var stream = new MemoryStream();
        using (var writer = new ArrowFileWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        return stream.ToArray();
    }

    /// <summary>Every place the file holds the 64-bit number <paramref name="value"/> (lengths in the batch's metadata).</summary>
    private static List<int> Find(byte[] bytes, long value)
    {
        var found = new List<int>();
        for (var i = 0; i + 8 <= bytes.Length; i++)
        {
            if (BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i)) == value)
            {
                found.Add(i);
            }
        }

        return found;
    }

    /// <summary>
    /// The record batch's length and each column's length, changed one at a time (to fewer and to more rows): the batch
    /// is refused with both counts named. Before the check, fewer rows in the batch silently dropped the rest, and more
    /// rows read whatever the buffers held (zero scores: the report stopped with an unhandled exception).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(700)]
    [InlineData(900)]
    [InlineData(2_000_000_000)]
    public void LengthsThatDisagree_AreRefused(long changed)
    {
        var original = File();
        Assert.Equal(Rows, Csv.Read(original, format: InteractionFileFormat.Arrow).Rows);
        var places = Find(original, Rows);
        Assert.True(places.Count >= 3, $"the batch length and two column lengths (and no value), found {places.Count}");
        var batchRefused = 0;
        var columnRefused = 0;
        foreach (var at in places)
        {
            var bytes = (byte[])original.Clone();
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), changed);
            var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Arrow));
            if (e.Message == $"the file is not a readable Arrow file: record batch 1 has {changed:N0} rows but its column 'csat' holds {Rows} values")
            {
                batchRefused++;
            }
            else if (e.Message == $"the file is not a readable Arrow file: record batch 1 has {Rows} rows but its column 'csat' holds {changed:N0} values"
                || e.Message == $"the file is not a readable Arrow file: record batch 1 has {Rows} rows but its column 'talk_seconds' holds {changed:N0} values")
            {
                columnRefused++;
            }
            else
            {
                // The same number elsewhere (e.g. the footer's copy of the batch length) may be refused by Apache.Arrow itself.
                Assert.StartsWith("the ", e.Message, StringComparison.Ordinal);
            }
        }

        Assert.True(batchRefused >= 1, "the batch length");
        Assert.Equal(2, columnRefused);
    }

    /// <summary>A value buffer shorter than its column's length: refused naming the column, not an index out of range.</summary>
    [Fact]
    public void ShortValueBuffer_IsRefusedNamingTheColumn()
    {
        var bytes = File();
        var places = Find(bytes, ((Rows * sizeof(long)) + 63) & ~63); // talk_seconds' value buffer length (padded to 64 bytes)
        Assert.Single(places);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(places[0]), 4000);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Arrow));
        Assert.Equal($"column talk_seconds: record batch 1 is damaged: its buffers do not hold its {Rows} values", e.Message);
    }

    /// <summary>
    /// A null count that disagrees with the validity bitmap: with 0, Apache.Arrow does not look at the bitmap and would
    /// read the 111 null cells as values.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(110)]
    [InlineData(112)]
    public void NullCountThatDisagreesWithTheBitmap_IsRefused(long changed)
    {
        var bytes = File();
        var places = Find(bytes, 111).Where(at => at >= 8 && BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at - 8)) == Rows).ToList();
        Assert.Single(places); // csat's field node: length 777, null count 111
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(places[0]), changed);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Arrow));
        Assert.Equal($"the file is not a readable Arrow file: record batch 1, column 'csat': its null count ({changed}) does not match its validity bitmap", e.Message);
    }

    /// <summary>
    /// The footer only repeats where the batches are, and the batches are read in order up to it, so a damaged footer
    /// changes nothing. (Read through the footer, a batch count damaged to 0 gave a report of no rows at all.)
    /// </summary>
    [Fact]
    public void DamagedFooter_ChangesNothing()
    {
        var bytes = File();
        var expected = Csv.Read(bytes, format: InteractionFileFormat.Arrow);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 10));
        bytes.AsSpan(bytes.Length - 10 - footerLength, footerLength).Fill(0xA5);
        var result = Csv.Read(bytes, format: InteractionFileFormat.Arrow);
        Assert.Equal(Rows, result.Rows);
        Assert.Equal(expected.Data, result.Data);
    }

    [Fact]
    public void FooterLengthPastTheStart_IsRefused()
    {
        var bytes = File();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 10), bytes.Length);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Arrow));
        Assert.Equal($"the file is not a readable Arrow file: its footer length ({bytes.Length:N0} bytes) does not fit in the file", e.Message);
    }

    /// <summary>A footer length too large by a few bytes puts the footer's start inside the last record batch.</summary>
    [Fact]
    public void FooterLengthReachingIntoTheLastBatch_IsRefused()
    {
        var bytes = File();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 10));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 10), footerLength + 64);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Arrow));
        Assert.Equal("the file is not a readable Arrow file: record batch 1 runs past the start of its footer", e.Message);
    }
}

