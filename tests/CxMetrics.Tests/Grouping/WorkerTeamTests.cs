using System.Collections.Concurrent;
using CxMetrics.Internal;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// <see cref="WorkerTeam"/>: every index runs exactly once per call (index 0 on the caller), errors come back to the caller
/// (lowest index first) and leave the team usable, calls spaced so that the workers park in between wake them again
/// (a lost wake-up would hang: each test waits with a deadline instead), and concurrent callers all finish.
/// </summary>
public class WorkerTeamTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void Run_EachIndexOnceAndIndexZeroOnTheCaller()
    {
        foreach (var threads in new[] { 1, 2, 3, 4, 7 })
        {
            var runs = new int[threads];
            var caller = Environment.CurrentManagedThreadId;
            var zeroThread = -1;
            WorkerTeam.Run(threads, t =>
            {
                Interlocked.Increment(ref runs[t]);
                if (t == 0)
                {
                    zeroThread = Environment.CurrentManagedThreadId;
                }
            });
            Assert.All(runs, r => Assert.Equal(1, r));
            Assert.Equal(caller, zeroThread);
        }
    }

    [Fact]
    public async Task Run_ManyCalls_SomeAfterTheWorkersParked_AllComplete()
    {
        var cancel = TestContext.Current.CancellationToken;
        var sums = await Task.Run(() =>
        {
            var random = new Random(20261204);
            long total = 0, expected = 0;
            for (var call = 0; call < 2000; call++)
            {
                // Tiny bodies: the caller often runs indices a worker has not claimed yet; still each exactly once.
                var threads = 2 + random.Next(3);
                WorkerTeam.Run(threads, t => Interlocked.Add(ref total, 1L << (8 * t)));
                expected += (1L << (8 * threads)) / 255;
                if (random.Next(50) == 0)
                {
                    Thread.Sleep(random.Next(1, 5)); // longer than the spin: the workers park and must be woken
                }
            }

            return (total, expected);
        }, cancel).WaitAsync(Deadline, cancel); // a TimeoutException if a call never returns
        Assert.Equal(sums.expected, sums.total);
    }

    [Fact]
    public void Run_ErrorsReachTheCaller_LowestIndexFirst_AndTheTeamStaysUsable()
    {
        var runs = new int[4];
        var error = Assert.Throws<InvalidOperationException>(() => WorkerTeam.Run(4, t =>
        {
            Interlocked.Increment(ref runs[t]);
            if (t >= 2)
            {
                throw new InvalidOperationException($"index {t}");
            }
        }));
        Assert.Equal("index 2", error.Message);
        Assert.All(runs, r => Assert.Equal(1, r));

        var zero = Assert.Throws<ArgumentException>(() => WorkerTeam.Run(2, t => throw new ArgumentException($"index {t}")));
        Assert.Equal("index 0", zero.Message);

        var after = 0;
        WorkerTeam.Run(3, _ => Interlocked.Increment(ref after));
        Assert.Equal(3, after);
    }

    /// <summary>
    /// A caller that finds the team busy runs on the thread pool with the same contract: every index once, the lowest
    /// index's error (here index 3 fails at once and index 2 later, so the first error in time is the wrong one). Other
    /// tests run calls at the same time; this one failed now and then until the fallback kept the contract.
    /// </summary>
    [Fact]
    public async Task Run_WhileTheTeamIsBusy_EveryIndexOnce_LowestIndexErrorFirst()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var busy = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var holder = Task.Run(() => WorkerTeam.Run(2, t =>
        {
            if (t == 0)
            {
                busy.Set();
                release.Wait(Deadline);
            }
        }), cancel);
        try
        {
            Assert.True(busy.Wait(Deadline, cancel));
            var runs = new int[4];
            var error = Assert.Throws<InvalidOperationException>(() => WorkerTeam.Run(4, t =>
            {
                Interlocked.Increment(ref runs[t]);
                if (t == 2)
                {
                    Thread.Sleep(50);
                }

                if (t >= 2)
                {
                    throw new InvalidOperationException($"index {t}");
                }
            }));
            Assert.Equal("index 2", error.Message);
            Assert.All(runs, r => Assert.Equal(1, r));
        }
        finally
        {
            release.Set();
        }

        await holder.WaitAsync(Deadline, cancel);
    }

    [Fact]
    public async Task Run_ConcurrentCallers_AllFinishWithEveryIndexOnce()
    {
        var cancel = TestContext.Current.CancellationToken;
        var counts = new ConcurrentDictionary<(int Caller, int Call, int Index), int>();
        var callers = Enumerable.Range(0, 4).Select(caller => Task.Run(() =>
        {
            for (var call = 0; call < 150; call++)
            {
                WorkerTeam.Run(3, t => counts.AddOrUpdate((caller, call, t), 1, (_, c) => c + 1));
            }
        }, cancel)).ToArray();
        await Task.WhenAll(callers).WaitAsync(Deadline, cancel);
        Assert.Equal(4 * 150 * 3, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
    }
}
