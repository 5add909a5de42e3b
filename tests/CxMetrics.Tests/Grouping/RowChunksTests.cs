using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary><see cref="RowChunks"/>: every row is handed out exactly once, in chunks of the given size, whoever asks.</summary>
public class RowChunksTests
{
    [Property(MaxTest = 100)]
    public void RowChunks_ConcurrentTakers_GetEveryRowOnce(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(4) == 0 ? random.Next(3) : random.Next(0, 200_000);
        var chunkRows = 1 + random.Next(random.Next(2) == 0 ? 50 : 20_000);
        var chunks = new RowChunks(rows, chunkRows);
        var takers = 1 + random.Next(4);
        var seen = new int[rows];
        var taken = new List<(int Start, int End)>[takers];
        Parallel.For(0, takers, new ParallelOptions { MaxDegreeOfParallelism = takers }, t =>
        {
            taken[t] = [];
            while (chunks.TryTake(out var start, out var end))
            {
                taken[t].Add((start, end));
                for (var i = start; i < end; i++)
                {
                    Interlocked.Increment(ref seen[i]);
                }
            }
        });

        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.True(chunks.Exhausted);
        foreach (var (start, end) in taken.SelectMany(list => list))
        {
            Assert.Equal(0, start % chunkRows);
            Assert.Equal(Math.Min(start + chunkRows, rows), end);
        }

        Assert.False(chunks.TryTake(out _, out _));
    }

    [Fact]
    public void RowChunks_HandCounted()
    {
        var chunks = new RowChunks(10, 4);
        Assert.False(chunks.Exhausted);
        Assert.True(chunks.TryTake(out var s0, out var e0));
        Assert.True(chunks.TryTake(out var s1, out var e1));
        Assert.True(chunks.TryTake(out var s2, out var e2));
        Assert.Equal((0, 4, 4, 8, 8, 10), (s0, e0, s1, e1, s2, e2));
        Assert.True(chunks.Exhausted);
        Assert.False(chunks.TryTake(out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowChunks(10, 0));
        Assert.True(new RowChunks(0, 5).Exhausted);
    }
}
