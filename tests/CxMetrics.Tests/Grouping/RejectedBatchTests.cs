using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// A batch that <c>Add</c> rejects (a key code outside its dictionary, a score off its scale, a duration above the
/// largest) either leaves the accumulator exactly as before the call, and usable, or, when the state had already begun
/// to change, makes it unusable. Never a usable accumulator with part of the rejected batch in it.
/// </summary>
public class RejectedBatchTests
{
    private static readonly GroupKey[][] Groupings = [[], [GroupKey.Channel], [GroupKey.Agent], [GroupKey.Channel, GroupKey.Priority]];

    /// <summary>Random valid batch, then a corrupted one (random fault, row, grouping, percentiles or not, 1-3 threads): usable afterwards means unchanged, checked by adding the valid batch again against an accumulator that never saw the bad one.</summary>
    [Property(MaxTest = 150)]
    public void MetricsAccumulator_RejectedBatch_UnchangedOrUnusable(int seed)
    {
        var random = new Random(seed);
        var good = GroupingTestData.Random(seed, 1 + random.Next(400));
        var rows = 1 + random.Next(400);
        var grouping = new GroupingOptions { Keys = Groupings[random.Next(Groupings.Length)], Period = (PeriodUnit)random.Next(4) };
        var fault = random.Next(3);
        if (fault == 0 && !grouping.Keys.Contains(GroupKey.Channel))
        {
            fault = 1; // key codes are checked only in the columns a grouping reads
        }

        var bad = Corrupt(GroupingTestData.Random(seed + 1, rows, shuffleDictionaries: random.Next(2) == 0), fault, random.Next(rows));
        var metrics = GroupingTestData.Metrics with { IncludePercentiles = random.Next(2) == 0 };
        var threads = 1 + random.Next(3);

        using var accumulator = new MetricsAccumulator(metrics, grouping);
        accumulator.AddOnThreads(good, threads, minRowsPerThread: 16);
        Assert.ThrowsAny<ArgumentException>(() => accumulator.AddOnThreads(bad, threads, minRowsPerThread: 16));
        GroupedMetrics after;
        try
        {
            after = accumulator.Result();
        }
        catch (InvalidOperationException)
        {
            return; // unusable: allowed once the state had begun to change
        }

        using var reference = new MetricsAccumulator(metrics, grouping);
        reference.Add(good);
        GroupingTestData.AssertEqual(reference.Result(), after);
        accumulator.Add(good);
        reference.Add(good);
        GroupingTestData.AssertEqual(reference.Result(), accumulator.Result());
    }

    /// <summary>The cases that are rejected before anything changes stay usable: a bad key code and a bad score (fused and multi-key assignment: both are checked before a group is created), and (counts and means only: the per-cell path checks durations before it resolves a group) a duration above the largest.</summary>
    [Fact]
    public void MetricsAccumulator_RejectedBeforeAnyChange_StaysUsable()
    {
        var good = GroupingTestData.Random(3, 300);
        var cases = new (InteractionBatch Bad, GroupingOptions Grouping, MetricOptions Metrics)[]
        {
            (Corrupt(good, 0, 123), new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day }, GroupingTestData.Metrics),
            (Corrupt(good, 0, 299), new GroupingOptions { Keys = [GroupKey.Channel, GroupKey.Priority], Period = PeriodUnit.Week }, GroupingTestData.Metrics),
            (Corrupt(good, 1, 0), new GroupingOptions { Keys = [GroupKey.Agent], Period = PeriodUnit.Month }, GroupingTestData.Metrics),
            (Corrupt(good, 2, 150), new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day }, GroupingTestData.Metrics with { IncludePercentiles = false }),
        };
        foreach (var (bad, grouping, metrics) in cases)
        {
            foreach (var threads in new[] { 1, 3 })
            {
                using var accumulator = new MetricsAccumulator(metrics, grouping);
                accumulator.AddOnThreads(good, threads, minRowsPerThread: 16);
                Assert.ThrowsAny<ArgumentException>(() => accumulator.AddOnThreads(bad, threads, minRowsPerThread: 16)); // same rows as good: known groups
                using var reference = new MetricsAccumulator(metrics, grouping);
                reference.Add(good);
                GroupingTestData.AssertEqual(reference.Result(), accumulator.Result());
            }
        }

        // A first batch with a bad key code: nothing was created, so the accumulator is still empty and usable.
        using var fresh = new MetricsAccumulator(GroupingTestData.Metrics, new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day });
        Assert.Throws<ArgumentException>(() => fresh.Add(Corrupt(good, 0, 7)));
        Assert.Empty(fresh.Result().Groups);

        // A first batch with a bad score, one thread and three, one-pass and dense assignment: still empty and usable.
        foreach (var keys in new[] { new[] { GroupKey.Agent }, new[] { GroupKey.Agent, GroupKey.Team } })
        {
            foreach (var threads in new[] { 1, 3 })
            {
                using var empty = new MetricsAccumulator(GroupingTestData.Metrics, new GroupingOptions { Keys = keys, Period = PeriodUnit.Week });
                Assert.Throws<ArgumentOutOfRangeException>(() => empty.AddOnThreads(Corrupt(good, 1, 250), threads, minRowsPerThread: 16));
                Assert.Empty(empty.Result().Groups);
            }
        }
    }

    /// <summary>A copy of the batch with one fault at <paramref name="row"/>: 0 a channel code outside the dictionary, 1 a CSAT off the 1-5 scale, 2 a talk time above the largest duration.</summary>
    private static InteractionBatch Corrupt(InteractionBatch b, int fault, int row)
    {
        var channel = b.Channel;
        var csat = b.Csat;
        var talk = b.TalkTime;
        switch (fault)
        {
            case 0:
                var codes = b.Channel.Codes.ToArray();
                codes[row] = b.Channel.Dictionary.Count + 3;
                channel = new KeyColumn(codes, b.Channel.Dictionary);
                break;
            case 1:
                var scores = b.Csat.ToArray();
                scores[row] = 9;
                csat = scores;
                break;
            default:
                var ticks = b.TalkTime.ToArray();
                ticks[row] = Durations.MaxTicks + 1;
                talk = ticks;
                break;
        }

        return new InteractionBatch(b.Length)
        {
            Csat = csat, Nps = b.Nps, Ces = b.Ces, FirstContactResolved = b.FirstContactResolved,
            TalkTime = talk, HoldTime = b.HoldTime, WrapTime = b.WrapTime, FirstResponseTime = b.FirstResponseTime,
            ResolutionTime = b.ResolutionTime, SlaTarget = b.SlaTarget, OpenedAt = b.OpenedAt,
            Channel = channel, Agent = b.Agent, Team = b.Team, Priority = b.Priority, Customer = b.Customer,
        };
    }
}
