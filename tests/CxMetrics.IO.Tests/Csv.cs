using System.Text;
using CxMetrics.IO;

namespace CxMetrics.IO.Tests;

/// <summary>Helpers: read CSV text into one materialised result.</summary>
internal static class Csv
{
    public sealed record Result(long Rows, IReadOnlyDictionary<string, long> Invalid, List<Row> Data);

    public sealed record Row(byte? Csat, byte? Nps, byte? Ces, byte? Fcr, long? Talk, long? Hold, long? FirstResponse, long? Sla, long? OpenedAt, string? Channel, string? Agent, string? Team, string? Priority, string? Customer);

    public static Result Read(string text, bool lenient = false, int batchRows = 65_536, bool bom = false) =>
        Read(Bytes(text, bom), lenient, batchRows);

    public static byte[] Bytes(string text, bool bom = false)
    {
        var body = Encoding.UTF8.GetBytes(text);
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    public static Result Read(byte[] bytes, bool lenient = false, int batchRows = 65_536, InteractionFileFormat format = InteractionFileFormat.Csv)
    {
        using var reader = InteractionReader.Open(new MemoryStream(bytes), format, new InteractionReaderOptions { Lenient = lenient, BatchRows = batchRows }, leaveOpen: false);
        var rows = new List<Row>();
        while (reader.ReadBatch() is { } b)
        {
            for (var i = 0; i < b.Length; i++)
            {
                rows.Add(new Row(
                    S(b.Csat, i), S(b.Nps, i), S(b.Ces, i), S(b.FirstContactResolved, i),
                    D(b.TalkTime, i), D(b.HoldTime, i), D(b.FirstResponseTime, i), D(b.SlaTarget, i), D(b.OpenedAt, i),
                    b.Channel.GetText(i), b.Agent.GetText(i), b.Team.GetText(i), b.Priority.GetText(i), b.Customer.GetText(i)));
            }
        }

        return new Result(reader.Rows, reader.InvalidCells, rows);
    }

    private static byte? S(ReadOnlyMemory<byte> c, int i) => c.IsEmpty || c.Span[i] == 255 ? null : c.Span[i];

    private static long? D(ReadOnlyMemory<long> c, int i) => c.IsEmpty || c.Span[i] < 0 ? null : c.Span[i];

    public static InteractionDataException Fails(string text, bool lenient = false) =>
        Assert.Throws<InteractionDataException>(() => Read(text, lenient));
}
