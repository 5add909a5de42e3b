using System.Text;

namespace CxMetrics.IO.Tests;

public class BadInputTests
{
    [Theory]
    [InlineData("csat", "6", "'6' is outside 1..5")]
    [InlineData("csat", "4.0", "'4.0' is not a whole number")]
    [InlineData("csat", "4.5", "'4.5' is not a whole number")]
    [InlineData("csat", "0", "'0' is outside 1..5")]
    [InlineData("nps", "11", "'11' is outside 0..10")]
    [InlineData("nps", "-1", "'-1' is outside 0..10")]
    [InlineData("ces", "8", "'8' is outside 1..7")]
    [InlineData("ces", "x", "'x' is not a number")]
    [InlineData("talk_seconds", "-5", "'-5' is negative")]
    [InlineData("talk_seconds", "abc", "'abc' is not a number of seconds")]
    [InlineData("hold_seconds", "1e3", "'1e3' is not a number of seconds")]
    [InlineData("wrap_seconds", "1,000", "'1,000' is not a number of seconds")]
    [InlineData("first_response_seconds", "+5", "'+5' is not a number of seconds")]
    [InlineData("resolution_seconds", "9999999999", "'9999999999' is above the largest duration")]
    [InlineData("sla_target_seconds", " 5", "' 5' is not a number of seconds")]
    [InlineData("fcr", "maybe", "'maybe' is not a boolean")]
    [InlineData("opened_at", "2026-10-05 12:00:00Z", "is not an instant")]
    [InlineData("opened_at", "2026-10-05T12:00:00", "is not an instant")]
    [InlineData("opened_at", "2026-02-30T12:00:00Z", "is not an instant")]
    [InlineData("opened_at", "2026-10-05T24:00:00Z", "is not an instant")]
    [InlineData("opened_at", "2026-10-05T12:00:00+15:00", "is not an instant")]
    [InlineData("opened_at", "0001-01-01T00:00:00+01:00", "is outside the range of dates")]
    public void BadCell_Strict_StopsWithRowColumnValueAndReason(string column, string value, string expected)
    {
        var quoted = value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;
        var e = Csv.Fails($"contact_id,{column}\n1,\n2,{quoted}\n");
        Assert.Equal(3, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Equal(value, e.RawValue);
        Assert.StartsWith($"row 3, column {column}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    /// <summary>Control characters in a bad value are shown as escapes in the message (the raw value keeps them).</summary>
    [Theory]
    [InlineData("5\0", @"'5\0' is not a number")]
    [InlineData("5\t", @"'5\t' is not a number")]
    [InlineData("\"5\r\n\"", @"'5\r\n' is not a number")]
    [InlineData("\u001b[31m5", @"'\u001B[31m5' is not a number")]
    [InlineData("5\u007f", @"'5\u007F' is not a number")]
    public void BadCell_ControlCharacters_AreEscapedInTheMessage(string cell, string expected)
    {
        var e = Csv.Fails($"csat\n{cell}\n");
        Assert.Equal(2, e.Row);
        Assert.Equal($"row 2, column csat: {expected}", e.Message);
        Assert.Equal(cell.Trim('"'), e.RawValue);
    }

    /// <summary>
    /// A UTF-16 or UTF-32 file (Excel's "Unicode text" export) read as UTF-8 matches no column and would count rows of
    /// nothing, or fail on a stray last record: it is refused at row 1, naming the encoding, in strict and lenient mode.
    /// </summary>
    [Theory]
    [InlineData("utf-16", true, "UTF-16 LE")]
    [InlineData("utf-16BE", true, "UTF-16 BE")]
    [InlineData("utf-32", true, "UTF-32 LE")]
    [InlineData("utf-16", false, "UTF-16 or UTF-32 without a byte order mark")]
    public void OtherUnicodeEncodings_AreRefusedAtTheHeader(string encodingName, bool bom, string expected)
    {
        var encoding = encodingName switch
        {
            "utf-16" => new UnicodeEncoding(bigEndian: false, byteOrderMark: bom),
            "utf-16BE" => new UnicodeEncoding(bigEndian: true, byteOrderMark: bom),
            _ => (Encoding)new UTF32Encoding(bigEndian: false, byteOrderMark: bom),
        };
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("channel,csat\nchat,5\nphone,3\n")];
        foreach (var lenient in new[] { false, true })
        {
            var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, lenient));
            Assert.Equal(1, e.Row);
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
            Assert.Contains("save it as UTF-8", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A file of NUL bytes only (allocated but never written: an interrupted copy or download) is said to be that, not
    /// taken for UTF-16; with line feeds among the zeros too.
    /// </summary>
    [Theory]
    [InlineData(1000, false)]
    [InlineData(1000, true)]
    public void OnlyNulBytes_IsSaidToHoldNoText(int length, bool lineFeeds)
    {
        var bytes = new byte[length];
        if (lineFeeds)
        {
            bytes[300] = (byte)'\n';
        }

        foreach (var lenient in new[] { false, true })
        {
            var e = Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, lenient));
            Assert.Equal("row 1: the header is only NUL bytes: the file holds no text (a copy or download that never finished?)", e.Message);
        }
    }

    /// <summary>A NUL in an unknown column's name is not taken for UTF-16 when known columns are there.</summary>
    [Fact]
    public void NulInAnUnknownHeaderName_WithKnownColumns_Reads()
    {
        var result = Csv.Read(Encoding.UTF8.GetBytes("csat,no\0te\n5,x\n"));
        Assert.Equal(1, result.Rows);
    }

    public static TheoryData<string, string> LenientCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (column, value) in new[]
        {
            ("csat", "6"), ("csat", "4.0"), ("csat", "4.5"), ("ces", "8"), ("ces", "x"), ("talk_seconds", "-5"),
            ("talk_seconds", "abc"), ("hold_seconds", "1e3"), ("wrap_seconds", "\"1,000\""), ("resolution_seconds", "9999999999"),
            ("fcr", "maybe"), ("opened_at", "yesterday"), ("opened_at", "2026-10-05T12:00:00"), ("opened_at", "2026-02-30T12:00:00Z"),
        })
        {
            data.Add(column, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LenientCases))]
    public void BadCell_Lenient_CountsAsEmptyAndRowStillCounts(string column, string value)
    {
        var r = Csv.Read($"nps,{column}\n9,{value}\n10,\n", lenient: true);
        Assert.Equal(2, r.Rows);
        Assert.Equal(1, r.Invalid[column]);
        Assert.Single(r.Invalid);
        Assert.Equal((byte)9, r.Data[0].Nps);
        Assert.Equal((byte)10, r.Data[1].Nps);
    }

    [Fact]
    public void BadCell_Strict_ScaleComesFromOptions()
    {
        using var reader = InteractionReader.Open(new MemoryStream(Csv.Bytes("csat\n7\n")), InteractionFileFormat.Csv,
            new InteractionReaderOptions { Metrics = MetricOptions.Default with { Csat = new CsatOptions { ScaleMax = 7, SatisfiedThreshold = 6 } } }, false);
        Assert.Equal((byte)7, reader.ReadBatch()!.Csat.Span[0]);
    }

    [Fact]
    public void TooFewFields_Strict_NamesFirstMissingColumn()
    {
        var e = Csv.Fails("csat,nps,ces,team\n5,9,7,a\n5,9\n");
        Assert.Equal(3, e.Row);
        Assert.Equal("ces", e.Column);
        Assert.Equal("row 3, column ces: is missing: the record has 2 of the header's 4 fields", e.Message);
    }

    [Fact]
    public void TooFewFields_Lenient_MissingCellsAreLost()
    {
        var r = Csv.Read("csat,nps,ces,extra\n5,9\n", lenient: true);
        Assert.Equal(1, r.Rows);
        Assert.Equal((byte)5, r.Data[0].Csat);
        Assert.Null(r.Data[0].Ces);
        Assert.Equal(new Dictionary<string, long> { ["ces"] = 1 }, r.Invalid);
    }

    [Fact]
    public void TooManyFields_Strict_Fails()
    {
        var e = Csv.Fails("csat,nps\n5,9\n5,9,1\n");
        Assert.Equal(3, e.Row);
        Assert.Null(e.Column);
        Assert.Equal("row 3: the record has 3 fields but the header has 2", e.Message);
    }

    [Fact]
    public void TooManyFields_WithABadCell_Strict_ReportsTheFieldCount()
    {
        // The extra field means the cells cannot be matched to columns: the '9' may not be a csat at all.
        var e = Csv.Fails("csat,nps\n5,9\n9,9,9\n");
        Assert.Equal(3, e.Row);
        Assert.Null(e.Column);
        Assert.Equal("row 3: the record has 3 fields but the header has 2", e.Message);
    }

    [Fact]
    public void TooManyFields_Lenient_EveryCellOfTheRecordIsLost()
    {
        var r = Csv.Read("csat,nps,other\n5,9,x,1\n4,8,y\n", lenient: true);
        Assert.Equal(2, r.Rows);
        Assert.Null(r.Data[0].Csat);
        Assert.Equal((byte)4, r.Data[1].Csat);
        Assert.Equal(new Dictionary<string, long> { ["csat"] = 1, ["nps"] = 1 }, r.Invalid);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnterminatedQuote_BothModes_NamesRecordAndColumn(bool lenient)
    {
        var e = Csv.Fails("csat,team,nps\n5,a,1\n4,\"b,2\n3,c,1\n", lenient);
        Assert.Equal(3, e.Row);
        Assert.Equal("team", e.Column);
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAfterClosingQuote_StrictFailsLenientCounts()
    {
        var e = Csv.Fails("csat,nps\n\"5\"x,1\n");
        Assert.Equal("csat", e.Column);
        var r = Csv.Read("csat,nps\n\"5\"x,1\n", lenient: true);
        Assert.Equal(1, r.Invalid["csat"]);
        Assert.Equal((byte)1, r.Data[0].Nps);
    }

    [Fact]
    public void EmptyAndQuotedEmpty_AreMissingInEveryColumn()
    {
        var header = string.Join(',', InteractionColumns.All);
        var empty = string.Join(',', InteractionColumns.All.Select(_ => "\"\""));
        var r = Csv.Read($"{header}\n{empty}\n{new string(',', 16)}\n");
        Assert.Equal(2, r.Rows);
        Assert.All(r.Data, row => Assert.Equal(new Csv.Row(null, null, null, null, null, null, null, null, null, null, null, null, null, null), row));
    }

    [Fact]
    public void BadOpenedAt_Lenient_IsUnknown()
    {
        var r = Csv.Read("opened_at,csat\n2026-13-01T00:00:00Z,5\n", lenient: true);
        Assert.Null(r.Data[0].OpenedAt);
        Assert.Equal((byte)5, r.Data[0].Csat);
        Assert.Equal(1, r.Invalid["opened_at"]);
    }

    [Fact]
    public void UnknownExtension_IsAClearError()
    {
        var e = Assert.Throws<InteractionDataException>(() => InteractionReader.Open("contacts.txt"));
        Assert.Contains(".csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsAClearError()
    {
        var e = Assert.Throws<InteractionDataException>(() => InteractionReader.Open("/nonexistent/contacts.csv"));
        Assert.Contains("cannot open", e.Message, StringComparison.Ordinal);
    }
}

public class BadInputOrderTests
{
    [Fact]
    public void Strict_BadCellBeforeShortRecordEnd_IsReportedFirst()
    {
        var e = Csv.Fails("csat,nps,ces\n9,1\n");
        Assert.Equal("csat", e.Column);
        Assert.Equal("9", e.RawValue);
    }

    [Fact]
    public void UnterminatedQuoteInHeader_NamesTheField()
    {
        var e = Csv.Fails("csat,\"nps\n5,1\n");
        Assert.Equal(1, e.Row);
        Assert.Equal("field 2 of the header", e.Column);
    }
}
