using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CxMetrics.Internal;

/// <summary>Reads what <see cref="StateWriter"/> wrote; every problem is a <see cref="CxMetricsFormatException"/> naming the byte offset.</summary>
internal ref struct StateReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public readonly int Offset => _at;

    public readonly int Remaining => _data.Length - _at;

    public byte Byte()
    {
        Need(1, "a byte");
        return _data[_at++];
    }

    public ReadOnlySpan<byte> Raw(int count)
    {
        Need(count, "raw bytes");
        var span = _data.Slice(_at, count);
        _at += count;
        return span;
    }

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            Need(1, "a varint");
            var b = _data[_at++];
            if (shift == 63 && b > 1)
            {
                break;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Fail("a varint is longer than 64 bits");
    }

    public long VarInt()
    {
        var v = VarUInt();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public long Count(string what, long max)
    {
        var v = VarUInt();
        if (v > (ulong)max)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"{what} {v} is out of range (at most {max})"));
        }

        return (long)v;
    }

    public int Index(string what, int count)
    {
        var v = VarUInt();
        if (v >= (ulong)count)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"{what} {v} is out of range (0..{count - 1})"));
        }

        return (int)v;
    }

    public long Int64()
    {
        Need(8, "a 64-bit value");
        var v = BinaryPrimitives.ReadInt64LittleEndian(_data[_at..]);
        _at += 8;
        return v;
    }

    public Int128 Int128()
    {
        var lo = (ulong)Int64();
        var hi = Int64();
        return ((Int128)hi << 64) | lo;
    }

    public string String()
    {
        var n = (int)Count("a string length", Remaining);
        var span = Raw(n);
        try
        {
            return new UTF8Encoding(false, true).GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            throw new CxMetricsFormatException(string.Create(CultureInfo.InvariantCulture, $"Invalid serialized accumulator at byte {_at - n}: a string is not valid UTF-8."), e);
        }
    }

    private readonly void Need(int count, string what)
    {
        if (_data.Length - _at < count)
        {
            throw new CxMetricsFormatException(string.Create(CultureInfo.InvariantCulture, $"Truncated serialized accumulator: expected {what} at byte {_at} but the data ends at byte {_data.Length}."));
        }
    }

    public readonly CxMetricsFormatException Fail(string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Invalid serialized accumulator at byte {_at}: {problem}."));
}
