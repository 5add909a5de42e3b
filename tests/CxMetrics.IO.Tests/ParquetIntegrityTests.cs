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

    /// <summary>Where the footer starts.</summary>
    private static int FooterStart(byte[] bytes) => bytes.Length - 8 - BitConverter.ToInt32(bytes, bytes.Length - 8);

    /// <summary>
    /// A row group that claims more rows than its columns hold: Parquet.Net filled the rest with nulls, so the report
    /// had 120 contacts, 20 of them empty.
    /// </summary>
    [Fact]
    public void RowGroupClaimingMoreRowsThanItsColumnsHold_IsRefused()
    {
        var (bytes, _, _) = File();
        var footer = ThriftIntegers.Of(bytes, FooterStart(bytes));
        Assert.Equal(100, footer["4[0].3"].Value); // FileMetaData.row_groups[0].num_rows
        ThriftIntegers.Set(bytes, footer["4[0].3"], 120);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Parquet));
        Assert.Equal("the file is not a readable Parquet file: row group 1 has 120 rows but its column 'csat' holds 100 values", e.Message);
    }

    /// <summary>A column chunk whose metadata counts other values than the row group's rows.</summary>
    [Fact]
    public void ColumnChunkCountingOtherValues_IsRefused()
    {
        var (bytes, _, _) = File();
        var footer = ThriftIntegers.Of(bytes, FooterStart(bytes));
        Assert.Equal(100, footer["4[0].1[0].3.5"].Value); // row_groups[0].columns[0].meta_data.num_values
        ThriftIntegers.Set(bytes, footer["4[0].1[0].3.5"], 90);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Parquet));
        Assert.Contains("row group 1 has 100 rows but its column 'csat' holds 90 values", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A data page that holds fewer (Parquet.Net stopped with <c>Index was outside the bounds of the array</c>) or more
    /// values than the row group's rows.
    /// </summary>
    [Theory]
    [InlineData(70)]
    [InlineData(120)]
    public void DataPageHoldingOtherThanTheRowCount_IsRefused(int values)
    {
        var (bytes, csat, _) = File();
        var page = ThriftIntegers.Of(bytes, (int)csat);
        Assert.Equal(0, page["1"].Value); // a DATA_PAGE
        Assert.Equal(100, page["5.1"].Value); // data_page_header.num_values
        ThriftIntegers.Set(bytes, page["5.1"], values);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Parquet));
        Assert.Equal($"the file is not a readable Parquet file: the pages of column 'csat' in row group 1 hold {values} values but the row group has 100 rows", e.Message);
    }

    /// <summary>The same counts changed in a column CxMetrics does not read: Parquet.Net never reads it.</summary>
    [Fact]
    public void CountsOfAColumnNotRead_AreNotChecked()
    {
        var (bytes, _, note) = File();
        var page = ThriftIntegers.Of(bytes, (int)note);
        var numValues = page.ContainsKey("5.1") ? page["5.1"] : page["8.1"];
        ThriftIntegers.Set(bytes, numValues, 70);
        Assert.Equal(100, Csv.Read(bytes, format: InteractionFileFormat.Parquet).Rows);
    }

    /// <summary>
    /// A root that counts fewer children than the schema lists: Parquet.Net built the schema from the count and ignored
    /// the rest, so the report silently lost columns.
    /// </summary>
    [Fact]
    public void SchemaChildCountsThatDoNotUseEveryField_AreRefused()
    {
        var (bytes, _, _) = File();
        var footer = ThriftIntegers.Of(bytes, FooterStart(bytes));
        Assert.Equal(2, footer["2[0].5"].Value); // FileMetaData.schema[0] (the root).num_children
        ThriftIntegers.Set(bytes, footer["2[0].5"], 1);
        var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, format: InteractionFileFormat.Parquet));
        Assert.Equal("the file is not a readable Parquet file: its schema lists 3 fields but its child counts hold 2", e.Message);
    }
}

