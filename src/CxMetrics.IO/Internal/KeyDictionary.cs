using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Key texts of one key column, shared by every batch of a reader and only ever appended to, so a code keeps its
/// meaning across batches. Looks keys up by their UTF-8 bytes in an open-addressing table whose slots hold the first
/// 16 bytes of the key inline: a key of up to 16 bytes (most ids) is found with one memory access and two 64-bit
/// compares, no decoding and no allocation; a longer key also compares its remaining bytes from an arena. Only a new
/// key is decoded into a string. Invalid UTF-8 decodes with U+FFFD replacement characters.
/// </summary>
/// <remarks>
/// <see cref="Codes"/> looks up a whole CSV column of a chunk, computing the slots of the next rows and prefetching
/// them before resolving, so the random accesses of a high-cardinality column (customers) overlap instead of
/// waiting one after another.
/// </remarks>
internal sealed class KeyDictionary
{
    private const int Inline = 16;
    private const int Group = 32;

    /// <summary>Tables at least this large do not stay in the L1/L2 caches: prefetch their slots.</summary>
    private const int PrefetchSlots = 1 << 14;

    private Slot[] _slots = new Slot[64];
    private byte[] _arena = new byte[256];
    private int _arenaUsed;
    private int[] _arenaStart = new int[32]; // by code: where the key's bytes are in the arena
    private int[] _arenaLength = new int[32];
    private int _count;
    private ulong _lastK0, _lastK1;
    private int _lastLength = -1, _lastCode = -1;

    public KeyDictionary() => Keys = new KeyTexts(this);

    /// <summary>
    /// The key texts, by code; grows as new keys appear. A text is decoded from the key's UTF-8 bytes when first
    /// read (a high-cardinality column that nobody reads as text, such as customer_id without repeat-contact FCR,
    /// costs no string per key).
    /// </summary>
    public KeyTexts Keys { get; }

    /// <summary>The number of keys.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The UTF-8 bytes of key <paramref name="code"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int code) => _arena.AsSpan(_arenaStart[code], _arenaLength[code]);

    /// <summary>The code of a non-empty key, added when new.</summary>
    public int Code(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= Inline)
        {
            return Lookup(ref MemoryMarshal.GetReference(utf8), utf8.Length);
        }

