namespace CxMetrics.Internal;

/// <summary>
/// Rows 0..<see cref="Rows"/> handed out in chunks of <see cref="ChunkRows"/> to whichever thread asks next, so that a
/// thread held up (a page fault, the scheduler, a worker that woke late) takes fewer chunks instead of holding up the
/// call: a phase ends at most about one chunk after its fair share.
/// </summary>
/// <remarks>
/// Why not halves: measured on the 2-core VM (docs/grouping.md, "Tenth session"), in about one call in four of agent ×
/// day the caller's half of the scatter took 1-4 ms longer than the worker's (fresh pages of the new records), and the
/// worker then waited for it. Which rows a thread takes does not change the result: every thread adds into its own
/// copy of the records with integer counts and modulo-2^64 sums.
/// </remarks>
internal sealed class RowChunks(int rows, int chunkRows)
{
    private int _next;

    /// <summary>The rows to hand out.</summary>
    public int Rows { get; } = rows;

    /// <summary>Rows per chunk (the last may be shorter).</summary>
    public int ChunkRows { get; } = chunkRows > 0 ? chunkRows : throw new ArgumentOutOfRangeException(nameof(chunkRows));

    /// <summary>Whether every chunk has been taken (a hint: another thread may take the last one meanwhile).</summary>
    public bool Exhausted => (long)Volatile.Read(ref _next) * ChunkRows >= Rows;

    /// <summary>Takes the next chunk, rows <paramref name="start"/>..<paramref name="end"/>; false when none is left.</summary>
    public bool TryTake(out int start, out int end)
    {
        var chunk = Interlocked.Increment(ref _next) - 1;
        var first = (long)chunk * ChunkRows;
        if (first >= Rows)
        {
            start = end = Rows;
            return false;
        }

        start = (int)first;
        end = (int)Math.Min(first + ChunkRows, Rows);
        return true;
    }
}
