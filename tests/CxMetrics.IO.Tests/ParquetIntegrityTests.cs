using Parquet;
using Parquet.Schema;

namespace CxMetrics.IO.Tests;

/// <summary>The page-header check before Parquet.Net reads a row group (<c>ParquetIntegrity.CheckPages</c>).</summary>
public class ParquetIntegrityTests
{
    /// <summary>A file with the recognised column csat and a column CxMetrics does not read, and where each chunk starts.</summary>
    private static (byte[] Bytes, long Csat, long Note) File()
    {
        var csat = new DataField<int?>("csat");
        var note = new DataField<string>("note");
        using var stream = new MemoryStream();
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(csat, note), stream, null, false, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            using var group = writer.CreateRowGroup();
            var scores = Enumerable.Range(0, 100).Select(i => (int?)(1 + (i % 5))).ToArray();
            group.WriteAsync<int>(csat, scores.AsMemory(), null, null, CancellationToken.None).GetAwaiter().GetResult();
            group.WriteAsync(note, Enumerable.Range(0, 100).Select(i => "n" + i).ToArray(), null).GetAwaiter().GetResult();
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var bytes = stream.ToArray();
        var reader = ParquetReader.CreateAsync(new MemoryStream(bytes)).GetAwaiter().GetResult();
        try
        {
            long Start(int i)
            {
                var meta = reader.Metadata!.RowGroups[0].Columns[i].MetaData!;
                return meta.DictionaryPageOffset is long d && d > 0 && d < meta.DataPageOffset ? d : meta.DataPageOffset;
            }

            return (bytes, Start(0), Start(1));
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void DamagedPageHeader_OfARecognisedColumn_IsNamed()
    {
        var (bytes, csat, _) = File();
        Assert.Equal(0x15, bytes[csat]); // field 1 (page type), i32
        bytes[csat] = 0x1E; // type 14: no Thrift type
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Parquet));
        Assert.Contains("a page header of column 'csat' is damaged", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Parquet.Net never parses a column CxMetrics does not read, so its damage does not stop the report.</summary>
    [Fact]
    public void DamagedPageHeader_OfAColumnNotRead_DoesNotStopTheReport()
    {
        var (bytes, _, note) = File();
        Assert.Equal(0x15, bytes[note]);
        bytes[note] = 0x1E;
        var result = Csv.Read(bytes, format: InteractionFileFormat.Parquet);
        Assert.Equal(100, result.Rows);
    }
}
