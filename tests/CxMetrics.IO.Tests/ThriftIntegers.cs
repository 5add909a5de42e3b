namespace CxMetrics.IO.Tests;

/// <summary>
/// Where the integer fields of one Thrift compact struct are, by path ("4[0].3": field 3 of the first element of the
/// list in field 4), so a test can change a count in a Parquet footer or page header without changing its length.
/// Test-only: it trusts its input (the files come from Parquet.Net's writer).
/// </summary>
internal static class ThriftIntegers
{
    public static Dictionary<string, (int Offset, int Length, long Value)> Of(byte[] data, int start)
    {
        var found = new Dictionary<string, (int, int, long)>();
        var at = start;
        Struct(data, ref at, "", found);
        return found;
    }

    /// <summary>Writes <paramref name="value"/> over the varint at <paramref name="field"/>; it must take as many bytes.</summary>
    public static void Set(byte[] data, (int Offset, int Length, long Value) field, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        for (var i = 0; i < field.Length; i++)
        {
            var last = i == field.Length - 1;
            data[field.Offset + i] = (byte)((zigzag & 0x7F) | (last ? 0UL : 0x80UL));
            zigzag >>= 7;
        }

        if (zigzag != 0 || (field.Length > 1 && data[field.Offset + field.Length - 1] == 0))
        {
            throw new ArgumentException($"{value} does not take {field.Length} varint bytes", nameof(value));
        }
    }

    private static void Struct(byte[] data, ref int at, string path, Dictionary<string, (int, int, long)> found)
    {
        short last = 0;
        while (true)
        {
            var header = data[at++];
            if (header == 0)
            {
                return;
            }

            var delta = header >> 4;
            var id = delta != 0 ? (short)(last + delta) : (short)ZigZag(VarInt(data, ref at));
            last = id;
            if ((header & 0x0F) is 1 or 2)
            {
                continue;
            }

            Value(data, ref at, header & 0x0F, path.Length == 0 ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{path}.{id}", found);
        }
    }

    private static void Value(byte[] data, ref int at, int type, string path, Dictionary<string, (int, int, long)> found)
    {
        switch (type)
        {
            case 1 or 2 or 3:
                at++;
                break;
            case 4 or 5 or 6:
                var start = at;
                var value = ZigZag(VarInt(data, ref at));
                found[path] = (start, at - start, value);
                break;
            case 7:
                at += 8;
                break;
            case 8:
                var length = (int)VarInt(data, ref at);
                at += length;
                break;
            case 9 or 10:
                var head = data[at++];
                var count = head >> 4 == 15 ? (int)VarInt(data, ref at) : head >> 4;
                for (var i = 0; i < count; i++)
                {
                    Value(data, ref at, head & 0x0F, $"{path}[{i}]", found);
                }

                break;
            case 12:
                Struct(data, ref at, path, found);
                break;
            default:
                throw new NotSupportedException($"Thrift type {type} at byte {at}");
        }
    }

    private static ulong VarInt(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
