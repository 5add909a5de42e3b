namespace CxMetrics.IO.Tests;

/// <summary>Arrow and Parquet files cut short (an interrupted copy or download): the message says so.</summary>
public class CutShortFileTests
{
    private static byte[] Write(InteractionFileFormat format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxmetrics-cut-{Guid.NewGuid():N}.{(format == InteractionFileFormat.Arrow ? "arrow" : "parquet")}");
        try
        {
            var rows = Enumerable.Range(0, 500).Select(i => new Interaction { Csat = (byte)(1 + (i % 5)), TalkTime = TimeSpan.FromSeconds(60 + i) });
            using (var builder = new InteractionBatchBuilder())
            {
                foreach (var row in rows)
                {
                    builder.Add(row);
                }

                using var batch = builder.Build();
                InteractionWriter.Write(path, batch);
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(InteractionFileFormat.Arrow, "Arrow file magic ARROW1")]
    [InlineData(InteractionFileFormat.Parquet, "Parquet magic PAR1")]
    public void FileCutShort_IsSaidToBeCutShort(InteractionFileFormat format, string magic)
    {
        var whole = Write(format);
        Assert.Equal(500, Csv.Read(whole, format: format).Rows);
        foreach (var length in new[] { 7, 11, 100, whole.Length / 2, whole.Length - 1 })
        {
            var e = Assert.Throws<InteractionDataException>(() => Csv.Read(whole[..length], format: format));
            Assert.Contains($"it starts with the {magic} but does not end with it: the file is cut short", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// An Arrow stream (no footer to miss) cut inside its schema or a record batch: it says where. Cut right after a
    /// batch, a stream without its end marker is complete by the format's rules (writers may omit the marker).
    /// </summary>
    [Fact]
    public void ArrowStreamCutShort_SaysWhere()
    {
        var csat = new Apache.Arrow.Int32Array.Builder();
        for (var i = 0; i < 1000; i++)
        {
            csat.Append(1 + (i % 5));
        }

        var schema = new Apache.Arrow.Schema.Builder().Field(f => f.Name("csat").DataType(Apache.Arrow.Types.Int32Type.Default).Nullable(true)).Build();
        using var batch = new Apache.Arrow.RecordBatch(schema, [csat.Build()], 1000);
        using var stream = new MemoryStream();
        using (var writer = new Apache.Arrow.Ipc.ArrowStreamWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var whole = stream.ToArray();
        Assert.Equal(2000, Csv.Read(whole, format: InteractionFileFormat.Arrow).Rows);
        Assert.Equal(2000, Csv.Read(whole[..^8], format: InteractionFileFormat.Arrow).Rows); // without the end marker
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(whole[..100], format: InteractionFileFormat.Arrow));
        Assert.Equal("the file is not a readable Arrow IPC file or stream: it ends inside its schema: the file is cut short (an interrupted copy or download?)", e.Message);
        e = Assert.Throws<InteractionDataException>(() => Csv.Read(whole[..(whole.Length / 4)], format: InteractionFileFormat.Arrow));
        Assert.Equal("the Arrow stream is cut short: it ends inside record batch 1 (an interrupted copy or download?)", e.Message);
        e = Assert.Throws<InteractionDataException>(() => Csv.Read(whole[..^10], format: InteractionFileFormat.Arrow));
        Assert.Equal("the Arrow stream is cut short: it ends inside record batch 2 (an interrupted copy or download?)", e.Message);
    }
}
