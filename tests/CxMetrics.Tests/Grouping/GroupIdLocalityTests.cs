using CxMetrics.Internal;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// Time-ordered rows with many groups in all but few at a time go through the one-pass block kernel
/// (<see cref="GroupIdLocality"/>); the same rows shuffled go through a pass per record. Same result either way.
/// </summary>
public class GroupIdLocalityTests
{
    [Fact]
    public void GroupIdLocality_IsLocal_NarrowWindowsOnly()
    {
        var n = 40 * GroupIdLocality.Window;
        var ordered = new int[n];
        var random = new int[n];
        var r = new Random(5);
        for (var i = 0; i < n; i++)
        {
            ordered[i] = ((i / 1000) * 100) + r.Next(100); // ids of a stretch of rows within a few hundred of each other
            random[i] = r.Next(n);
        }

        Assert.True(GroupIdLocality.IsLocal(ordered, 1_000));
        Assert.False(GroupIdLocality.IsLocal(ordered, 300));
        Assert.False(GroupIdLocality.IsLocal(random, 1_000));
        Assert.False(GroupIdLocality.IsLocal(ordered.AsSpan(0, GroupIdLocality.Window - 1), int.MaxValue)); // too short to tell
        ordered[n - 1] = n; // one far id in the last window
        Assert.False(GroupIdLocality.IsLocal(ordered, 1_000));
    }

    [Fact]
    public void MetricsAccumulator_ManyGroupsTimeOrdered_EqualsShuffledAndCore()
    {
        // 10 days of 4,096 rows, 1,000 agents: ~9,800 agent × day groups (1.9 MB of records, above the 512 KB of the
        // few-groups path), but a window of rows spans at most two days' groups.
        const int days = 10, perDay = 4_096, agents = 1_000;
        var n = days * perDay;
        var r = new Random(11);
        var names = Enumerable.Range(0, agents).Select(a => $"agent-{a:D4}").ToArray();
        var codes = new int[n];
        var opened = new long[n];
        var csat = new byte[n];
        var nps = new byte[n];
        var talk = new long[n];
        var response = new long[n];
        var target = new long[n];
        var start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        for (var i = 0; i < n; i++)
        {
            codes[i] = r.Next(agents);
            opened[i] = start + ((long)i * TimeSpan.TicksPerDay / perDay);
            csat[i] = r.Next(3) == 0 ? (byte)r.Next(1, 6) : Missing.Score;
            nps[i] = r.Next(4) == 0 ? (byte)r.Next(0, 11) : Missing.Score;
            talk[i] = r.Next(20) == 0 ? Missing.Duration : r.Next(1, 3_600) * TimeSpan.TicksPerSecond;
            response[i] = r.Next(5) == 0 ? Missing.Duration : r.Next(1, 600) * TimeSpan.TicksPerSecond;
            target[i] = r.Next(3) == 0 ? 300 * TimeSpan.TicksPerSecond : Missing.Duration;
        }

        var ordered = new InteractionBatch(n) { Csat = csat, Nps = nps, TalkTime = talk, FirstResponseTime = response, SlaTarget = target, OpenedAt = opened, Agent = new KeyColumn(codes, names) };
        var permutation = Enumerable.Range(0, n).ToArray();
        r.Shuffle(permutation);
        var shuffled = GroupingTestData.Select(ordered, permutation);
        var grouping = new GroupingOptions { Keys = [GroupKey.Agent], Period = PeriodUnit.Day };
        var metrics = MetricOptions.Default with { IncludePercentiles = false };

        using var a = new MetricsAccumulator(metrics, grouping);
        a.Add(ordered);
        using var b = new MetricsAccumulator(metrics, grouping);
        b.Add(shuffled);
        var result = a.Result();
        Assert.True(result.Groups.Count > 3 * 2_730, $"{result.Groups.Count} groups");
        GroupingTestData.AssertEqual(b.Result(), result);
        Assert.Equal(InteractionMetrics.Compute(ordered, metrics), result.Overall);
        foreach (var group in result.Groups.Where((_, k) => k % 997 == 0))
        {
            var mine = Enumerable.Range(0, n).Where(i => names[codes[i]] == group.Keys[0] && GroupingTestData.PeriodLabel(ordered, grouping, i) == group.Period).ToList();
            Assert.Equal(InteractionMetrics.Compute(GroupingTestData.Select(ordered, mine), metrics), group.Metrics);
        }
    }
}
