namespace CxMetrics.IO.Internal;

/// <summary>
/// A bounded walk over Thrift compact-protocol bytes (the encoding of Parquet's footer and page headers), run before
/// Parquet.Net parses them. Parquet.Net 6.1.0 trusts the element counts it reads: a damaged footer whose list claims
/// billions of elements kept it skipping past the end for minutes (a bit-flipped file, measured: still running after
/// five minutes). Here every list, set, map and binary length must fit in the bytes that are left, and every step
/// consumes at least one byte, so the walk ends after at most as many steps as there are bytes.
/// </summary>
internal ref struct ThriftCompactCheck
{
    /// <summary>Deeper nesting than any Parquet structure has (FileMetaData is about five levels deep).</summary>
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private bool _ranOut;
    private PageHeaderFields _page;

    private ThriftCompactCheck(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>The outcome of <see cref="Struct"/>.</summary>
    public enum Result
    {
        /// <summary>One well-formed struct.</summary>
        Valid,

        /// <summary>The bytes end inside the struct (more bytes may complete it).</summary>
        Incomplete,

        /// <summary>Not a well-formed struct: an unknown type, a count or length that cannot fit, too deep.</summary>
        Corrupt,
    }

    /// <summary>
    /// Walks one struct from the start of <paramref name="data"/>. On <see cref="Result.Valid"/>, <paramref name="length"/>
    /// is the struct's length in bytes.
    /// </summary>
    public static Result Struct(ReadOnlySpan<byte> data, out int length) => PageHeader(data, out length, out _);

    /// <summary>
    /// Walks one Parquet <c>PageHeader</c> from the start of <paramref name="data"/> (as <see cref="Struct"/>) and, on
    /// <see cref="Result.Valid"/>, returns the fields the integrity check needs (any struct walks the same way; only a
    /// page header has these fields).
    /// </summary>
    public static Result PageHeader(ReadOnlySpan<byte> data, out int length, out PageHeaderFields fields)
    {
        var walk = new ThriftCompactCheck(data);
        walk._page = new PageHeaderFields(int.MinValue, int.MinValue, int.MinValue);
        var ok = walk.SkipStruct(0, 0);
        length = walk._position;
        fields = walk._page;
        return ok ? Result.Valid : walk._ranOut ? Result.Incomplete : Result.Corrupt;
    }

    /// <summary>
    /// A page header's type (field 1: 0 data page, 1 index page, 2 dictionary page, 3 data page v2), the bytes of page
    /// data after it (field 3) and the values of a data page (field 1 of <c>data_page_header</c>, field 5, or of
    /// <c>data_page_header_v2</c>, field 8); <see cref="int.MinValue"/> where absent.
    /// </summary>
    public readonly record struct PageHeaderFields(int Type, int CompressedSize, int NumValues);

    /// <summary>PageHeader fields 5 and 8: <c>data_page_header</c> and <c>data_page_header_v2</c>, whose field 1 is num_values.</summary>
    private static bool IsDataPageHeader(short id) => id is 5 or 8;

    private bool SkipStruct(int depth, short parent)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        short lastId = 0;
        while (true)
        {
            if (!Byte(out var header))
            {
                return false;
            }

            if (header == 0)
            {
                return true; // stop
            }

            var type = header & 0x0F;
            var delta = header >> 4;
            short id;
            if (delta != 0)
            {
                id = (short)(lastId + delta);
            }
            else if (VarInt(out var raw))
            {
                id = (short)ZigZag(raw);
            }
            else
            {
                return false;
            }

            lastId = id;
            if (type == 5 && (depth == 0 || (depth == 1 && IsDataPageHeader(parent) && id == 1)))
            {
                if (!VarInt(out var raw))
                {
                    return false;
                }

                var value = (int)ZigZag(raw);
                if (depth == 1)
                {
                    _page = _page with { NumValues = value };
                }
                else if (id == 1)
                {
                    _page = _page with { Type = value };
                }
                else if (id == 3)
                {
                    _page = _page with { CompressedSize = value };
                }

                continue;
            }

            if (type == 12 && depth == 0)
            {
                // A top-level struct: its parent id tells whether it is a data page header.
                if (!SkipStruct(1, id))
                {
                    return false;
                }

                continue;
            }

            // A bool field carries its value in the type (1 true, 2 false): no bytes follow.
            if (type is 1 or 2)
            {
                continue;
            }

            if (!SkipValue(type, depth, inCollection: false))
            {
                return false;
            }
        }
    }

    private bool SkipValue(int type, int depth, bool inCollection)
    {
        switch (type)
        {
            case 1 or 2: // bool: one byte as an element of a list, set or map (a field's is in its header)
                return !inCollection || Skip(1);
            case 3: // byte
                return Skip(1);
            case 4 or 5 or 6: // i16, i32, i64: zigzag varints
                return VarInt(out _);
            case 7: // double
                return Skip(8);
            case 8: // binary / string
                return VarInt(out var length) && (length <= (ulong)Remaining ? Skip((int)length) : Fail());
            case 9 or 10: // list, set
                {
                    if (!Byte(out var head))
                    {
                        return false;
                    }

                    ulong count = (ulong)(head >> 4);
                    if (count == 15 && !VarInt(out count))
                    {
                        return false;
                    }

                    // Every element takes at least one byte, so a count above the bytes left is damage, not data.
                    if (count > (ulong)Remaining)
                    {
                        return Fail();
                    }

                    var elementType = head & 0x0F;
                    for (ulong i = 0; i < count; i++)
                    {
                        if (!SkipValue(elementType, depth + 1, inCollection: true))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case 11: // map: count, then one byte of key and value types
                {
                    if (!VarInt(out var count))
                    {
                        return false;
                    }

                    if (count == 0)
                    {
                        return true;
                    }

                    if (!Byte(out var types))
                    {
                        return false;
                    }

                    if (count > (ulong)Remaining)
                    {
                        return Fail();
                    }

                    for (ulong i = 0; i < count; i++)
                    {
                        if (!SkipValue(types >> 4, depth + 1, inCollection: true) || !SkipValue(types & 0x0F, depth + 1, inCollection: true))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case 12: // struct
                return SkipStruct(depth + 1, 0);
            case 13: // uuid
                return Skip(16);
            default:
                return false;
        }
    }

    private readonly int Remaining => _data.Length - _position;

    /// <summary>
    /// A count or length that does not fit in the bytes left: damage when they are all the bytes there are (the caller
    /// knows), else perhaps only a window too short; either way the walk stops here.
    /// </summary>
    private bool Fail()
    {
        _ranOut = true;
        return false;
    }

    private bool Byte(out byte value)
    {
        if (_position >= _data.Length)
        {
            value = 0;
            _ranOut = true;
            return false;
        }

        value = _data[_position++];
        return true;
    }

    private bool Skip(int count)
    {
        if (count > Remaining)
        {
            _ranOut = true;
            return false;
        }

        _position += count;
        return true;
    }

    private bool VarInt(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (!Byte(out var b))
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false; // more than ten bytes: no 64-bit varint is that long
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
