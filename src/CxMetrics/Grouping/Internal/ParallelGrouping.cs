namespace CxMetrics.Internal;

/// <summary>
/// One-shot grouped compute: one accumulator; a large batch is scattered on one thread per core (no per-group merge of
/// accumulators). Each thread scatters a run of rows into its own copy of the records and the copies are added; with
/// records too large to copy (far more groups, or few rows per group) each thread owns a range of groups and visits only
/// their rows. Counts and sums are integers, so the result does not depend on the split.
/// </summary>
internal static class ParallelGrouping
{
    /// <summary>Batches below this many rows per core are not split (the fork and the sum of copies would cost more than they save).</summary>
    public const int MinRowsPerChunk = MetricsAccumulator.MinRowsPerThread;

    public static GroupedMetrics Compute(InteractionBatch batch, MetricOptions metrics, GroupingOptions grouping, int cores, int minRowsPerChunk = MinRowsPerChunk,
        long sharedRecordBytes = MetricsAccumulator.SharedRecordBytes)
    {
        using var accumulator = new MetricsAccumulator(metrics, grouping);
        accumulator.AddOnThreads(batch, Math.Max(cores, 1), minRowsPerChunk, sharedRecordBytes);
        return accumulator.Result(cores);
    }
}
