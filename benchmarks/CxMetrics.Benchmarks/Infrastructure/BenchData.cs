namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>The benchmark data: the package's seeded generator, one batch per size per process.</summary>
internal static class BenchData
{
    public const int Seed = 20261005;

    /// <summary>The generator's default span (90 days); the grouped suite also uses <see cref="Month"/>.</summary>
    public static int Days => SyntheticInteractions.DefaultDays;

    /// <summary>The grouped shape: channel × day 5 × 30 and agent × day 500 × 30 groups.</summary>
    public const int Month = 30;

    private static readonly Dictionary<(int Rows, int Days), InteractionBatch> Batches = [];
    private static readonly Dictionary<(int Rows, int Days), InteractionBatch> SortedBatches = [];

    /// <summary>The generator's rows (<see cref="Seed"/>) over its default 90 days.</summary>
    public static InteractionBatch Batch(int rows) => Batch(rows, Days);

    /// <summary>The generator's rows (<see cref="Seed"/>) opened over <paramref name="days"/> days from 2026-08-01 UTC.</summary>
    public static InteractionBatch Batch(int rows, int days)
    {
        lock (Batches)
        {
            if (!Batches.TryGetValue((rows, days), out var batch))
            {
                batch = SyntheticInteractions.Generate(rows, Seed, SyntheticInteractions.DefaultStart, days);
                Batches[(rows, days)] = batch;
            }

            return batch;
        }
    }

    /// <summary>
    /// The rows of <see cref="Batch(int, int)"/> ordered by opened_at (stable), as a time-ordered export gives them: the same rows,
    /// groups and numbers in another order.
    /// </summary>
    public static InteractionBatch TimeOrdered(int rows, int days)
    {
        lock (Batches)
        {
            if (!SortedBatches.TryGetValue((rows, days), out var ordered))
            {
                ordered = Shared.TimeOrder.Of(Batch(rows, days));
                SortedBatches[(rows, days)] = ordered;
            }

            return ordered;
        }
    }

    /// <summary>Options for the suites: no SLA policy (rows with their own target are measured), as the CLI default.</summary>
    public static MetricOptions CountsAndMeans { get; } = new() { IncludePercentiles = false };
}
