namespace CxMetrics.Internal;

/// <summary>
/// One-shot grouped compute: small batches on the calling thread; large ones split into one chunk per core, each
/// accumulated into its own <see cref="MetricsAccumulator"/>, then merged (moving, not copying, value buffers).
/// Counts and 128-bit sums merge exactly and percentiles are exact, so the result does not depend on the split.
/// </summary>
internal static class ParallelGrouping
{
    /// <summary>Batches below this many rows per core are not split (the fork/merge would cost more than it saves).</summary>
    public const int MinRowsPerChunk = 131_072;

    public static GroupedMetrics Compute(InteractionBatch batch, MetricOptions metrics, GroupingOptions grouping, int cores, int minRowsPerChunk = MinRowsPerChunk)
    {
        var chunks = Math.Clamp(batch.Length / Math.Max(minRowsPerChunk, 1), 1, Math.Max(cores, 1));
        using var first = new MetricsAccumulator(metrics, grouping);
        if (chunks == 1)
        {
            first.Add(batch);
            return first.Result();
        }

        var parts = new MetricsAccumulator[chunks];
        parts[0] = first;
        for (var c = 1; c < chunks; c++)
        {
            parts[c] = new MetricsAccumulator(metrics, grouping);
        }

        try
        {
            var size = (batch.Length + chunks - 1) / chunks;
            try
            {
                Parallel.For(0, chunks, c =>
                {
                    var start = c * size;
                    var length = Math.Min(size, batch.Length - start);
                    parts[c].Add(batch.Slice(start, length));
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }

            for (var c = 1; c < chunks; c++)
            {
                first.MergeFrom(parts[c], move: true);
            }

            return first.Result();
        }
        finally
        {
            for (var c = 1; c < chunks; c++)
            {
                parts[c].Dispose();
            }
        }
    }
}
