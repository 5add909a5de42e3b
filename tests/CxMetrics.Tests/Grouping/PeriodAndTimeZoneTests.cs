namespace CxMetrics.Tests.Grouping;

/// <summary>Period labels at ISO week and month boundaries and across a daylight-saving switch.</summary>
public class PeriodAndTimeZoneTests
{
    private static GroupedMetrics GroupAt(PeriodUnit unit, TimeZoneInfo zone, params DateTime[] utc)
    {
        var opened = utc.Select(t => t.Ticks).ToArray();
        var batch = new InteractionBatch(opened.Length) { OpenedAt = opened };
        return GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions { Period = unit, TimeZone = zone });
    }

    private static string? Label(PeriodUnit unit, DateTime utc, TimeZoneInfo? zone = null) =>
        Assert.Single(GroupAt(unit, zone ?? TimeZoneInfo.Utc, utc).Groups).Period;

    private static DateTime U(int y, int m, int d, int h = 12, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2026, 12, 31, "2026-W53")] // Thursday: 2026 has 53 weeks
    [InlineData(2027, 1, 1, "2026-W53")]
    [InlineData(2027, 1, 3, "2026-W53")] // Sunday ends week 53
    [InlineData(2027, 1, 4, "2027-W01")] // Monday starts week 1
    [InlineData(2021, 1, 3, "2020-W53")]
    [InlineData(2021, 1, 4, "2021-W01")]
    [InlineData(2024, 12, 30, "2025-W01")] // a Monday in December that belongs to the next ISO year
    [InlineData(2026, 10, 5, "2026-W41")]
    [InlineData(2026, 10, 11, "2026-W41")]
    [InlineData(2026, 10, 12, "2026-W42")]
    public void GroupedMetrics_Week_IsoWeekAndWeekYear(int y, int m, int d, string expected) =>
        Assert.Equal(expected, Label(PeriodUnit.Week, U(y, m, d)));

    [Fact]
    public void GroupedMetrics_DayAndMonth_Labels() 
    {
        Assert.Equal("2026-10-05", Label(PeriodUnit.Day, U(2026, 10, 5)));
        Assert.Equal("2026-10", Label(PeriodUnit.Month, U(2026, 10, 31, 23, 59)));
        Assert.Equal("2026-11", Label(PeriodUnit.Month, U(2026, 11, 1, 0, 0)));
        Assert.Equal("2028-02", Label(PeriodUnit.Month, U(2028, 2, 29, 23, 59)));
        Assert.Equal("2028-02-29", Label(PeriodUnit.Day, U(2028, 2, 29, 23, 59)));
        Assert.Equal("2027-12", Label(PeriodUnit.Month, U(2027, 12, 31, 23, 59)));
    }

    [Fact]
    public void GroupedMetrics_MonthEnd_InTimeZone_MovesToNextMonth()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        // 2026-10-31T15:30Z is 2026-11-01T00:30 in Tokyo (UTC+9).
        Assert.Equal("2026-11", Label(PeriodUnit.Month, U(2026, 10, 31, 15, 30), tokyo));
        Assert.Equal("2026-10", Label(PeriodUnit.Month, U(2026, 10, 31, 14, 59), tokyo));
    }

    [Fact]
    public void GroupedMetrics_DaylightSavingSwitch_EuropeBerlin()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // 2026-10-25: clocks go back at 01:00 UTC (03:00 CEST -> 02:00 CET).
        var result = GroupAt(PeriodUnit.Day, berlin,
            U(2026, 10, 24, 21, 59), // 23:59 CEST on the 24th
            U(2026, 10, 24, 22, 0),  // 00:00 CEST on the 25th
            U(2026, 10, 25, 0, 59),  // 02:59 CEST
            U(2026, 10, 25, 1, 0),   // 02:00 CET (after the switch)
            U(2026, 10, 25, 22, 59), // 23:59 CET on the 25th
            U(2026, 10, 25, 23, 0)); // 00:00 CET on the 26th
        Assert.Equal(["2026-10-24", "2026-10-25", "2026-10-26"], result.Groups.Select(g => g.Period));
        Assert.Equal([1L, 4, 1], result.Groups.Select(g => g.Metrics.Contacts));
        // In UTC the same instants fall on the 24th (2) and the 25th (4).
        var utc = GroupAt(PeriodUnit.Day, TimeZoneInfo.Utc, U(2026, 10, 24, 21, 59), U(2026, 10, 24, 22, 0), U(2026, 10, 25, 0, 59), U(2026, 10, 25, 1, 0), U(2026, 10, 25, 22, 59), U(2026, 10, 25, 23, 0));
        Assert.Equal([2L, 4], utc.Groups.Select(g => g.Metrics.Contacts));
    }

    [Fact]
    public void GroupedMetrics_SpringForward_EuropeBerlin()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // 2026-03-29: 01:00 UTC, 02:00 CET -> 03:00 CEST. 22:30Z on the 29th is 00:30 CEST on the 30th.
        var result = GroupAt(PeriodUnit.Day, berlin, U(2026, 3, 28, 23, 30), U(2026, 3, 29, 0, 59), U(2026, 3, 29, 1, 0), U(2026, 3, 29, 21, 59), U(2026, 3, 29, 22, 30));
        Assert.Equal(["2026-03-29", "2026-03-30"], result.Groups.Select(g => g.Period));
        Assert.Equal([4L, 1], result.Groups.Select(g => g.Metrics.Contacts));
    }

    [Fact]
    public void GroupedMetrics_UnknownOpenedAt_NullPeriodFirst()
    {
        var batch = new InteractionBatch(3) { OpenedAt = new long[] { U(2026, 1, 2).Ticks, Missing.Instant, U(2026, 1, 1).Ticks } };
        var result = GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions { Period = PeriodUnit.Day });
        Assert.Equal([null, "2026-01-01", "2026-01-02"], result.Groups.Select(g => g.Period));
    }

    [Fact]
    public void GroupedMetrics_Keys_NullFirstThenOrdinal()
    {
        var batch = new InteractionBatch(5) { Channel = new KeyColumn(new[] { 0, 1, 2, Missing.Key, 3 }, ["chat", "Chat", "b", "é"]) };
        var result = GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions { Keys = [GroupKey.Channel] });
        Assert.Equal([null, "Chat", "b", "chat", "é"], result.Groups.Select(g => g.Keys[0]));
    }

    [Fact]
    public void MetricsAccumulator_BadKeyCode_ThrowsArgumentException()
    {
        var batch = new InteractionBatch(2) { Channel = new KeyColumn(new[] { 0, 5 }, ["chat"]) };
        using var acc = new MetricsAccumulator(MetricOptions.Default, new GroupingOptions { Keys = [GroupKey.Channel] });
        var e = Assert.Throws<ArgumentException>(() => acc.Add(batch));
        Assert.Contains("code 5 at row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelGrouping_BadKeyCodes_ReportTheFirstBadRowWhateverTheThreads()
    {
        // Two bad codes in different threads' runs: every split names the first one, as one thread does.
        var codes = new int[1000];
        codes[700] = 9;
        codes[300] = 7;
        var batch = new InteractionBatch(codes.Length) { Channel = new KeyColumn(codes, ["chat"]), OpenedAt = new long[codes.Length] };
        var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Day };
        foreach (var cores in new[] { 1, 2, 3, 7 })
        {
            var e = Assert.Throws<ArgumentException>(() => CxMetrics.Internal.ParallelGrouping.Compute(batch, MetricOptions.Default, grouping, cores, minRowsPerChunk: 64));
            Assert.Contains("code 7 at row 300", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ParallelGrouping_BadKeyCodesInChunksOfBothThreads_ReportTheFirstBadRow()
    {
        // The threads take chunks of rows as they go (RowChunks): both find bad codes from row 100,000 on, and one of
        // them also row 50,000, which must be named whichever thread took it (repeated: the split changes from call to call).
        var codes = new int[200_000];
        codes[50_000] = 9;
        codes.AsSpan(100_000).Fill(8);
        var batch = new InteractionBatch(codes.Length) { Channel = new KeyColumn(codes, ["chat"]), OpenedAt = new long[codes.Length] };
        foreach (var period in new[] { PeriodUnit.Day, PeriodUnit.None })
        {
            var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = period };
            var metrics = MetricOptions.Default with { IncludePercentiles = period == PeriodUnit.None };
            for (var repeat = 0; repeat < 20; repeat++)
            {
                var e = Assert.Throws<ArgumentException>(() => CxMetrics.Internal.ParallelGrouping.Compute(batch, metrics, grouping, 2, minRowsPerChunk: 64));
                Assert.Contains("code 9 at row 50000", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void MetricsAccumulator_ScoreOutOfScale_ThrowsCoreErrorAndLeavesStateUnchanged()
    {
        var batch = new InteractionBatch(3) { Channel = new KeyColumn(new[] { 0, 0, 0 }, ["chat"]), Csat = new byte[] { 5, Missing.Score, 9 } };
        using var acc = new MetricsAccumulator(MetricOptions.Default, new GroupingOptions { Keys = [GroupKey.Channel] });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(batch));
        Assert.Contains("csat[2] = 9", e.Message, StringComparison.Ordinal);

        // Scores are checked before the batch's groups are created: the accumulator is still empty and usable.
        var result = acc.Result();
        Assert.Empty(result.Groups);
        Assert.Equal(0, result.Overall.Contacts);
        var flags = new InteractionBatch(2) { FirstContactResolved = new byte[] { 1, 2 } };
        using var other = new MetricsAccumulator(MetricOptions.Default, new GroupingOptions { Period = PeriodUnit.Day });
        Assert.Contains("fcr[1] = 2", Assert.Throws<ArgumentOutOfRangeException>(() => other.Add(flags)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupingOptions_Invalid_Throw()
    {
        Assert.Throws<ArgumentException>(() => new MetricsAccumulator(MetricOptions.Default, new GroupingOptions { Keys = [GroupKey.Agent, GroupKey.Agent] }));
        Assert.Throws<ArgumentException>(() => new MetricsAccumulator(MetricOptions.Default, new GroupingOptions { FcrWindow = TimeSpan.Zero }));
    }
}
