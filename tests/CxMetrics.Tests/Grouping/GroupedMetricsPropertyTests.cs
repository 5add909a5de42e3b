using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>FsCheck properties of grouped compute and of the accumulator; each takes a seed that builds the random data (replayable).</summary>
public class GroupedMetricsPropertyTests
{
    private static readonly TimeZoneInfo[] Zones =
    [
        TimeZoneInfo.Utc,
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
        TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe"),
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu"),
    ];

    internal static GroupingOptions RandomGrouping(int seed, bool fcr = false, bool approximate = false)
    {
        var r = new Random(seed ^ 0x5eed);
        var all = new List<GroupKey> { GroupKey.Channel, GroupKey.Agent, GroupKey.Team, GroupKey.Priority };
        r.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all));
        return new GroupingOptions
        {
            Keys = all.Take(r.Next(0, 4)).ToArray(),
            Period = (PeriodUnit)r.Next(0, 4),
            TimeZone = Zones[r.Next(Zones.Length)],
            FcrWindow = fcr ? TimeSpan.FromHours(r.Next(1, 200)) : null,
            ApproximatePercentiles = approximate,
        };
    }

    [Property(MaxTest = 60)]
    public void GroupedMetrics_Compute_EachGroupEqualsCoreComputeOnItsRows(int seed)
    {
        var rows = Math.Abs(seed % 300);
        var batch = GroupingTestData.Random(seed, rows);
        var grouping = RandomGrouping(seed);
        var result = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, grouping);

        Assert.Equal(InteractionMetrics.Compute(batch, GroupingTestData.Metrics), result.Overall);

        // The naive grouping: a dictionary of row lists by (key texts, period label).
        var expected = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows; i++)
        {
            var texts = grouping.Keys.Select(k => GroupingTestData.KeyText(batch, k, i) ?? "\0null").ToList();
            texts.Add(GroupingTestData.PeriodLabel(batch, grouping, i) ?? "\0null");
            var id = string.Join("\u0001", texts);
            if (!expected.TryGetValue(id, out var list))
            {
                expected[id] = list = [];
            }

            list.Add(i);
        }

        if (grouping.Keys.Count == 0 && grouping.Period == PeriodUnit.None)
        {
            Assert.Empty(result.Groups);
            return;
        }

        Assert.Equal(expected.Count, result.Groups.Count);
        foreach (var group in result.Groups)
        {
            var texts = group.Keys.Select(k => k ?? "\0null").ToList();
            texts.Add(group.Period ?? "\0null");
            var id = string.Join("\u0001", texts);
            Assert.True(expected.TryGetValue(id, out var list), $"unexpected group {GroupingTestData.Describe(group)}");
            var core = InteractionMetrics.Compute(GroupingTestData.Select(batch, list!), GroupingTestData.Metrics);
            Assert.True(core == group.Metrics, $"group {GroupingTestData.Describe(group)}:\ncore {core}\n!=\ngrouped {group.Metrics}");
        }

        // Ordered by key tuple: null first, then ordinal; then period (labels sort like time within one unit, null first).
        for (var i = 1; i < result.Groups.Count; i++)
        {
            Assert.True(Compare(result.Groups[i - 1], result.Groups[i]) < 0, $"{GroupingTestData.Describe(result.Groups[i - 1])} before {GroupingTestData.Describe(result.Groups[i])}");
        }
    }

    private static int Compare(MetricsGroup a, MetricsGroup b)
    {
        for (var j = 0; j < a.Keys.Count; j++)
        {
            var c = CompareNullFirst(a.Keys[j], b.Keys[j]);
            if (c != 0)
            {
                return c;
            }
        }

        return CompareNullFirst(a.Period, b.Period);
    }

    private static int CompareNullFirst(string? a, string? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : string.CompareOrdinal(a, b);

    [Property(MaxTest = 40)]
    public void MetricsAccumulator_AddTwoBatches_EqualsAddConcatenation(int seed)
    {
        var a = GroupingTestData.Random(seed, Math.Abs(seed % 150), shuffleDictionaries: true);
        var b = GroupingTestData.Random(seed + 1, Math.Abs((seed / 7) % 150), shuffleDictionaries: true);
        var grouping = RandomGrouping(seed, fcr: seed % 2 == 0);
        using var two = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        two.Add(a);
        two.Add(b);
        using var concatenated = GroupingTestData.Concat(a, b);
        using var one = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        one.Add(concatenated);
        GroupingTestData.AssertEqual(one.Result(), two.Result());
    }

    [Property(MaxTest = 30)]
    public void MetricsAccumulator_Merge_AssociativeCommutativeWithEmptyIdentity(int seed)
    {
        var grouping = RandomGrouping(seed, fcr: seed % 3 == 0, approximate: seed % 5 == 0);
        var batches = new[]
        {
            GroupingTestData.Random(seed, Math.Abs(seed % 100), shuffleDictionaries: true),
            GroupingTestData.Random(seed + 1, Math.Abs((seed / 3) % 100), shuffleDictionaries: true),
            GroupingTestData.Random(seed + 2, Math.Abs((seed / 5) % 100), shuffleDictionaries: true),
        };

        MetricsAccumulator Of(int i)
        {
            var acc = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
            acc.Add(batches[i]);
            return acc;
        }

        // (a + b) + c
        var left = Of(0);
        left.Merge(Of(1));
        left.Merge(Of(2));
        // a + (b + c)
        var bc = Of(1);
        bc.Merge(Of(2));
        var right = Of(0);
        right.Merge(bc);
        // c + b + a
        var reversed = Of(2);
        reversed.Merge(Of(1));
        reversed.Merge(Of(0));
        // empty + a + empty
        var empty = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        empty.Merge(Of(0));
        empty.Merge(new MetricsAccumulator(GroupingTestData.Metrics, grouping));

        GroupingTestData.AssertEqual(left.Result(), right.Result());
        GroupingTestData.AssertEqual(left.Result(), reversed.Result());
        GroupingTestData.AssertEqual(Of(0).Result(), empty.Result());
    }

    [Property(MaxTest = 40)]
    public void MetricsAccumulator_SerializeDeserialize_IsIdentity(int seed)
    {
        var grouping = RandomGrouping(seed, fcr: seed % 2 == 0, approximate: seed % 3 == 0);
        using var acc = new MetricsAccumulator(GroupingTestData.Metrics, grouping);
        acc.Add(GroupingTestData.Random(seed, Math.Abs(seed % 200), shuffleDictionaries: true));
        acc.Add(GroupingTestData.Random(seed + 1, Math.Abs((seed / 11) % 50), shuffleDictionaries: true));
        var bytes = acc.Serialize();
        using var back = MetricsAccumulator.Deserialize(bytes, GroupingTestData.Metrics);
        GroupingTestData.AssertEqual(acc.Result(), back.Result());
        Assert.Equal(bytes, back.Serialize());
    }

    [Property(MaxTest = 30)]
    public void MetricsAccumulator_PermutedRows_SameResult(int seed)
    {
        var rows = Math.Abs(seed % 200);
        var batch = GroupingTestData.Random(seed, rows);
        var order = Enumerable.Range(0, rows).ToArray();
        new Random(seed).Shuffle(order);
        var grouping = RandomGrouping(seed, fcr: seed % 2 == 0);
        GroupingTestData.AssertEqual(
            GroupedMetrics.Compute(batch, GroupingTestData.Metrics, grouping),
            GroupedMetrics.Compute(GroupingTestData.Select(batch, order), GroupingTestData.Metrics, grouping));
    }
}
