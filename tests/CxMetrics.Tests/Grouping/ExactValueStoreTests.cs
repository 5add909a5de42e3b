using CxMetrics.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// The chunked store of exact percentile values against a plain list per group: batches of random groups with small
/// chunks (runs cross chunks), consolidation, copy, move and the serialization walk.
/// </summary>
public class ExactValueStoreTests
{
    /// <summary>Batches as (group, value) pairs; many groups with few values each, so the store consolidates.</summary>
    public static Arbitrary<(int Groups, (int Group, long Value)[][] Batches)> Batches() => Arb.From(
        from groups in Gen.Frequency((2, Gen.Choose(1, 4)), (3, Gen.Choose(5, 400)))
        from batchCount in Gen.Choose(0, 12)
        from seed in Gen.Choose(0, int.MaxValue)
        select (groups, MakeBatches(groups, batchCount, seed)));

    private static (int Group, long Value)[][] MakeBatches(int groups, int batchCount, int seed)
    {
        var random = new Random(seed);
        var batches = new (int, long)[batchCount][];
        for (var b = 0; b < batchCount; b++)
        {
            batches[b] = new (int, long)[random.Next(0, 700)];
            for (var i = 0; i < batches[b].Length; i++)
            {
                batches[b][i] = (random.Next(groups), random.Next(4) == 0 ? random.Next(0, 3) : random.NextInt64(0, Durations.MaxTicks));
            }
        }

        return batches;
    }

    /// <summary>Adds a batch the way the accumulator does: values laid out group after group, one slack slot after each.</summary>
    private static void Add(ExactValueStore store, int groups, (int Group, long Value)[] batch)
    {
        var count = new int[groups];
        foreach (var (g, _) in batch)
        {
            count[g]++;
        }

        var start = new int[groups];
        var touched = new List<int>();
        var total = 0;
        for (var g = 0; g < groups; g++)
        {
            if (count[g] > 0 || g % 3 == 0) // touched groups may have no value of this metric
            {
                touched.Add(g);
                start[g] = total;
                total += count[g] + 1;
            }
        }

        var values = new long[total];
        var position = (int[])start.Clone();
        foreach (var (g, v) in batch)
        {
            values[position[g]++] = v;
        }

        store.AddBatch(values, touched.ToArray(), start, count);
    }

    private static (double? P50, double? P90) Oracle(IEnumerable<long> values)
    {
        var array = values.ToArray();
        return ExactPercentiles.P50P90(array);
    }

    private static void AssertHolds(ExactValueStore store, int groups, IEnumerable<(int Group, long Value)> rows)
    {
        var byGroup = rows.ToLookup(r => r.Group, r => r.Value);
        var (overall, perGroup) = store.Percentiles(groups);
        Assert.Equal(Oracle(rows.Select(r => r.Value)), overall);
        for (var g = 0; g < groups; g++)
        {
            Assert.Equal(Oracle(byGroup[g]), perGroup[g]);
        }

        Assert.Equal(byGroup.Sum(g => g.Count()), store.TotalValues());
        var seen = new List<int>();
        store.ForEachGroup(groups, (g, values) =>
        {
            seen.Add(g);
            Assert.Equal(byGroup[g].Order(), values.ToArray().Order());
        });
        Assert.Equal(Enumerable.Range(0, groups).Where(g => byGroup[g].Any()), seen);
    }

    [Property(Arbitrary = [typeof(ExactValueStoreTests)], MaxTest = 150)]
    public void ExactValueStore_EveryGroupAndOverall_EqualTheValuesAdded((int Groups, (int Group, long Value)[][] Batches) input, bool consolidateAtEnd)
    {
        var (groups, batches) = input;
        using var store = new ExactValueStore(chunkShift: 6);
        foreach (var batch in batches)
        {
            Add(store, groups, batch);
        }

        if (consolidateAtEnd)
        {
            store.Consolidate();
        }

        // Consolidation bounds the runs: after it, one per group; since, at most twice that (at least 128) or an eighth of the values, plus one batch.
        var total = store.TotalValues();
        Assert.True(store.RunCount <= Math.Max(2 * Math.Max(groups, 64), total / 8) + 700, $"{store.RunCount} runs for {total} values");
        AssertHolds(store, groups, batches.SelectMany(b => b));
        AssertHolds(store, groups, batches.SelectMany(b => b)); // percentiles leave the values as they were
    }

    [Property(Arbitrary = [typeof(ExactValueStoreTests)], MaxTest = 100)]
    public void ExactValueStore_CopyAndMove_MapGroupsAndKeepEveryValue((int Groups, (int Group, long Value)[][] Batches) input, bool move, bool intoEmpty)
    {
        var (groups, batches) = input;
        var half = batches.Length / 2;
        using var a = new ExactValueStore(chunkShift: 4);
        using var b = new ExactValueStore(chunkShift: 7);
        if (!intoEmpty)
        {
            foreach (var batch in batches[..half])
            {
                Add(a, groups, batch);
            }
        }

        foreach (var batch in batches[half..])
        {
            Add(b, groups, batch);
        }

        // b's group g is a's group groups - 1 - g.
        var map = Enumerable.Range(0, groups).Select(g => groups - 1 - g).ToArray();
        if (move)
        {
            a.MoveFrom(b, map);
            Assert.Equal(0, b.TotalValues());
            Assert.Equal(0, b.RunCount);
        }
        else
        {
            a.CopyFrom(b, map);
            AssertHolds(b, groups, batches[half..].SelectMany(x => x));
        }

        var expected = (intoEmpty ? [] : batches[..half].SelectMany(x => x))
            .Concat(batches[half..].SelectMany(x => x).Select(r => (groups - 1 - r.Group, r.Value)));
        AssertHolds(a, groups, expected);
    }

    [Fact]
    public void ExactValueStore_ManyGroupsFewValuesEach_Consolidates()
    {
        // 1,000 batches of 1,000 groups with one value each: without consolidation, one run per value.
        const int Groups = 1000;
        using var store = new ExactValueStore();
        var rows = new List<(int, long)>();
        for (var b = 0; b < 1000; b++)
        {
            var batch = Enumerable.Range(0, Groups).Select(g => (g, (long)((b * 7919) + g) % 100_003)).ToArray();
            rows.AddRange(batch);
            Add(store, Groups, batch);
        }

        Assert.InRange(store.RunCount, Groups, 1_000_000 / 8);
        AssertHolds(store, Groups, rows);
    }
}
