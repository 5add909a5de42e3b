using System.Runtime.InteropServices;
using CxMetrics.Internal;

namespace CxMetrics.Tests.Grouping;

/// <summary>Runs alone: <see cref="GroupedAllocationTests"/> counts the bytes the whole process allocates.</summary>
[CollectionDefinition(nameof(ProcessAllocationCollection), DisableParallelization = true)]
public sealed class ProcessAllocationCollection;

/// <summary>
/// Issue 4: "steady-state allocation per call independent of the row count", checked as bytes, not time. The same
/// groups are present at both row counts (every agent on every day), so what a call allocates for its groups is the
/// same; anything allocated per row (or per chunk of rows) would make the larger batch allocate more. Two things do
/// depend on the rows by design, and the row counts stay clear of both:
/// <list type="bullet">
/// <item>the result's copy keeps counters of 1, 2 or 4 bytes, as wide as the largest group needs
/// (<c>FrozenGroupStates</c>), so it steps up at 256 and 65,536 contacts in a group; both row counts keep the largest
/// group within one width;</item>
/// <item>a first batch reserves its groups by an estimate from its rows and cells (<c>ExpectedCells</c>, which assumes
/// rows fall on cells at random); with under about three rows per cell and every cell present (agent × day below about
/// 45,000 rows here) the estimate falls short and the group arrays grow once, by 60-110 KB. Both row counts are above
/// that.</item>
/// </list>
/// See docs/grouping.md, "Performance".
/// </summary>
[Collection(nameof(ProcessAllocationCollection))]
public class GroupedAllocationTests
{
    /// <summary>Bytes two calls may differ by without a cause in the rows (the runtime's own bookkeeping).</summary>
    private const long Slack = 1024;

    private static readonly MetricOptions CountsAndMeans = new() { IncludePercentiles = false };

    [Theory]
    [InlineData(GroupKey.Channel, 60_000, 600_000)]
    [InlineData(GroupKey.Agent, 60_000, 600_000)]
    public void Accumulator_AddThenResult_OneThread_AllocatesTheSameForTenTimesTheRows(GroupKey key, int fewer, int more) =>
        AssertSameAllocation(key, fewer, more, "one thread", AddThenResult);

    [Theory]
    [InlineData(GroupKey.Channel, 60_000, 600_000)]
    [InlineData(GroupKey.Agent, 60_000, 600_000)]
    public void ParallelCompute_TwoThreads_AllocatesTheSameForTenTimesTheRows(GroupKey key, int fewer, int more) =>
        // Chunks small enough that both batches are split between the two threads.
        AssertSameAllocation(key, fewer, more, "two threads", (batch, grouping) => ParallelGrouping.Compute(batch, CountsAndMeans, grouping, cores: 2, minRowsPerChunk: 4096));

    private static void AssertSameAllocation(GroupKey key, int fewer, int more, string threads, Func<InteractionBatch, GroupingOptions, GroupedMetrics> call)
    {
        var grouping = new GroupingOptions { Keys = [key], Period = PeriodUnit.Day };
        var small = EveryGroupPresent(fewer);
        var large = EveryGroupPresent(more);

        var forSmall = LeastAllocated(() => call(small, grouping));
        var forLarge = LeastAllocated(() => call(large, grouping));

        Assert.True(forSmall > 0, "a result allocates its copy of the records");
        Assert.True(Math.Abs(forLarge - forSmall) <= Slack, $"{key} x day, {threads}: {forSmall} bytes for {fewer} rows, {forLarge} bytes for {more} rows");
    }

    private static GroupedMetrics AddThenResult(InteractionBatch batch, GroupingOptions grouping)
    {
        using var accumulator = new MetricsAccumulator(CountsAndMeans, grouping);
        accumulator.Add(batch);
        return accumulator.Result();
    }

    /// <summary>The fewest bytes the process allocated over a call, of several calls after warm-up (pools filled, code compiled).</summary>
    private static long LeastAllocated(Func<GroupedMetrics> call)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.KeepAlive(call());
        }

        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var result = call();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            GC.KeepAlive(result);
            least = Math.Min(least, allocated);
        }

        return least;
    }

    /// <summary>
    /// The generator's rows over 30 days, with each row's agent and day set so that every prefix of 15,000 rows holds
    /// every agent on every day (and so every channel on every day).
    /// </summary>
    private static InteractionBatch EveryGroupPresent(int rows)
    {
        var start = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
        var batch = SyntheticInteractions.Generate(rows, seed: 20261005, start, days: 30);
        var agents = MemoryMarshal.AsMemory(batch.Agent.Codes).Span;
        var channels = MemoryMarshal.AsMemory(batch.Channel.Codes).Span;
        var opened = MemoryMarshal.AsMemory(batch.OpenedAt).Span;
        var agentCount = batch.Agent.Dictionary.Count;
        var channelCount = batch.Channel.Dictionary.Count;
        for (var i = 0; i < rows; i++)
        {
            agents[i] = i % agentCount;
            channels[i] = i % channelCount;
            var day = i / agentCount % 30;
            opened[i] = start.UtcTicks + (day * TimeSpan.TicksPerDay) + (i % 86_400 * TimeSpan.TicksPerSecond);
        }

        return batch;
    }
}
