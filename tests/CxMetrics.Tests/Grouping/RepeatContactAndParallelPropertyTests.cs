using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

public class RepeatContactAndParallelPropertyTests
{
    [Property(MaxTest = 60)]
    public void MetricsAccumulator_RepeatContactFcr_MatchesNaiveQuadraticReference(int seed)
    {
        var rows = Math.Abs(seed % 120);
        var r = new Random(seed);
        var batch = GroupingTestData.Random(seed, rows, customers: 1 + r.Next(8), spanDays: 1 + r.Next(20));
        var grouping = GroupedMetricsPropertyTests.RandomGrouping(seed, fcr: true) with { TimeZone = TimeZoneInfo.Utc };
        var window = grouping.FcrWindow!.Value.Ticks;
        var result = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, grouping);

        // Naive: latest over every row; for each contact with customer and time, look at every other row.
        var opened = batch.OpenedAt.Span.ToArray();
        var latest = opened.Where(t => t >= 0).DefaultIfEmpty(long.MinValue).Max();
        var known = new Dictionary<string, (long Resolved, long Known, long Censored)>();
        (long Resolved, long Known, long Censored) overall = default;
        for (var i = 0; i < rows; i++)
        {
            var customer = batch.Customer.GetText(i);
            var t = opened[i];
            if (customer is null || t < 0)
            {
                continue;
            }

            var id = string.Join("\u0001", grouping.Keys.Select(k => GroupingTestData.KeyText(batch, k, i) ?? "\0null")) + "\u0001" + (GroupingTestData.PeriodLabel(batch, grouping, i) ?? "\0null");
            known.TryGetValue(id, out var c);
            if (t + window > latest)
            {
                c.Censored++;
                overall.Censored++;
            }
            else
            {
                var repeated = false;
                for (var j = 0; j < rows; j++)
                {
                    if (j != i && batch.Customer.GetText(j) == customer && opened[j] > t && opened[j] <= t + window)
                    {
                        repeated = true;
                    }
                }

                c.Known++;
                overall.Known++;
                if (!repeated)
                {
                    c.Resolved++;
                    overall.Resolved++;
                }
            }

            known[id] = c;
        }

        Assert.Equal(overall.Known, result.Overall.Fcr.Known);
        Assert.Equal(overall.Resolved, result.Overall.Fcr.Resolved);
        Assert.Equal(overall.Censored, result.Overall.Fcr.Censored);
        foreach (var group in result.Groups)
        {
            var id = string.Join("\u0001", group.Keys.Select(k => k ?? "\0null")) + "\u0001" + (group.Period ?? "\0null");
            known.TryGetValue(id, out var c);
            Assert.Equal(c.Known, group.Metrics.Fcr.Known);
            Assert.Equal(c.Resolved, group.Metrics.Fcr.Resolved);
            Assert.Equal(c.Censored, group.Metrics.Fcr.Censored);
        }
    }

    [Property(MaxTest = 25)]
    public void GroupedMetrics_Parallel_EqualsSequential(int seed)
    {
        // FsCheck's seeds are small: spread them so batches are large enough (≥ 2 × 64 rows) to be split.
        var rows = (int)(Math.Abs((long)seed * 7919) % 3000) + (seed % 5 == 0 ? 0 : 200);
        var batch = GroupingTestData.Random(seed, rows);
        var grouping = GroupedMetricsPropertyTests.RandomGrouping(seed, fcr: seed % 2 == 0, approximate: seed % 3 == 0);
        var sequential = ParallelGrouping.Compute(batch, GroupingTestData.Metrics, grouping, cores: 1);
        foreach (var cores in new[] { 2, 3, 7 })
        {
            // Threads split the rows (copies of the records, added) or the groups (each visits its groups' rows).
            var byRows = ParallelGrouping.Compute(batch, GroupingTestData.Metrics, grouping, cores, minRowsPerChunk: 64, sharedRecordBytes: long.MaxValue);
            GroupingTestData.AssertEqual(sequential, byRows);
            var byGroups = ParallelGrouping.Compute(batch, GroupingTestData.Metrics, grouping, cores, minRowsPerChunk: 64, sharedRecordBytes: 0);
            GroupingTestData.AssertEqual(sequential, byGroups);
        }
    }
}
