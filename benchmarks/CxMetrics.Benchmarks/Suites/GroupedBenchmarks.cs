using System.Globalization;
using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The six headline metrics grouped by channel x day and by agent x day (UTC days): a LINQ GroupBy over objects
/// (baseline), the accumulator on one thread, and <c>GroupedMetrics.Compute</c> (parallel). Every group's numbers are
/// checked against the LINQ result before timing. The rows span 30 days, the issue's shape (5 x 30 and 500 x 30
/// groups); "agent x day, 90 days" keeps the generator's default span (500 x 90 groups), the case measured until the
/// ninth session.
/// </summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("The six headline metrics grouped by channel x day and agent x day (UTC) over 30 days of rows, the issue's 5 x 30 and 500 x 30 groups (rows in random order; `agent x day, sorted`: the same rows ordered by opened_at; `agent x day, 90 days`: rows over 90 days, 500 x 90 groups): LINQ GroupBy over objects (baseline), `MetricsAccumulator.Add` + `Result` on one thread, `GroupedMetrics.Compute` (parallel).")]
public class GroupedBenchmarks
{
    private InteractionBatch _batch = null!;
    private NaiveContact[] _contacts = [];
    private GroupingOptions _grouping = null!;
    private MetricOptions _metrics = null!;

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    /// <summary>
    /// The grouping over 30 days of rows; "sorted" = the same rows ordered by opened_at, as exports usually are (the
    /// others are in random order); "90 days" = rows over 90 days (three times the groups).
    /// </summary>
    [Params("channel x day", "agent x day", "agent x day, sorted", "agent x day, 90 days")]
    public string Grouping { get; set; } = "";

    public static IEnumerable<int> Sizes => BenchSizes.Grouped;

    [GlobalSetup]
    public void Setup()
    {
        VectorInfo.PrintOnce();
        var days = Grouping.EndsWith("90 days", StringComparison.Ordinal) ? BenchData.Days : BenchData.Month;
        _batch = Grouping.EndsWith("sorted", StringComparison.Ordinal) ? BenchData.TimeOrdered(Rows, days) : BenchData.Batch(Rows, days);
        _grouping = new GroupingOptions { Keys = [Grouping.StartsWith("agent", StringComparison.Ordinal) ? GroupKey.Agent : GroupKey.Channel], Period = PeriodUnit.Day };
        _metrics = BenchData.CountsAndMeans;
        _contacts = NaiveContact.FromBatch(_batch);
        var expected = Linq();
        Check("accumulator (single-threaded)", expected, Summaries(SingleThreaded()));
        Check("GroupedMetrics.Compute (parallel)", expected, Summaries(Parallel()));
    }

    /// <summary>LINQ GroupBy on (key, UTC day), then the naive metrics per group (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public List<(string Key, MetricSummary Metrics)> Linq()
    {
        var byAgent = Grouping.StartsWith("agent", StringComparison.Ordinal);
        return _contacts
            .GroupBy(c => GroupLabel(byAgent ? c.Agent : c.Channel, c.OpenedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Select(g => (g.Key, NaiveLinq.Headline(g.ToList())))
            .ToList();
    }

    /// <summary>One accumulator, one thread: <c>Add(batch)</c> then <c>Result()</c>.</summary>
    [Benchmark]
    public GroupedMetrics SingleThreaded()
    {
        using var accumulator = new MetricsAccumulator(_metrics, _grouping);
        accumulator.Add(_batch);
        return accumulator.Result();
    }

    /// <summary>The one-shot call, which splits large batches across cores and merges.</summary>
    [Benchmark]
    public GroupedMetrics Parallel() => GroupedMetrics.Compute(_batch, _metrics, _grouping);

    private static string GroupLabel(string? key, string? period) => $"{key ?? "<null>"}|{period ?? "<null>"}";

    private static Dictionary<string, MetricSummary> Summaries(GroupedMetrics result)
    {
        var map = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var g in result.Groups)
        {
            var m = g.Metrics;
            map[GroupLabel(g.Keys[0], g.Period)] = MetricSummary.Headline(m.Csat, m.Nps, m.Ces, m.Fcr, m.HandleTime, m.SlaBreach);
        }

        return map;
    }

    private static void Check(string contestant, List<(string Key, MetricSummary Metrics)> expected, Dictionary<string, MetricSummary> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new InvalidOperationException($"{contestant}: {actual.Count} groups, LINQ GroupBy {expected.Count}; refusing to time it.");
        }

        foreach (var (key, metrics) in expected)
        {
            if (!actual.TryGetValue(key, out var found))
            {
                throw new InvalidOperationException($"{contestant}: group {key} missing; refusing to time it.");
            }

            Equivalence.Check($"naive LINQ GroupBy vs {contestant}, group {key}", found, metrics);
        }
    }
}
