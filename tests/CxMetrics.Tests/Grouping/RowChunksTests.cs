using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// <see cref="RowChunks"/>: every row is handed out exactly once, in chunks of the given size, whoever asks; a thread
/// gets its own run's chunks in order before any other run's.
/// </summary>
public class RowChunksTests
{
    [Property(MaxTest = 100)]
    public void RowChunks_ConcurrentTakers_GetEveryRowOnce(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(4) == 0 ? random.Next(3) : random.Next(0, 200_000);
        var chunkRows = 1 + random.Next(random.Next(2) == 0 ? 50 : 20_000);
        var takers = 1 + random.Next(4);
        var parts = random.Next(2) == 0 ? takers : 1 + random.Next(5);
        var chunks = new RowChunks(rows, chunkRows, parts);
        var seen = new int[rows];
        var taken = new List<(int Start, int End)>[takers];
        Parallel.For(0, takers, new ParallelOptions { MaxDegreeOfParallelism = takers }, t =>
        {
            taken[t] = [];
            while (chunks.TryTake(t % parts, out var start, out var end))
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

        for (var part = 0; part < parts; part++)
        {
            Assert.False(chunks.TryTake(part, out _, out _));
        }
    }

    [Fact]
    public void RowChunks_OneThread_TakesItsRunInOrderThenTheOthers()
    {
        // 10 rows in chunks of 2 = 5 chunks; 2 runs: chunks 0-1 (rows 0-4) and 2-4 (rows 4-10).
        var chunks = new RowChunks(10, 2, 2);
        var order = new List<(int, int)>();
        while (chunks.TryTake(1, out var start, out var end))
        {
            order.Add((start, end));
        }

        Assert.Equal([(4, 6), (6, 8), (8, 10), (0, 2), (2, 4)], order);
        Assert.True(chunks.Exhausted);

        var single = new RowChunks(10, 4);
        Assert.False(single.Exhausted);
        Assert.True(single.TryTake(0, out var s0, out var e0));
        Assert.True(single.TryTake(0, out var s1, out var e1));
        Assert.True(single.TryTake(0, out var s2, out var e2));
        Assert.Equal((0, 4, 4, 8, 8, 10), (s0, e0, s1, e1, s2, e2));
        Assert.True(single.Exhausted);
        Assert.False(single.TryTake(0, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowChunks(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowChunks(10, 1, 0));
        Assert.True(new RowChunks(0, 5).Exhausted);
    }
}
