using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Infrastructure;
using CxMetrics.Internal;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The memory control for the grouped targets: only reading the columns a grouped call reads, and nothing else. The
/// grouped suite's batch (1,000,000 rows over 30 days) is 64 bytes a row in the twelve columns the six metrics and
/// their means need (four score and flag bytes; talk, hold, wrap, first response, resolution, SLA target and opened_at
/// as 8-byte ticks; one 4-byte key code): 64 MB a call. This suite XOR-folds every byte of them, on one thread
/// (baseline) and in two halves on the library's fork-join (<c>WorkerTeam</c>, as <c>GroupedMetrics.Compute</c> uses
/// it).
/// </summary>
/// <remarks>
/// Why: <see cref="TwoCoreControlBenchmarks"/> measures what two cores give arithmetic; this measures what they give a
/// memory stream, which is what a grouped call mostly is. Read next to <see cref="GroupedBenchmarks"/> (same run): the
/// one-thread time is a floor no grouped call over these rows can go below, and the two-thread ratio is what two cores
/// gave a pure stream in that run. It is no ceiling for a grouped call, which also computes: channel × day's parallel
/// ratio was above it in every run of the nineteenth session (1.81-1.92x against 1.38-1.78x).
/// </remarks>
[Config(typeof(BenchConfig))]
[SuiteDescription("Control for the grouped targets: only reading the 64 MB of columns a grouped call over the grouped suite's rows reads (1,000,000 rows, 64 bytes a row: scores, flags, durations, opened_at, one key code), XOR-folded, on one thread (baseline) and split over two threads by the library's fork-join. The one-thread time is the floor under every grouped time of the run; the ratio is what two cores gave a memory stream at the time of the run.")]
public class ColumnStreamControlBenchmarks
{
    private readonly ulong[] _results = new ulong[2];
    private InteractionBatch _batch = null!;

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Grouped;

    [GlobalSetup]
    public void Setup()
    {
        VectorInfo.PrintOnce();
        _batch = BenchData.Batch(Rows, BenchData.Month);
    }

    /// <summary>Every column on the calling thread.</summary>
    [Benchmark(Baseline = true)]
    public ulong OneThread() => Fold(0, _batch.Length);

    /// <summary>The rows in two halves, one per thread (<c>WorkerTeam.Run(2, ...)</c>).</summary>
    [Benchmark]
    public ulong TwoThreads()
    {
        var half = _batch.Length / 2;
        WorkerTeam.Run(2, t => _results[t] = t == 0 ? Fold(0, half) : Fold(half, _batch.Length - half));
        return _results[0] ^ _results[1];
    }

    /// <summary>XOR-folds rows <paramref name="start"/>..+<paramref name="length"/> of the twelve columns, a column at a time.</summary>
    private ulong Fold(int start, int length)
    {
        var b = _batch;
        var fold = Fold(b.Csat.Span.Slice(start, length)) ^ Fold(b.Nps.Span.Slice(start, length)) ^ Fold(b.Ces.Span.Slice(start, length))
            ^ Fold(b.FirstContactResolved.Span.Slice(start, length));
        fold ^= Fold(b.TalkTime.Span.Slice(start, length)) ^ Fold(b.HoldTime.Span.Slice(start, length)) ^ Fold(b.WrapTime.Span.Slice(start, length));
        fold ^= Fold(b.FirstResponseTime.Span.Slice(start, length)) ^ Fold(b.ResolutionTime.Span.Slice(start, length))
            ^ Fold(b.SlaTarget.Span.Slice(start, length)) ^ Fold(b.OpenedAt.Span.Slice(start, length));
        return fold ^ Fold(b.Agent.Codes.Span.Slice(start, length));
    }

    /// <summary>XOR of every 64-bit word (the tail bytes folded one by one): a load per byte read, nothing else.</summary>
    private static ulong Fold<T>(ReadOnlySpan<T> column)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(column);
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        var vectors = MemoryMarshal.Cast<ulong, Vector<ulong>>(words);
        var acc = Vector<ulong>.Zero;
        foreach (var v in vectors)
        {
            acc ^= v;
        }

        var fold = 0UL;
        for (var i = 0; i < Vector<ulong>.Count; i++)
        {
            fold ^= acc[i];
        }

        for (var i = vectors.Length * Vector<ulong>.Count; i < words.Length; i++)
        {
            fold ^= words[i];
        }

        for (var i = words.Length * sizeof(ulong); i < bytes.Length; i++)
        {
            fold ^= bytes[i];
        }

        return fold;
    }
}
