using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// <see cref="GroupIndex"/> (the accumulator's coordinates → group id lookup) must answer exactly as a dictionary of
/// the groups added so far: in table mode (at most one key column) while its extents grow, after it turns into a
/// dictionary (a table past <see cref="GroupIndex.DenseCellLimit"/> cells), and in dictionary mode from the start.
/// </summary>
public class GroupIndexTests
{
    /// <summary>Random distinct coordinates added in random order, some with huge key or period indices; every lookup agrees with a reference dictionary.</summary>
    [Property(MaxTest = 200)]
    public void GroupIndex_AnyAddOrder_AnswersAsADictionary(int seed)
    {
        var random = new Random(seed);
        var dense = seed % 4 != 0;
        var keys = random.Next(1, 600);
        var periods = random.Next(1, 400);
        using var groups = new PooledList<GroupCoordinates>();
        var index = new GroupIndex(groups, dense);
        var reference = new Dictionary<GroupCoordinates, int>();
        var adds = random.Next(0, 1500);
        for (var a = 0; a < adds; a++)
        {
            // Now and then a far index (a large dictionary or many periods), which can push the table past its limit.
            var k = random.Next(10) == 0 ? random.Next(-1, 50_000) : random.Next(-1, keys);
            var p = random.Next(10) == 0 ? random.Next(-1, 3_000) : random.Next(-1, periods);
            var c = new GroupCoordinates(k, -1, -1, -1, p);
            Assert.Equal(reference.TryGetValue(c, out var expected), index.TryGet(c, out var found));
            if (reference.ContainsKey(c))
            {
                Assert.Equal(expected, found);
                continue;
            }

            reference.Add(c, groups.Count);
            groups.Add(c);
            index.AddNext(c);
            Assert.Equal(groups.Count, index.Count);
        }

        foreach (var (c, g) in reference)
        {
            Assert.True(index.TryGet(c, out var found));
            Assert.Equal(g, found);
        }

        // Coordinates never added, inside and outside the table's extents.
        for (var q = 0; q < 200; q++)
        {
            var c = new GroupCoordinates(random.Next(-1, 60_000), -1, -1, -1, random.Next(-1, 4_000));
            Assert.Equal(reference.ContainsKey(c), index.TryGet(c, out _));
        }
    }

    /// <summary>Groups appended to the list before the index catches up (the accumulator's first batch) are found once added.</summary>
    [Property(MaxTest = 50)]
    public void GroupIndex_CatchingUp_FindsEveryGroup(int seed)
    {
        var random = new Random(seed);
        using var groups = new PooledList<GroupCoordinates>();
        var index = new GroupIndex(groups, dense: true);
        var n = random.Next(0, 500);
        var seen = new HashSet<GroupCoordinates>();
        while (groups.Count < n)
        {
            var c = new GroupCoordinates(random.Next(-1, 300), -1, -1, -1, random.Next(-1, 120));
            if (seen.Add(c))
            {
                groups.Add(c);
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            index.AddNext(groups[g]);
        }

        for (var g = 0; g < groups.Count; g++)
        {
            Assert.True(index.TryGet(groups[g], out var found));
            Assert.Equal(g, found);
        }
    }

    /// <summary>A table that would pass the limit becomes a dictionary and keeps every group.</summary>
    [Xunit.Fact]
    public void GroupIndex_PastTheCellLimit_BecomesADictionary()
    {
        using var groups = new PooledList<GroupCoordinates>();
        var index = new GroupIndex(groups, dense: true);
        GroupCoordinates[] all = [new(0, -1, -1, -1, 0), new(5, -1, -1, -1, 7), new(-1, -1, -1, -1, -1), new(GroupIndex.DenseCellLimit, -1, -1, -1, 3), new(2, -1, -1, -1, 1), new(int.MaxValue - 1, -1, -1, -1, int.MaxValue - 1)];
        foreach (var c in all)
        {
            groups.Add(c);
            index.AddNext(c);
        }

        for (var g = 0; g < all.Length; g++)
        {
            Assert.True(index.TryGet(all[g], out var found));
            Assert.Equal(g, found);
        }

        Assert.False(index.TryGet(new GroupCoordinates(5, -1, -1, -1, 6), out _));
    }
}
