using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Infrastructure;
using CxMetrics.Internal;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The control for every parallel figure: what two threads give on this machine at the time of the run. The same
/// arithmetic (a xorshift chain: no memory traffic, no shared data) on one thread, then split in two halves on the
/// library's own fork-join (<c>WorkerTeam</c>, as <c>GroupedMetrics.Compute</c> uses it). On two idle cores the ratio is
/// 2.0x less the fork-join's cost; below that, the machine itself did not give two cores' worth.
/// </summary>
/// <remarks>
/// Why: on the 2-core VM the benchmarks run on, two busy threads were measured getting from 2.0x down to 1.0x (and for
/// stretches of seconds 0.3x) of one thread's throughput, with no steal time shown inside the VM (docs/grouping-performance-log.md,
/// "Tenth session"). Run it next to <see cref="GroupedBenchmarks"/> (same run) to read its parallel ratios.
/// </remarks>
[Config(typeof(BenchConfig))]
[SuiteDescription("Control for the parallel ratios: the same arithmetic (no memory traffic) on one thread (baseline) and split over two threads by the library's fork-join; the ratio is what the machine's two cores gave at the time of the run (2.0x on two idle cores).")]
public class TwoCoreControlBenchmarks
{
    /// <summary>Iterations in all: about 8 ms on one thread here, the time of agent x day on one thread.</summary>
    private const long Iterations = 6_000_000;

    private readonly ulong[] _results = new ulong[2];

    [GlobalSetup]
    public void Setup() => VectorInfo.PrintOnce();

    /// <summary>All the work on the calling thread.</summary>
    [Benchmark(Baseline = true)]
    public ulong OneThread() => Chain(Iterations, 1);

    /// <summary>The same work in two halves, one per thread (<c>WorkerTeam.Run(2, ...)</c>).</summary>
    [Benchmark]
    public ulong TwoThreads()
    {
        WorkerTeam.Run(2, t => _results[t] = Chain(Iterations / 2, (ulong)t + 1));
        return _results[0] ^ _results[1];
    }

    /// <summary>A dependent xorshift chain: pure arithmetic, the same time per iteration on any core.</summary>
    private static ulong Chain(long iterations, ulong seed)
    {
        var x = 88172645463325252UL ^ seed;
        var sum = 0UL;
        for (var i = 0L; i < iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += x;
        }

        return sum;
    }
}
