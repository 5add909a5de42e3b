using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// The batch path without a group id per row (few dense cells: at most one key column, UTC periods, no percentile
/// values): rows are scattered into one record per dense cell and only the cells that got rows become groups. Every
/// group must still equal the core on its rows, on one thread and on several, across batches and with huge durations.
/// </summary>
public class CellScatterPropertyTests
{
    private static readonly GroupKey?[] Keys = [null, GroupKey.Channel, GroupKey.Agent, GroupKey.Team, GroupKey.Priority];

    /// <summary>With and without an SLA policy; every third seed with wider CSAT and CES scales (the cell records count the answers as pairs, laid out by scale).</summary>
    private static MetricOptions CountsAndMeans(int seed)
    {
        var metrics = (seed % 2 == 0 ? GroupingTestData.Metrics : MetricOptions.Default) with { IncludePercentiles = false };
        return Math.Abs(seed % 3) == 2
            ? metrics with { Csat = new CsatOptions { ScaleMin = 0, ScaleMax = 10, SatisfiedThreshold = 9 }, Ces = new CesOptions { ScaleMin = 1, ScaleMax = 10, EasyThreshold = 8 } }
            : metrics;
    }

    private static GroupingOptions FewCells(int seed)
    {
        var key = Keys[Math.Abs(seed % Keys.Length)];
        return new GroupingOptions
        {
            Keys = key is null ? [] : [key.Value],
            Period = (PeriodUnit)(Math.Abs(seed / Keys.Length) % 4),
        };
    }

    /// <summary>Each group equals the core on its rows; the overall equals the core on the batch (1, 2 and 3 threads).</summary>
    [Property(MaxTest = 60)]
    public void MetricsAccumulator_FewCellsWithoutPercentiles_EachGroupEqualsCore(int seed)
    {
        var rows = Math.Abs(seed % 700);
        var batch = GroupingTestData.Random(seed, rows, shuffleDictionaries: seed % 3 == 0);
        var grouping = FewCells(seed);
        var metrics = CountsAndMeans(seed);
        foreach (var threads in new[] { 1, 2, 3 })
        {
            using var accumulator = new MetricsAccumulator(metrics, grouping);
            accumulator.AddOnThreads(batch, threads, minRowsPerThread: 16, rangeSamples: RangeSamples(seed));
            AssertEachGroupEqualsCore(batch, grouping, metrics, accumulator.Result());
        }
    }

    /// <summary>
    /// How many rows the opened_at range is guessed from: so few that rows often fall outside the guess (the scatter stops
    /// and starts again from the exact range), the default, or never guessed.
    /// </summary>
    private static int RangeSamples(int seed) => (Math.Abs(seed) % 4) switch { 0 => 2, 1 => 3, 2 => MetricsAccumulator.RangeSamples, _ => 0 };

    /// <summary>Any column may be absent: the cell path reads the missing ones as all-missing, as the core does.</summary>
    [Property(MaxTest = 30)]
    public void MetricsAccumulator_FewCellsAbsentColumns_EachGroupEqualsCore(int seed)
    {
        var batch = CompactStateTests.WithoutSomeColumns(GroupingTestData.Random(seed, 100 + Math.Abs(seed % 500)), seed);
        var grouping = FewCells(seed);
        var metrics = CountsAndMeans(seed);
        using var accumulator = new MetricsAccumulator(metrics, grouping);
        accumulator.AddOnThreads(batch, 1 + Math.Abs(seed % 3), minRowsPerThread: 16, rangeSamples: RangeSamples(seed));
        AssertEachGroupEqualsCore(batch, grouping, metrics, accumulator.Result());
    }

    /// <summary>Later batches add to groups made by earlier ones (other dictionaries, other periods): equal to one shot over all rows.</summary>
    [Property(MaxTest = 30)]
    public void MetricsAccumulator_FewCellsSeveralBatches_EqualsCoreOnAllRows(int seed)
    {
        var a = GroupingTestData.Random(seed, Math.Abs(seed % 300), shuffleDictionaries: true);
        var b = GroupingTestData.Random(seed + 1, 200, shuffleDictionaries: true, spanDays: 90);
        var grouping = FewCells(seed);
        var metrics = CountsAndMeans(seed);
        using var accumulator = new MetricsAccumulator(metrics, grouping);
        accumulator.Add(a);
        accumulator.AddOnThreads(b, 2, minRowsPerThread: 16, rangeSamples: RangeSamples(seed));
        accumulator.Add(a);
        AssertEachGroupEqualsCore(GroupingTestData.Concat(GroupingTestData.Concat(a, b), a), grouping, metrics, accumulator.Result());
    }

