namespace CxMetrics.IO.Tests;

public class CsvReaderTests
{
    private const long S = 10_000_000;

    [Fact]
    public void CsvReader_Read_QuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        var r = Csv.Read("channel,team,csat\n\"a,b\",\"say \"\"hi\"\"\",5\n\"line\nbreak\",\"\",4\n");
        Assert.Equal(2, r.Rows);
        Assert.Equal("a,b", r.Data[0].Channel);
        Assert.Equal("say \"hi\"", r.Data[0].Team);
        Assert.Equal("line\nbreak", r.Data[1].Channel);
        Assert.Null(r.Data[1].Team);
        Assert.Equal((byte)4, r.Data[1].Csat);
    }

    [Fact]
    public void CsvReader_Read_QuotedLineBreakDoesNotStartARow()
    {
        var e = Csv.Fails("channel,csat\n\"x\ny\",5\nz,9\n");
        Assert.Equal(3, e.Row);
        Assert.Equal("csat", e.Column);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void CsvReader_Read_LineBreaks(string nl)
    {
        var r = Csv.Read($"csat,nps{nl}5,10{nl}4,0{nl}");
        Assert.Equal(2, r.Rows);
        Assert.Equal((byte)0, r.Data[1].Nps);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void CsvReader_Read_BomAndFinalLineBreakOptional(bool bom, bool finalBreak)
    {
        var r = Csv.Read("csat,nps\r\n5,10\r\n3,1" + (finalBreak ? "\r\n" : string.Empty), bom: bom);
        Assert.Equal(2, r.Rows);
        Assert.Equal((byte)3, r.Data[1].Csat);
        Assert.Equal((byte)1, r.Data[1].Nps);
    }

    [Fact]
    public void CsvReader_Read_ReorderedUnknownAndMissingColumns()
    {
        var r = Csv.Read("extra,nps,channel,first_contact_resolved\nzz,7,chat,YES\n,,,\n");
        Assert.Equal(2, r.Rows);
        Assert.Equal((byte)7, r.Data[0].Nps);
        Assert.Equal("chat", r.Data[0].Channel);
        Assert.Equal((byte)1, r.Data[0].Fcr);
        Assert.Null(r.Data[0].Csat);
        Assert.Null(r.Data[0].Talk);
        Assert.Null(r.Data[1].Channel);
        Assert.Null(r.Data[1].Fcr);
    }

    [Fact]
    public void CsvReader_Read_HeaderNamesAreExact()
    {
        var r = Csv.Read("CSAT,csat \n5,5\n");
        Assert.Null(r.Data[0].Csat);
    }

    [Fact]
    public void CsvReader_Read_DuplicateColumnIsAnError()
    {
        var e = Csv.Fails("fcr,first_contact_resolved\n1,1\n", lenient: true);
        Assert.Equal(1, e.Row);
        Assert.Equal("first_contact_resolved", e.Column);
    }

    [Fact]
    public void CsvReader_Read_EmptyFileAndHeaderOnly()
    {
        Assert.Equal(0, Csv.Read(string.Empty).Rows);
        Assert.Equal(0, Csv.Read("csat,nps\n").Rows);
        Assert.Equal(0, Csv.Read("csat,nps").Rows);
    }

    [Fact]
    public void CsvReader_Read_BlankLinesAreSkippedButCounted()
    {
        var e = Csv.Fails("csat,nps\n\n5,10\n\n6,1\n");
        Assert.Equal(5, e.Row);
        Assert.Equal(2, Csv.Read("csat,nps\n5,1\n\n4,2\n\n").Rows);
    }

    [Fact]
    public void CsvReader_Read_ValueForms()
    {
        var r = Csv.Read(
            "csat,nps,ces,fcr,talk_seconds,hold_seconds,first_response_seconds,sla_target_seconds,opened_at\n" +
            "05,0,7,True,0012.5,.25,1.23456789,60,2026-10-05T23:30:00-01:00\n" +
            "1,10,1,no,3600.0000001,0,0.00000005,5.,2026-12-31T23:59:59.9999999+14:00\n");
        var a = r.Data[0];
        Assert.Equal((byte)5, a.Csat);
        Assert.Equal((byte)1, a.Fcr);
        Assert.Equal(125_000_000, a.Talk);
        Assert.Equal(2_500_000, a.Hold);
        Assert.Equal(12_345_679, a.FirstResponse); // 8th decimal rounds half up
        Assert.Equal(60 * S, a.Sla);
        Assert.Equal(new DateTime(2026, 10, 6, 0, 30, 0, DateTimeKind.Utc).Ticks, a.OpenedAt); // crosses a day and month
        var b = r.Data[1];
        Assert.Equal((byte)0, b.Fcr);
        Assert.Equal((3600 * S) + 1, b.Talk);
        Assert.Equal(1, b.FirstResponse);
        Assert.Equal(5 * S, b.Sla);
        Assert.Equal(new DateTime(2026, 12, 31, 9, 59, 59, DateTimeKind.Utc).Ticks + 9_999_999, b.OpenedAt);
    }

    [Fact]
    public void CsvReader_Read_KeysAreStableAcrossBatches()
    {
        var text = "channel\n" + string.Concat(Enumerable.Range(0, 100).Select(i => (i % 3 == 0 ? "chat" : i % 3 == 1 ? "phone" : string.Empty) + "\n"));
        var r = Csv.Read(text, batchRows: 7);
        Assert.Equal(100, r.Rows);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i % 3 == 0 ? "chat" : i % 3 == 1 ? "phone" : null, r.Data[i].Channel);
        }
    }

    [Fact]
    public void CsvReader_Read_LongRecordsAcrossBufferRefills()
    {
        var longKey = new string('k', 3_000_000);
        var r = Csv.Read($"channel,csat\n\"{longKey}\",5\nx,4\n");
        Assert.Equal(longKey, r.Data[0].Channel);
        Assert.Equal((byte)4, r.Data[1].Csat);
    }
}
