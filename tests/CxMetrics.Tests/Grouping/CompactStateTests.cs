using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// The compact group state (32-bit counters, 64-bit sums, a wide 128-bit state for what they cannot hold) and the lazy,
/// frozen result: every path must give the core's numbers for each group's rows.
/// </summary>
public class CompactStateTests
{
    /// <summary>Durations close to <see cref="Durations.MaxTicks"/>: a few thousand rows in one group can wrap a 64-bit sum, so the batch's sums must move to the wide state.</summary>
    [Property(MaxTest = 12)]
    public void MetricsAccumulator_Add_HugeDurationsInFewGroupsEqualCore(int seed)
    {
        var rows = 2_000 + Math.Abs(seed % 3_000);
        var batch = WithHugeDurations(GroupingTestData.Random(seed, rows), seed);
        var grouping = new GroupingOptions { Keys = [GroupKey.Team] };

        var result = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, grouping);

        Assert.Equal(InteractionMetrics.Compute(batch, GroupingTestData.Metrics), result.Overall);
        foreach (var group in result.Groups)
        {
            var mine = Enumerable.Range(0, rows).Where(i => GroupingTestData.KeyText(batch, GroupKey.Team, i) == group.Keys[0]).ToList();
            Assert.Equal(InteractionMetrics.Compute(GroupingTestData.Select(batch, mine), GroupingTestData.Metrics), group.Metrics);
        }
    }

    /// <summary>Huge durations scattered on several threads: each thread's 64-bit copies may wrap, and their sum is moved back exactly.</summary>
    [Property(MaxTest = 10)]
    public void ParallelGrouping_Compute_HugeDurationsOnThreadsEqualCore(int seed)
    {
        var rows = 2_000 + Math.Abs(seed % 3_000);
        var batch = WithHugeDurations(GroupingTestData.Random(seed, rows), seed);
        var grouping = new GroupingOptions { Keys = [GroupKey.Team], Period = seed % 2 == 0 ? PeriodUnit.None : PeriodUnit.Month };
        var sequential = ParallelGrouping.Compute(batch, GroupingTestData.Metrics, grouping, cores: 1);

        foreach (var cores in new[] { 2, 3 })
        {
            foreach (var sharedRecordBytes in new[] { 0, long.MaxValue })
            {
                var parallel = ParallelGrouping.Compute(batch, GroupingTestData.Metrics, grouping, cores, minRowsPerChunk: 64, sharedRecordBytes);
                Assert.Equal(InteractionMetrics.Compute(batch, GroupingTestData.Metrics), parallel.Overall);
                GroupingTestData.AssertEqual(sequential, parallel);
            }
        }
    }

    /// <summary>Any column may be absent (an empty column): each group still equals the core on its rows, on one thread and on several.</summary>
    [Property(MaxTest = 40)]
    public void GroupedMetrics_Compute_AbsentColumnsEachGroupEqualsCore(int seed)
    {
        var rows = 300 + Math.Abs(seed % 400);
        var batch = WithoutSomeColumns(GroupingTestData.Random(seed, rows), seed);
        var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = seed % 2 == 0 ? PeriodUnit.None : PeriodUnit.Week };
        var result = ParallelGrouping.Compute(batch, GroupingTestData.Metrics, grouping, cores: 1);

        Assert.Equal(InteractionMetrics.Compute(batch, GroupingTestData.Metrics), result.Overall);
        foreach (var group in result.Groups)
        {
            var mine = Enumerable.Range(0, rows)
                .Where(i => GroupingTestData.KeyText(batch, GroupKey.Channel, i) == group.Keys[0] && GroupingTestData.PeriodLabel(batch, grouping, i) == group.Period)
                .ToList();
            Assert.Equal(InteractionMetrics.Compute(GroupingTestData.Select(batch, mine), GroupingTestData.Metrics), group.Metrics);
        }

        foreach (var sharedRecordBytes in new[] { 0, long.MaxValue })
        {
            GroupingTestData.AssertEqual(result, ParallelGrouping.Compute(batch, GroupingTestData.Metrics, grouping, 3, minRowsPerChunk: 64, sharedRecordBytes));
        }
    }

    /// <summary>
    /// A batch dictionary may hold a text twice: both codes are one group. The first batch into an empty accumulator creates
    /// groups without looking them up until such a repeat shows up; the result must still equal the core per text.
    /// </summary>
    [Property(MaxTest = 30)]
    public void MetricsAccumulator_Add_RepeatedDictionaryTextsAreOneGroup(int seed)
    {
        var rows = 50 + Math.Abs(seed % 300);
        var b = GroupingTestData.Random(seed, rows);
        var codes = b.Channel.Codes.ToArray();
        var repeated = new KeyColumn(codes, ["phone", "chat", "phone", "b", "chat"]);
        var batch = new InteractionBatch(rows)
        {
            Csat = b.Csat, Nps = b.Nps, Ces = b.Ces, FirstContactResolved = b.FirstContactResolved,
            TalkTime = b.TalkTime, HoldTime = b.HoldTime, WrapTime = b.WrapTime, FirstResponseTime = b.FirstResponseTime,
            ResolutionTime = b.ResolutionTime, SlaTarget = b.SlaTarget, OpenedAt = b.OpenedAt,
            Channel = repeated, Agent = b.Agent, Team = b.Team, Priority = b.Priority, Customer = b.Customer,
        };
        var grouping = new GroupingOptions { Keys = seed % 2 == 0 ? [GroupKey.Channel] : [GroupKey.Agent, GroupKey.Channel], Period = PeriodUnit.Month };
        using var accumulator = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        accumulator.Add(batch);
        accumulator.Add(batch);
        var result = accumulator.Result();

        var twice = GroupingTestData.Concat(batch, batch);
        Assert.Equal(InteractionMetrics.Compute(twice, GroupingTestData.Metrics), result.Overall);
        Assert.Equal(result.Groups.Count, result.Groups.Select(GroupingTestData.Describe).Distinct().Count());
        foreach (var group in result.Groups)
        {
            var mine = Enumerable.Range(0, twice.Length)
                .Where(i => grouping.Keys.Select(k => GroupingTestData.KeyText(twice, k, i)).SequenceEqual(group.Keys)
                    && GroupingTestData.PeriodLabel(twice, grouping, i) == group.Period)
                .ToList();
            Assert.Equal(InteractionMetrics.Compute(GroupingTestData.Select(twice, mine), GroupingTestData.Metrics), group.Metrics);
        }
    }

    /// <summary>Huge durations streamed through one accumulator in several batches (the sum bound builds up across batches).</summary>
    [Property(MaxTest = 8)]
    public void MetricsAccumulator_AddSeveralBatches_HugeDurationsEqualOneShot(int seed)
    {
        var a = WithHugeDurations(GroupingTestData.Random(seed, 1_500), seed);
        var b = WithHugeDurations(GroupingTestData.Random(seed + 1, 1_500), seed + 1);
        var grouping = new GroupingOptions { Keys = [GroupKey.Priority], Period = PeriodUnit.Week };
        using var accumulator = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        accumulator.Add(a);
        accumulator.Add(b);
        accumulator.Add(a);

        var all = GroupingTestData.Concat(GroupingTestData.Concat(a, b), a);
        var result = accumulator.Result();
        Assert.Equal(InteractionMetrics.Compute(all, GroupingTestData.Metrics), result.Overall);
        GroupingTestData.AssertEqual(GroupedMetrics.Compute(all, GroupingTestData.Metrics, grouping), result);
    }

    /// <summary>Counters and sums moved to the wide state (as before they could overflow) and new rows in the compact one add up.</summary>
    [Property(MaxTest = 30)]
    public void MetricsAccumulator_FlushBetweenBatches_EqualsOneShot(int seed)
    {
        var a = GroupingTestData.Random(seed, Math.Abs(seed % 200), shuffleDictionaries: true);
        var b = GroupingTestData.Random(seed ^ 77, Math.Abs((seed / 7) % 200), shuffleDictionaries: true);
        var grouping = GroupedMetricsPropertyTests.RandomGrouping(seed);
        using var accumulator = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        accumulator.Add(a);
        accumulator.FlushCompactStateForTesting();
        accumulator.Add(b);

        GroupingTestData.AssertEqual(GroupedMetrics.Compute(GroupingTestData.Concat(a, b), GroupingTestData.Metrics, grouping), accumulator.Result());
    }

    /// <summary>A result reads the state frozen when it was taken: later Add, Merge and Dispose (and reuse of the pooled arrays) do not change it.</summary>
    [Property(MaxTest = 30)]
    public void MetricsAccumulator_Result_IsNotChangedByLaterAdds(int seed)
    {
        var a = GroupingTestData.Random(seed, Math.Abs(seed % 200) + 1);
        var b = GroupingTestData.Random(seed ^ 99, Math.Abs((seed / 3) % 200) + 1);
        var grouping = GroupedMetricsPropertyTests.RandomGrouping(seed);
        var accumulator = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        accumulator.Add(a);
        var early = accumulator.Result();
        accumulator.Add(b);
        using (var other = new MetricsAccumulator(GroupingTestData.Metrics, grouping))
        {
            other.Add(a);
            accumulator.Merge(other);
        }

        var late = accumulator.Result();
        accumulator.Dispose();

        // The disposed accumulator's pooled records and coordinates go to the next accumulator, which overwrites them:
        // a result that still read them would change now.
        using (var reuse = new MetricsAccumulator(GroupingTestData.Metrics, grouping))
        {
            reuse.Add(b);
            reuse.Add(b);
        }

        GroupingTestData.AssertEqual(GroupedMetrics.Compute(a, GroupingTestData.Metrics, grouping), early);
        var all = GroupingTestData.Concat(GroupingTestData.Concat(a, b), a);
        GroupingTestData.AssertEqual(GroupedMetrics.Compute(all, GroupingTestData.Metrics, grouping), late);
    }

    /// <summary>Each group of a result is finished once: reading it twice gives the same instance, and enumerating gives the indexer's.</summary>
    [Fact]
    public void GroupedMetrics_Groups_AreFinishedOnceAndEnumerateInOrder()
    {
        var batch = GroupingTestData.Random(5, 300);
        var result = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day });

        Assert.NotEmpty(result.Groups);
        Assert.Same(result.Groups[1], result.Groups[1]);
        var i = 0;
        foreach (var group in result.Groups)
        {
            Assert.Same(result.Groups[i++], group);
        }

        Assert.Equal(result.Groups.Count, i);
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Groups[result.Groups.Count]);
    }

    /// <summary>
    /// Finished groups are kept in runs of slots allocated on first read: with groups in three runs, read by two threads at
    /// once (one backwards, starting in the last run), every index still gives one instance, the same as a later read, and
    /// equal to the group of a fresh result read in order.
    /// </summary>
    [Fact]
    public void GroupedMetrics_GroupsInSeveralSlotRuns_ReadConcurrently_OneInstanceEach()
    {
        // 8,192 slots a run: 60,000 generated rows over 90 days by 500 agents make about 33,000 agent-days.
        var batch = SyntheticInteractions.Generate(60_000, 17);
        var grouping = new GroupingOptions { Keys = [GroupKey.Agent], Period = PeriodUnit.Day };
        var result = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, grouping);
        var count = result.Groups.Count;
        Assert.True(count > 2 * LazyGroupList.SlotsPerChunk, $"{count} groups");

        var forward = new MetricsGroup[count];
        var backward = new MetricsGroup[count];
        using var start = new Barrier(2);
        var other = new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = count - 1; i >= 0; i--)
            {
                backward[i] = result.Groups[i];
            }
        });
        other.Start();
        start.SignalAndWait(TestContext.Current.CancellationToken);
        for (var i = 0; i < count; i++)
        {
            forward[i] = result.Groups[i];
        }

        other.Join();
        var fresh = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, grouping).Groups;
        for (var i = 0; i < count; i++)
        {
            Assert.Same(forward[i], backward[i]);
            Assert.Same(forward[i], result.Groups[i]);
            Assert.Equal(fresh[i].Keys, forward[i].Keys);
            Assert.Equal(fresh[i].Period, forward[i].Period);
            Assert.Equal(fresh[i].Metrics.Contacts, forward[i].Metrics.Contacts);
        }
    }

    internal static InteractionBatch WithoutSomeColumns(InteractionBatch b, int seed)
    {
        var r = new Random(seed);
        bool Keep() => r.Next(3) != 0;
        return new InteractionBatch(b.Length)
        {
            Csat = Keep() ? b.Csat : default,
            Nps = Keep() ? b.Nps : default,
            Ces = Keep() ? b.Ces : default,
            FirstContactResolved = Keep() ? b.FirstContactResolved : default,
            TalkTime = Keep() ? b.TalkTime : default,
            HoldTime = Keep() ? b.HoldTime : default,
            WrapTime = Keep() ? b.WrapTime : default,
            FirstResponseTime = Keep() ? b.FirstResponseTime : default,
            ResolutionTime = Keep() ? b.ResolutionTime : default,
            SlaTarget = Keep() ? b.SlaTarget : default,
            OpenedAt = b.OpenedAt,
            Channel = b.Channel,
            Agent = b.Agent,
            Team = b.Team,
            Priority = Keep() ? b.Priority : default,
            Customer = b.Customer,
        };
    }

    internal static InteractionBatch WithHugeDurations(InteractionBatch b, int seed)
    {
        var r = new Random(seed);
        long Huge(long v) => v < 0 ? v : Durations.MaxTicks - r.Next(0, 1_000_000);
        long[] Map(ReadOnlyMemory<long> column) => [.. column.ToArray().Select(Huge)];
        return new InteractionBatch(b.Length)
        {
            Csat = b.Csat,
            Nps = b.Nps,
            Ces = b.Ces,
            FirstContactResolved = b.FirstContactResolved,
            TalkTime = Map(b.TalkTime),
            HoldTime = Map(b.HoldTime),
            WrapTime = Map(b.WrapTime),
            FirstResponseTime = Map(b.FirstResponseTime),
            ResolutionTime = Map(b.ResolutionTime),
            SlaTarget = b.SlaTarget,
            OpenedAt = b.OpenedAt,
            Channel = b.Channel,
            Agent = b.Agent,
            Team = b.Team,
            Priority = b.Priority,
            Customer = b.Customer,
        };
    }
}
