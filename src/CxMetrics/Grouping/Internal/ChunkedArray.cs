using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>
/// A fixed-length array stored as chunks of at most 64 KiB, so that every chunk is a small-object-heap allocation.
/// </summary>
/// <remarks>
/// Why: a result keeps its group records (2.9 MB for agent × day over 30 days), and one array that large goes to the
/// large-object heap, which hands out pages the process has not touched since the GC last gave them back. On the 2-core
/// VM this project is measured on, a first touch of a page costs about 15 µs, so a fresh 2.9 MB array cost up to
/// 745 faults (about 11 ms) in a quarter to half of the calls. Chunks come from the gen0 allocation budget, whose memory
/// the GC reuses warm; a result that is kept is promoted like any small object. See docs/grouping-performance-log.md, "Eleventh session".
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ChunkedArray<T>
{
    /// <summary>The most bytes in one chunk (the large-object threshold is 85,000 bytes, array header included).</summary>
    public const int ChunkBytes = 64 * 1024;

    private readonly T[][] _chunks;
    private readonly int _perChunk;

    /// <summary>Creates an array of <paramref name="length"/> elements whose chunks hold a multiple of <paramref name="unit"/> elements (a record never straddles two chunks).</summary>
    /// <param name="length">The number of elements.</param>
    /// <param name="unit">Each chunk holds a multiple of this many elements.</param>
    /// <param name="zeroed">Whether the elements start zeroed; <see langword="false"/> (only for element types without references) when the caller overwrites them all.</param>
    public ChunkedArray(int length, int unit = 1, bool zeroed = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unit);
        _perChunk = Math.Max(ChunkBytes / Unsafe.SizeOf<T>() / unit, 1) * unit;
        Length = length;
        _chunks = new T[(int)(((long)length + _perChunk - 1) / _perChunk)][];
        for (var c = 0; c < _chunks.Length; c++)
        {
            var size = Math.Min(_perChunk, length - (c * _perChunk));
            _chunks[c] = zeroed || RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? new T[size] : GC.AllocateUninitializedArray<T>(size);
        }
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The number of chunks.</summary>
    public int ChunkCount => _chunks.Length;

    /// <summary>Chunk <paramref name="c"/> (tests check its size).</summary>
    public T[] Chunk(int c) => _chunks[c];

    /// <summary>Element <paramref name="index"/>.</summary>
    public ref T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));
            return ref _chunks[index / _perChunk][index % _perChunk];
        }
    }

    /// <summary>Elements <paramref name="start"/>..+<paramref name="length"/>, which must lie in one chunk (a unit at a multiple of the unit does).</summary>
    public Span<T> Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start, (uint)Length, nameof(start));
        var chunk = start / _perChunk;
        var offset = start % _perChunk;
        if (length == 0)
        {
            return [];
        }

        return _chunks[chunk].AsSpan(offset, length);
    }

    /// <summary>Copies <paramref name="source"/> to elements <paramref name="start"/>..+<paramref name="source"/>.Length, chunk by chunk (threads may copy to disjoint ranges at once).</summary>
    public void CopyFrom(ReadOnlySpan<T> source, int start = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start, (uint)Length, nameof(start));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(source.Length, Length - start, nameof(source));
        var c = start / _perChunk;
        var offset = start % _perChunk;
        while (!source.IsEmpty)
        {
            var count = Math.Min(source.Length, _chunks[c].Length - offset);
            source[..count].CopyTo(_chunks[c].AsSpan(offset));
            source = source[count..];
            c++;
            offset = 0;
        }
    }
}
