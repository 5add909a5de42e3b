using CxMetrics.IO.Internal;

namespace CxMetrics.IO.Tests;

/// <summary>The bounded Thrift compact-protocol walk that guards Parquet.Net (<see cref="ThriftCompactCheck"/>).</summary>
public class ThriftCompactCheckTests
{
    /// <summary>
    /// A PageHeader-like struct by hand: field 1 i32 = 0 (0x15 0x00), field 2 i32 = 100 (0x15, zigzag 200 = 0xC8 0x01),
    /// field 3 i32 = 64 (0x15 0x80 0x01), field 5 a struct holding a bool true (0x11) and a list of two i32s
    /// (0x19 0x25 0x02 0x04), then the stops.
    /// </summary>
    private static readonly byte[] Header = [0x15, 0x00, 0x15, 0xC8, 0x01, 0x15, 0x80, 0x01, 0x2C, 0x11, 0x19, 0x25, 0x02, 0x04, 0x00, 0x00];

    [Fact]
    public void WellFormedStruct_IsValid_WithItsLengthAndField()
    {
        byte[] data = [.. Header, 0xAB, 0xCD]; // page data follows the header
        Assert.Equal(ThriftCompactCheck.Result.Valid, ThriftCompactCheck.Struct(data, out var length));
        Assert.Equal(Header.Length, length);

        // Field 1 (0) and field 3 (64, read after skipping field 2's two-byte varint); field 5's struct holds no i32
        // field 1 (its field 1 is a bool), so no value count.
        Assert.Equal(ThriftCompactCheck.Result.Valid, ThriftCompactCheck.PageHeader(data, out length, out var page));
        Assert.Equal(Header.Length, length);
        Assert.Equal(new ThriftCompactCheck.PageHeaderFields(0, 64, int.MinValue), page);
    }

    /// <summary>
    /// The page header fields the integrity check compares: type, compressed size and the data page's num_values
    /// (field 1 of the struct in field 5, or in field 8 for a v2 page); a nested field 1 elsewhere is not taken for it.
    /// </summary>
    [Fact]
    public void PageHeader_ReturnsTypeSizeAndValues()
    {
        // field 1 = 0, field 2 = 100, field 3 = 64, field 5 { field 1 = 37 (zigzag 74 = 0x4A), field 2 = 0 }
        byte[] v1 = [0x15, 0x00, 0x15, 0xC8, 0x01, 0x15, 0x80, 0x01, 0x2C, 0x15, 0x4A, 0x15, 0x00, 0x00, 0x00];
        Assert.Equal(ThriftCompactCheck.Result.Valid, ThriftCompactCheck.PageHeader(v1, out var length, out var page));
        Assert.Equal(v1.Length, length);
        Assert.Equal(new ThriftCompactCheck.PageHeaderFields(0, 64, 37), page);

        // field 1 = 3, field 2 = 100, field 3 = 64, field 8 { field 1 = 37 }
        byte[] v2 = [0x15, 0x06, 0x15, 0xC8, 0x01, 0x15, 0x80, 0x01, 0x5C, 0x15, 0x4A, 0x00, 0x00];
        Assert.Equal(ThriftCompactCheck.Result.Valid, ThriftCompactCheck.PageHeader(v2, out _, out page));
        Assert.Equal(new ThriftCompactCheck.PageHeaderFields(3, 64, 37), page);

        // field 1 = 2, field 3 = 64, field 7 (a dictionary page header) { field 1 = 37 }: not a data page's values
        byte[] dictionary = [0x15, 0x04, 0x25, 0x80, 0x01, 0x4C, 0x15, 0x4A, 0x00, 0x00];
        Assert.Equal(ThriftCompactCheck.Result.Valid, ThriftCompactCheck.PageHeader(dictionary, out _, out page));
        Assert.Equal(new ThriftCompactCheck.PageHeaderFields(2, 64, int.MinValue), page);
    }

    [Fact]
    public void EveryShorterPrefix_IsIncomplete()
    {
        for (var n = 0; n < Header.Length; n++)
        {
            Assert.Equal(ThriftCompactCheck.Result.Incomplete, ThriftCompactCheck.Struct(Header.AsSpan(0, n), out _));
        }
    }

    /// <summary>
    /// A list that claims 2^31 − 1 elements in a few bytes: the walk stops at once (what Parquet.Net would have skipped
    /// element by element past the end).
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0x19, 0xF1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x01, 0x00 })] // list of bools
    [InlineData(new byte[] { 0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00 })] // list of structs
    [InlineData(new byte[] { 0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x55, 0x00 })] // map of i32 to i32
    [InlineData(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x41, 0x00 })] // binary
    public void CountsThatCannotFit_StopTheWalk(byte[] data) =>
        Assert.NotEqual(ThriftCompactCheck.Result.Valid, ThriftCompactCheck.Struct(data, out _));

    [Theory]
    [InlineData(new byte[] { 0x1E, 0x00 })] // type 14 does not exist
    [InlineData(new byte[] { 0x1F, 0x00 })] // nor 15
    [InlineData(new byte[] { 0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00 })] // an 11-byte varint
    public void UnknownTypesAndOverlongVarInts_AreCorrupt(byte[] data) =>
        Assert.Equal(ThriftCompactCheck.Result.Corrupt, ThriftCompactCheck.Struct(data, out _));

    [Fact]
    public void NestingDeeperThanAnyParquetStructure_IsCorrupt()
    {
        var data = new byte[200];
        Array.Fill(data, (byte)0x1C); // field +1, struct, over and over
        Assert.Equal(ThriftCompactCheck.Result.Corrupt, ThriftCompactCheck.Struct(data, out _));
    }
}
