using System.Diagnostics;

namespace CxMetrics.Ab;

/// <summary>One CxMetrics build's side of an A/B run: its own batch, and the two timed calls of the grouped benchmark.</summary>
public static class AbDriver
{
    private static InteractionBatch s_batch = null!;
    private static MetricOptions s_metrics = null!;
    private static GroupingOptions s_grouping = null!;

    /// <summary>
    /// Synthetic rows (the benchmark's seed), grouped by agent or channel and UTC day, counts and means. The generator
    /// spreads 90 days; <c>CXAB_DAYS</c> (e.g. 30, the shape) folds opened_at onto that many days, so any
    /// build, old or new, gets the same rows. <c>CXAB_SORTED=1</c> orders them by opened_at afterwards.
    /// </summary>
    public static void Setup(string grouping, int rows)
    {
        s_batch = SyntheticInteractions.Generate(rows, 20261005);
        var days = int.Parse(Environment.GetEnvironmentVariable("CXAB_DAYS") ?? "90", System.Globalization.CultureInfo.InvariantCulture);
        if (days != 90)
        {
            // The generator's default start, written out: builds before SyntheticInteractions.DefaultStart must load too.
            var start = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
            var opened = System.Runtime.InteropServices.MemoryMarshal.AsMemory(s_batch.OpenedAt).Span;
            for (var i = 0; i < opened.Length; i++)
            {
                opened[i] = start + ((opened[i] - start) % (days * TimeSpan.TicksPerDay));
            }
        }

        if (Environment.GetEnvironmentVariable("CXAB_SORTED") == "1")
        {
            // The benchmark's "sorted" shape: the same rows ordered by opened_at (ties by row), as exports usually are.
            s_batch = CxMetrics.Benchmarks.Shared.TimeOrder.Of(s_batch);
        }

        s_metrics = new MetricOptions { IncludePercentiles = false };
        // CXAB_PERIOD: day (default), week or month.
        var period = (Environment.GetEnvironmentVariable("CXAB_PERIOD") ?? "day") switch
        {
            "week" => PeriodUnit.Week,
            "month" => PeriodUnit.Month,
            _ => PeriodUnit.Day,
        };
        s_grouping = new GroupingOptions { Keys = [grouping == "agent" ? GroupKey.Agent : GroupKey.Channel], Period = period };
    }

    /// <summary>One accumulator on one thread: Add, then Result (ms).</summary>
    public static double Single()
    {
        var watch = Stopwatch.StartNew();
        using (var accumulator = new MetricsAccumulator(s_metrics, s_grouping))
        {
            accumulator.Add(s_batch);
            GC.KeepAlive(accumulator.Result());
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The one-shot parallel compute (ms).</summary>
    public static double Parallel()
    {
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(GroupedMetrics.Compute(s_batch, s_metrics, s_grouping));
        return watch.Elapsed.TotalMilliseconds;
    }
}
