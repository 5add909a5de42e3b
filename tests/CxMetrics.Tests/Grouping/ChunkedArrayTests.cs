using System.Runtime.CompilerServices;
using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// <see cref="ChunkedArray{T}"/> holds a result's records, coordinates and order: every chunk must stay below the
/// large-object threshold (the reason it exists), hold whole units (a record read through <see cref="ChunkedArray{T}.Slice"/>
/// must never straddle two chunks), and read back exactly what was copied in.
/// </summary>
public class ChunkedArrayTests
{
    /// <summary>The large-object threshold of the .NET GC, array header included.</summary>
    private const int LargeObjectBytes = 85_000;

    [Property(MaxTest = 100)]
    public void CopyFrom_ReadsBackEveryElement_InWholeUnitsBelowTheLargeObjectThreshold(int seed)
    {
        var random = new Random(seed);
        var unit = random.Next(3) == 0 ? 1 : random.Next(1, 80);
        var length = unit * random.Next(0, random.Next(2) == 0 ? 40 : 3_000);
        var source = new uint[length];
        for (var i = 0; i < length; i++)
        {
            source[i] = (uint)random.Next();
        }

        var chunked = new ChunkedArray<uint>(length, unit, zeroed: random.Next(2) == 0);

        // In two parts split anywhere (as threads copy halves of the records), the second part first.
        var split = random.Next(0, length + 1);
        chunked.CopyFrom(source.AsSpan(split), split);
        chunked.CopyFrom(source.AsSpan(0, split));

        Assert.Equal(length, chunked.Length);
        var total = 0;
        for (var c = 0; c < chunked.ChunkCount; c++)
        {
            var chunk = chunked.Chunk(c);
            Assert.True((chunk.Length * sizeof(uint)) + 32 < LargeObjectBytes, $"chunk {c} has {chunk.Length} elements");
            Assert.Equal(0, chunk.Length % unit);
            total += chunk.Length;
        }

        Assert.Equal(length, total);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(source[i], chunked[i]);
        }

        for (var start = 0; start < length; start += unit)
        {
            Assert.True(chunked.Slice(start, unit).SequenceEqual(source.AsSpan(start, unit)), $"unit at {start}");
        }
    }

    [Fact]
    public void ReferenceElements_StartNull_AndKeepWritesThroughTheIndexer()
    {
        var length = 3 * (ChunkedArray<string>.ChunkBytes / Unsafe.SizeOf<string>()) + 5;
        var chunked = new ChunkedArray<string?>(length, zeroed: false);
        Assert.True(chunked.ChunkCount >= 4);
        for (var i = 0; i < length; i++)
        {
            Assert.Null(chunked[i]);
        }

        chunked[length - 1] = "last";
        chunked[ChunkedArray<string>.ChunkBytes / Unsafe.SizeOf<string>()] = "second chunk";
        Assert.Equal("last", chunked[length - 1]);
        Assert.Equal("second chunk", chunked[ChunkedArray<string>.ChunkBytes / Unsafe.SizeOf<string>()]);
        Assert.Null(chunked[0]);
    }

    [Fact]
    public void OutOfRange_Throws()
    {
        var chunked = new ChunkedArray<int>(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => chunked[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => chunked[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => chunked.CopyFrom(new int[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => chunked.CopyFrom(new int[2], 9));
        Assert.Equal(0, new ChunkedArray<int>(0).ChunkCount);
    }

    /// <summary>A pooled list grows past any pooled size, keeps its order, and is empty after Dispose.</summary>
    [Property(MaxTest = 50)]
    public void PooledList_AddsInOrder_AndGrows(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(0, 5_000);
        var list = new PooledList<GroupCoordinates>();
        if (random.Next(2) == 0)
        {
            list.EnsureCapacity(random.Next(0, n + 1));
        }

        for (var i = 0; i < n; i++)
        {
            list.Add(new GroupCoordinates(i, -1, -1, -1, i % 7));
        }

        Assert.Equal(n, list.Count);
        Assert.Equal(n, list.AsSpan().Length);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(new GroupCoordinates(i, -1, -1, -1, i % 7), list[i]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => list[n]);
        list.Dispose();
        Assert.Equal(0, list.Count);
    }
}
