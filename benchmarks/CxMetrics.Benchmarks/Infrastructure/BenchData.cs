namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>The benchmark data: the package's seeded generator, one batch per size per process.</summary>
internal static class BenchData
{
    public const int Seed = 20261005;

    private static readonly Dictionary<int, InteractionBatch> Batches = [];

    public static InteractionBatch Batch(int rows)
    {
        lock (Batches)
        {
            if (!Batches.TryGetValue(rows, out var batch))
            {
                batch = SyntheticInteractions.Generate(rows, Seed);
                Batches[rows] = batch;
            }

            return batch;
        }
    }

    /// <summary>Options for the suites: no SLA policy (rows with their own target are measured), as the CLI default.</summary>
    public static MetricOptions CountsAndMeans { get; } = new() { IncludePercentiles = false };
}