    /// <summary>Durations close to the largest: the groups' 64-bit sums would wrap, so the batch's sums are moved to the wide state row by row.</summary>
    [Property(MaxTest = 10)]
    public void MetricsAccumulator_FewCellsHugeDurations_EachGroupEqualsCore(int seed)
    {
        // About a third of the rows per team: thousands of handle times near 3 · 2^53 ticks pass 2^64 in one batch.
        var batch = CompactStateTests.WithHugeDurations(GroupingTestData.Random(seed, 6_000 + Math.Abs(seed % 3_000)), seed);
        var grouping = new GroupingOptions { Keys = [GroupKey.Team], Period = seed % 2 == 0 ? PeriodUnit.None : PeriodUnit.Month };
        var metrics = CountsAndMeans(seed);
        using var accumulator = new MetricsAccumulator(metrics, grouping);
        accumulator.AddOnThreads(batch, 1 + Math.Abs(seed % 3), minRowsPerThread: 64);
        accumulator.Add(batch);
        AssertEachGroupEqualsCore(GroupingTestData.Concat(batch, batch), grouping, metrics, accumulator.Result());
    }

    /// <summary>A key code outside its dictionary and a score off its scale give the same errors as the path with group ids per row.</summary>
    [Fact]
    public void MetricsAccumulator_FewCellsBadInput_SameErrorsAsWithPercentiles()
    {
        var b = GroupingTestData.Random(7, 500);
        var codes = b.Channel.Codes.ToArray();
        codes[321] = 99;
        var badKey = new InteractionBatch(b.Length) { Csat = b.Csat, OpenedAt = b.OpenedAt, Channel = new KeyColumn(codes, GroupingTestData.Channels) };
        var csat = b.Csat.ToArray();
        csat[123] = 9;
        var badScore = new InteractionBatch(b.Length) { Csat = csat, OpenedAt = b.OpenedAt, Channel = b.Channel };
        var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day };
        foreach (var batch in new[] { badKey, badScore })
        {
            foreach (var threads in new[] { 1, 3 })
            {
                using var withValues = new MetricsAccumulator(MetricOptions.Default, grouping);
                using var withoutValues = new MetricsAccumulator(MetricOptions.Default with { IncludePercentiles = false }, grouping);
                var expected = Assert.ThrowsAny<ArgumentException>(() => withValues.AddOnThreads(batch, threads, minRowsPerThread: 16));
                var actual = Assert.ThrowsAny<ArgumentException>(() => withoutValues.AddOnThreads(batch, threads, minRowsPerThread: 16));
                Assert.Equal(expected.Message, actual.Message);
                Assert.Contains(batch == badKey ? "row 321" : "123", actual.Message, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A batch of about 100,000 rows (far past the block kernel's blocks and the small batches of the properties): every group equals the core, on 1, 2 and 3 threads.</summary>
    [Fact]
    public void MetricsAccumulator_FewCellsManyChunks_EachGroupEqualsCore()
    {
        var batch = GroupingTestData.Random(11, (3 * 32_768) + 1_234, spanDays: 60);
        var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Month };
        var metrics = GroupingTestData.Metrics with { IncludePercentiles = false };
        foreach (var threads in new[] { 1, 2, 3 })
        {
            using var accumulator = new MetricsAccumulator(metrics, grouping);
            accumulator.AddOnThreads(batch, threads, minRowsPerThread: 16);
            AssertEachGroupEqualsCore(batch, grouping, metrics, accumulator.Result());
        }
    }

    /// <summary>Bad key codes and scores far into a large batch, on any thread's run (and both in one batch: the key code is reported first, as on the other path), give the same errors as the path with group ids per row.</summary>
    [Fact]
    public void MetricsAccumulator_FewCellsBadInputInLaterChunks_SameErrorsAsWithPercentiles()
    {
        var b = GroupingTestData.Random(13, 100_000);
        KeyColumn Channel(int badRow)
        {
            var codes = b.Channel.Codes.ToArray();
            codes[badRow] = 99;
            return new KeyColumn(codes, GroupingTestData.Channels);
        }

        byte[] Csat(int badRow)
        {
            var csat = b.Csat.ToArray();
            csat[badRow] = 9;
            return csat;
        }

        var cases = new (InteractionBatch Batch, string Expected)[]
        {
            (new InteractionBatch(b.Length) { Csat = b.Csat, OpenedAt = b.OpenedAt, Channel = Channel(80_000) }, "row 80000"),
            (new InteractionBatch(b.Length) { Csat = Csat(90_000), OpenedAt = b.OpenedAt, Channel = b.Channel }, "90000"),
            (new InteractionBatch(b.Length) { Csat = Csat(40_000), OpenedAt = b.OpenedAt, Channel = Channel(95_000) }, "row 95000"),
        };
        var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day };
        foreach (var (batch, text) in cases)
        {
            foreach (var threads in new[] { 1, 2, 3 })
            {
                using var withValues = new MetricsAccumulator(MetricOptions.Default, grouping);
                using var withoutValues = new MetricsAccumulator(MetricOptions.Default with { IncludePercentiles = false }, grouping);
                var expected = Assert.ThrowsAny<ArgumentException>(() => withValues.AddOnThreads(batch, threads, minRowsPerThread: 16));
                var actual = Assert.ThrowsAny<ArgumentException>(() => withoutValues.AddOnThreads(batch, threads, minRowsPerThread: 16));
                Assert.Equal(expected.Message, actual.Message);
                Assert.Contains(text, actual.Message, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A bad score in the last row of a thread's run, or of the batch (each thread checks its own run's scores): the same error as the path with group ids per row.</summary>
    [Theory]
    [InlineData(1, 499)]
    [InlineData(2, 249)]
    [InlineData(2, 250)]
    [InlineData(3, 166)]
    [InlineData(3, 333)]
    [InlineData(3, 499)]
    public void MetricsAccumulator_FewCellsBadScoreAtARunEdge_SameErrorAsWithPercentiles(int threads, int row)
    {
        var b = GroupingTestData.Random(17, 500);
        var ces = b.Ces.ToArray();
        ces[row] = 0; // CES is 1..7
        var batch = new InteractionBatch(b.Length) { Ces = ces, OpenedAt = b.OpenedAt, Channel = b.Channel };
        var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day };
        using var withValues = new MetricsAccumulator(MetricOptions.Default, grouping);
        using var withoutValues = new MetricsAccumulator(MetricOptions.Default with { IncludePercentiles = false }, grouping);
        var expected = Assert.ThrowsAny<ArgumentException>(() => withValues.AddOnThreads(batch, threads, minRowsPerThread: 16));
        var actual = Assert.ThrowsAny<ArgumentException>(() => withoutValues.AddOnThreads(batch, threads, minRowsPerThread: 16));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Contains(row.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.Message, StringComparison.Ordinal);
    }

    private static void AssertEachGroupEqualsCore(InteractionBatch batch, GroupingOptions grouping, MetricOptions metrics, GroupedMetrics result)
    {
        Assert.Equal(InteractionMetrics.Compute(batch, metrics), result.Overall);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Length; i++)
        {
            expected.Add(string.Join("|", grouping.Keys.Select(k => GroupingTestData.KeyText(batch, k, i) ?? "<null>")) + "|" + (GroupingTestData.PeriodLabel(batch, grouping, i) ?? "<null>"));
        }

        if (grouping.Keys.Count == 0 && grouping.Period == PeriodUnit.None)
        {
            Assert.Empty(result.Groups);
            return;
        }

        Assert.Equal(expected.Count, result.Groups.Count);
        foreach (var group in result.Groups)
        {
            var mine = Enumerable.Range(0, batch.Length)
                .Where(i => grouping.Keys.Select(k => GroupingTestData.KeyText(batch, k, i)).SequenceEqual(group.Keys)
                    && GroupingTestData.PeriodLabel(batch, grouping, i) == group.Period)
                .ToList();
            Assert.NotEmpty(mine);
            var core = InteractionMetrics.Compute(GroupingTestData.Select(batch, mine), metrics);
            Assert.True(core == group.Metrics, $"group {GroupingTestData.Describe(group)}:\ncore {core}\n!=\ngrouped {group.Metrics}");
        }
    }
}
