using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Key texts of one key column, shared by every batch of a reader and only ever appended to, so a code keeps its
/// meaning across batches. Looks keys up by their UTF-8 bytes in an open-addressing table (no decoding, no
/// allocation); only a new key is decoded into a string. Invalid UTF-8 decodes with U+FFFD replacement characters.
/// </summary>
internal sealed class KeyDictionary
{
    private byte[] _arena = new byte[4096];
    private int _arenaUsed;
    private int[] _start = new int[64];
    private int[] _length = new int[64];
    private uint[] _hash = new uint[64];
    private ulong[] _slots = new ulong[128]; // hash << 32 | (code + 1); 0 = empty
    private int _lastCode = -1;

    /// <summary>The key texts, by code; grows as new keys appear.</summary>
    public List<string> Keys { get; } = [];

    public int Code(ReadOnlySpan<byte> utf8)
    {
        // Low-cardinality columns (channel, priority, team) often repeat the previous key.
        var last = _lastCode;
        if (last >= 0 && _length[last] == utf8.Length && utf8.SequenceEqual(_arena.AsSpan(_start[last], utf8.Length)))
        {
            return last;
        }

        var h = Hash(utf8);
        var mask = _slots.Length - 1;
        var i = (int)(h & (uint)mask);
        while (true)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                var added = Add(utf8, h);
                _lastCode = added;
                return added;
            }

            // The hash sits in the slot, so a miss costs no visit to the key bytes.
            var c = (int)(uint)slot - 1;
            if ((uint)(slot >> 32) == h && _length[c] == utf8.Length && utf8.SequenceEqual(_arena.AsSpan(_start[c], utf8.Length)))
            {
                _lastCode = c;
                return c;
            }

            i = (i + 1) & mask;
        }
    }

    private int Add(ReadOnlySpan<byte> utf8, uint h)
    {
        var code = Keys.Count;
        Keys.Add(Encoding.UTF8.GetString(utf8));
        if (code == _start.Length)
        {
            Array.Resize(ref _start, code * 2);
            Array.Resize(ref _length, code * 2);
            Array.Resize(ref _hash, code * 2);
        }

        if (_arena.Length - _arenaUsed < utf8.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + utf8.Length));
        }

        utf8.CopyTo(_arena.AsSpan(_arenaUsed));
        _start[code] = _arenaUsed;
        _length[code] = utf8.Length;
        _hash[code] = h;
        _arenaUsed += utf8.Length;
        if ((code + 1) * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2, code + 1);
        }
        else
        {
            Insert(_slots, code, h);
        }

        return code;
    }

    private void Rehash(int size, int count)
    {
        var slots = new ulong[size];
        for (var c = 0; c < count; c++)
        {
            Insert(slots, c, _hash[c]);
        }

        _slots = slots;
    }

    private static void Insert(ulong[] slots, int code, uint h)
    {
        var mask = slots.Length - 1;
        var i = (int)(h & (uint)mask);
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = ((ulong)h << 32) | (uint)(code + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> s)
    {
        var h = (ulong)s.Length * 0x9E3779B97F4A7C15UL;
        var i = 0;
        for (; i + 8 <= s.Length; i += 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(s[i..])) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 29;
        }

        ulong tail = 0;
        for (var k = 0; i < s.Length; i++, k += 8)
        {
            tail |= (ulong)s[i] << k;
        }

        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (uint)h;
    }
}
