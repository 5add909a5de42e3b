namespace CxMetrics.Internal;

/// <summary>
/// Rows 0..<see cref="Rows"/> in chunks of <see cref="ChunkRows"/>, split into <see cref="Parts"/> contiguous runs of
/// chunks, one per thread: a thread takes the chunks of its own run in order, then those left in the other runs. A thread
/// held up (a page fault, the scheduler, a worker that woke late) thus takes fewer chunks instead of holding up the
/// call (a phase ends at most about one chunk after its fair share), while in the common case each thread reads one
/// contiguous run, the same run in every phase of a call.
/// </summary>
/// <remarks>
/// Why not plain halves: measured on the 2-core VM (docs/grouping-performance-log.md, "Tenth session"), in about one call in four of
/// agent × day the caller's half of the scatter took 1-4 ms longer than the worker's (fresh pages of the new records,
/// or the host), and the worker waited for it. Why not one shared queue of chunks: the threads' chunks then interleave,
/// every chunk restarts the hardware prefetcher's streams and rows marked on one core are scattered on the other;
/// channel × day (a 2 ms call) measured 0.17-0.19 ms slower at its best. Which rows a thread takes does not change the
/// result: every thread adds into its own copy of the records with integer counts and modulo-2^64 sums.
/// </remarks>
internal sealed class RowChunks
{
    // One counter per run, 64 bytes apart (no false sharing between the threads' own counters).
    private const int CounterStride = 16;

    private readonly int[] _next;
    private readonly int _chunks;

    /// <summary>Rows <c>0..rows</c> in chunks of <paramref name="chunkRows"/>, in <paramref name="parts"/> runs.</summary>
    public RowChunks(int rows, int chunkRows, int parts = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        Rows = rows;
        ChunkRows = chunkRows;
        Parts = parts;
        _chunks = (int)(((long)rows + chunkRows - 1) / chunkRows);
        _next = new int[parts * CounterStride];
    }

    /// <summary>The rows to hand out.</summary>
    public int Rows { get; }

    /// <summary>Rows per chunk (the last may be shorter).</summary>
    public int ChunkRows { get; }

    /// <summary>The runs of chunks (one per thread).</summary>
    public int Parts { get; }

    /// <summary>Whether every chunk has been taken (a hint: another thread may take the last one meanwhile).</summary>
    public bool Exhausted
    {
        get
        {
            for (var part = 0; part < Parts; part++)
            {
                if (First(part) + Volatile.Read(ref _next[part * CounterStride]) < First(part + 1))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Takes the next chunk of run <paramref name="part"/>, else of the runs after it; rows
    /// <paramref name="start"/>..<paramref name="end"/>. False when none is left.
    /// </summary>
    public bool TryTake(int part, out int start, out int end)
    {
        for (var k = 0; k < Parts; k++)
        {
            var run = (part + k) % Parts;
            var first = First(run);
            var limit = First(run + 1);
            if (first + Volatile.Read(ref _next[run * CounterStride]) >= limit)
            {
                continue; // taken already: no increment, so the counters cannot run past the chunk count
            }

            var chunk = first + Interlocked.Increment(ref _next[run * CounterStride]) - 1;
            if (chunk < limit)
            {
                start = (int)((long)chunk * ChunkRows);
                end = (int)Math.Min((long)start + ChunkRows, Rows);
                return true;
            }
        }

        start = end = Rows;
        return false;
    }

    /// <summary>The first chunk of run <paramref name="part"/> (runs differ by at most one chunk).</summary>
    private int First(int part) => (int)((long)_chunks * part / Parts);
}