        Span<byte> padded = stackalloc byte[Inline];
        utf8.CopyTo(padded);
        return Lookup(ref padded[0], utf8.Length);
    }

    /// <summary>
    /// The codes of one CSV column over <paramref name="rows"/> records: field <paramref name="field"/> of record i
    /// spans <c>bounds[i * stride + field] .. bounds[i * stride + field + 1] - 1</c> of <paramref name="buffer"/>;
    /// an empty field is <see cref="Missing.Key"/>. Codes go to <paramref name="codes"/> from <paramref name="offset"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a one-shot read of a large file never reaches tier 1 in time
    public void Codes(byte[] buffer, int[] bounds, int stride, int field, int rows, int[] codes, int offset)
    {
        if (_slots.Length < PrefetchSlots || !Sse.IsSupported)
        {
            for (var i = 0; i < rows; i++)
            {
                var b = (i * stride) + field;
                var start = bounds[b];
                var length = bounds[b + 1] - 1 - start;
                codes[offset + i] = length == 0 ? Missing.Key : CodeAt(buffer, start, length);
            }

            return;
        }

        CodesPrefetched(buffer, bounds, stride, field, rows, codes, offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a one-shot read of a large file never reaches tier 1 in time
    private void CodesPrefetched(byte[] buffer, int[] bounds, int stride, int field, int rows, int[] codes, int offset)
    {
        Span<ulong> k0s = stackalloc ulong[Group];
        Span<ulong> k1s = stackalloc ulong[Group];
        Span<uint> hashes = stackalloc uint[Group];
        Span<int> starts = stackalloc int[Group];
        Span<int> lengths = stackalloc int[Group];
        for (var g = 0; g < rows; g += Group)
        {
            var n = Math.Min(Group, rows - g);

            // 1: keys and hashes of the group, their slots prefetched.
            var slots = _slots;
            var mask = slots.Length - 1;
            for (var j = 0; j < n; j++)
            {
                var b = ((g + j) * stride) + field;
                var start = bounds[b];
                var length = bounds[b + 1] - 1 - start;
                starts[j] = start;
                lengths[j] = length;
                if (length == 0 || length > Inline || start > buffer.Length - Inline)
                {
                    continue; // resolved one by one below
                }

                var k0 = Load(ref buffer[start], length, out var k1);
                k0s[j] = k0;
                k1s[j] = k1;
                var h = Hash(k0, k1, length);
                hashes[j] = h;
                Prefetch(ref slots[(int)(h & (uint)mask)]);
            }

            // 2: resolve.
            for (var j = 0; j < n; j++)
            {
                var length = lengths[j];
                int code;
                if (length == 0)
                {
                    code = Missing.Key;
                }
                else if (length > Inline || starts[j] > buffer.Length - Inline)
                {
                    code = CodeAt(buffer, starts[j], length);
                }
                else
                {
                    code = Find(k0s[j], k1s[j], length, hashes[j], ref buffer[starts[j]]);
                }

                codes[offset + g + j] = code;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref Slot slot) => Sse.Prefetch0(Unsafe.AsPointer(ref slot));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CodeAt(byte[] buffer, int start, int length) =>
        start <= buffer.Length - Inline ? Lookup(ref buffer[start], length) : Code(buffer.AsSpan(start, length));

    /// <summary>The code of the key of <paramref name="length"/> bytes at <paramref name="p"/>; 16 bytes must be readable there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Lookup(ref byte p, int length)
    {
        var k0 = Load(ref p, length, out var k1);
        if (length == _lastLength && k0 == _lastK0 && k1 == _lastK1 && length <= Inline)
        {
            return _lastCode; // low-cardinality columns (channel, priority, team) often repeat the previous key
        }

        var h = length <= Inline ? Hash(k0, k1, length) : HashLong(MemoryMarshal.CreateReadOnlySpan(ref p, length));
        return Find(k0, k1, length, h, ref p);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(ulong k0, ulong k1, int length, uint h, ref byte p)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = (int)(h & (uint)mask);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.CodePlus1 == 0)
            {
                var added = Add(MemoryMarshal.CreateReadOnlySpan(ref p, length), k0, k1, h);
                Remember(k0, k1, length, added);
                return added;
            }

            if (slot.K0 == k0 && slot.K1 == k1 && slot.Length == length
                && (length <= Inline || MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref p, Inline), length - Inline)
                    .SequenceEqual(_arena.AsSpan(_arenaStart[slot.CodePlus1 - 1] + Inline, length - Inline))))
            {
                var code = slot.CodePlus1 - 1;
                Remember(k0, k1, length, code);
                return code;
            }

            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Remember(ulong k0, ulong k1, int length, int code)
    {
        _lastK0 = k0;
        _lastK1 = k1;
        _lastLength = length;
        _lastCode = code;
    }

    private int Add(ReadOnlySpan<byte> utf8, ulong k0, ulong k1, uint h)
    {
        var code = _count;
        if (code == _arenaStart.Length)
        {
            Array.Resize(ref _arenaStart, code * 2);
            Array.Resize(ref _arenaLength, code * 2);
        }

        if (_arena.Length - _arenaUsed < utf8.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + utf8.Length));
        }

        utf8.CopyTo(_arena.AsSpan(_arenaUsed));
        _arenaStart[code] = _arenaUsed;
        _arenaLength[code] = utf8.Length;
        _arenaUsed += utf8.Length;
        Keys.Grow(code + 1);
        Volatile.Write(ref _count, code + 1); // after the bytes: a reader that sees the count sees the key

        if ((code + 1) * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        Insert(_slots, new Slot { K0 = k0, K1 = k1, Length = utf8.Length, CodePlus1 = code + 1 }, h);
        return code;
    }

    private void Rehash(int size)
    {
        var slots = new Slot[size];
        foreach (var slot in _slots)
        {
            if (slot.CodePlus1 != 0)
            {
                Insert(slots, slot, SlotHash(slot));
            }
        }

        _slots = slots;
    }

    private uint SlotHash(in Slot slot)
    {
        if (slot.Length <= Inline)
        {
            return Hash(slot.K0, slot.K1, slot.Length);
        }

        return HashLong(Bytes(slot.CodePlus1 - 1));
    }

    private static void Insert(Slot[] slots, in Slot slot, uint h)
    {
        var mask = slots.Length - 1;
        var i = (int)(h & (uint)mask);
        while (slots[i].CodePlus1 != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = slot;
    }

    /// <summary>The first 16 bytes of a key as two little-endian words, zero past its end (16 bytes readable at <paramref name="p"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load(ref byte p, int length, out ulong k1)
    {
        var k0 = Unsafe.ReadUnaligned<ulong>(ref p);
        if (length <= 8)
        {
            k1 = 0;
            return k0 & (ulong.MaxValue >> ((8 - length) * 8));
        }

        k1 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, 8)) & (ulong.MaxValue >> (Math.Max(0, Inline - length) * 8));
        return k0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ulong k0, ulong k1, int length)
    {
        var h = (k0 + (ulong)length) * 0x9E3779B97F4A7C15UL;
        h ^= k1 * 0xC2B2AE3D27D4EB4FUL;
        h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9UL;
        return (uint)(h >> 32);
    }

    private static uint HashLong(ReadOnlySpan<byte> s)
    {
        var h = Hash(MemoryMarshal.Read<ulong>(s), MemoryMarshal.Read<ulong>(s[8..]), s.Length);
        var x = (ulong)h;
        var i = Inline;
        for (; i + 8 <= s.Length; i += 8)
        {
            x = (x ^ MemoryMarshal.Read<ulong>(s[i..])) * 0xBF58476D1CE4E5B9UL;
            x ^= x >> 29;
        }

        ulong tail = 0;
        for (var k = 0; i < s.Length; i++, k += 8)
        {
            tail |= (ulong)s[i] << k;
        }

        x = (x ^ tail) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (uint)(x >> 32) ^ (uint)x;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong K0;
        public ulong K1;
        public int Length;
        public int CodePlus1; // 0 = empty
    }
}
