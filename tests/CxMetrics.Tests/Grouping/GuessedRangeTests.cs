using System.Runtime.InteropServices;
using CxMetrics.Internal;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// The fused paths guess a batch's opened_at range from a sample of rows (<see cref="InstantRange.Guess"/>) instead of a
/// pass over the column, and check every row against it. A row the sample missed (an outlier years away, an instant above
/// DateTime's range) must give exactly what the exact range gives: the same groups and state, or the same error, with the
/// accumulator unchanged.
/// </summary>
public class GuessedRangeTests
{
    private const int Rows = 40_000;

    private static readonly GroupingOptions[] Groupings =
    [
        new() { Keys = [GroupKey.Channel], Period = PeriodUnit.Day },     // the per-cell path without percentiles
        new() { Keys = [GroupKey.Agent], Period = PeriodUnit.Week },      // likewise, or the fused assignment with them
        new() { Keys = [GroupKey.Team], Period = PeriodUnit.Month },
        new() { Keys = [], Period = PeriodUnit.Day },
    ];

    /// <summary>A batch over 30 days with rows the default sample does not read moved to <paramref name="outliers"/>.</summary>
    private static InteractionBatch WithOutliers(params long[] outliers)
    {
        var random = GroupingTestData.Random(23, Rows);
        var batch = GroupingTestData.Select(random, Enumerable.Range(0, Rows).ToArray());
        var opened = MemoryMarshal.AsMemory(batch.OpenedAt).Span;
        for (var k = 0; k < outliers.Length; k++)
        {
            // Rows 10,001, 20,001, ...: between two sampled rows (every 39th or so).
            opened[(10_000 * (k + 1)) + 1] = outliers[k];
        }

        return batch;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MetricsAccumulator_RowsOutsideTheGuessedRange_SameStateAsTheExactRange(int threads)
    {
        var before = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var batch = WithOutliers(before, DateTime.MaxValue.Ticks, 0);

        // The case under test: the sample's range (the default) leaves the outliers out.
        Assert.True(InstantRange.Guess(batch.OpenedAt.Span, MetricsAccumulator.RangeSamples, out var min, out var max));
        Assert.True(min > before && max < DateTime.MaxValue.Ticks, $"{min}..{max}");

        foreach (var grouping in Groupings)
        {
            foreach (var metrics in new[] { MetricOptions.Default with { IncludePercentiles = false }, MetricOptions.Default })
            {
                using var exact = new MetricsAccumulator(metrics, grouping);
                using var guessed = new MetricsAccumulator(metrics, grouping);
                exact.AddOnThreads(batch, threads, minRowsPerThread: 1000, rangeSamples: 0);
                guessed.AddOnThreads(batch, threads, minRowsPerThread: 1000);
                GroupingTestData.AssertEqual(exact.Result(), guessed.Result());
                Assert.Equal(exact.Serialize(), guessed.Serialize());
                Assert.Contains(guessed.Result().Groups, g => g.Period is "1970-01-01" or "1970-W01" or "1970-01");
            }
        }
    }

    /// <summary>An opened_at above DateTime.MaxValue that the sample did not read: the exact range's error, and the accumulator is unchanged and usable.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void MetricsAccumulator_InstantAboveTheRangeOfDateTime_SameErrorAsTheExactRange(int threads)
    {
        var bad = WithOutliers(DateTime.MaxValue.Ticks + 1);
        var good = GroupingTestData.Random(29, 20_000);
        foreach (var grouping in Groupings)
        {
            var metrics = MetricOptions.Default with { IncludePercentiles = false };
            using var exact = new MetricsAccumulator(metrics, grouping);
            using var guessed = new MetricsAccumulator(metrics, grouping);
            var expected = Assert.Throws<ArgumentOutOfRangeException>(() => exact.AddOnThreads(bad, threads, minRowsPerThread: 1000, rangeSamples: 0));
            var actual = Assert.Throws<ArgumentOutOfRangeException>(() => guessed.AddOnThreads(bad, threads, minRowsPerThread: 1000));
            Assert.Equal(expected.Message, actual.Message);
            Assert.Contains("opened_at[10001]", actual.Message, StringComparison.Ordinal);

            guessed.AddOnThreads(good, threads, minRowsPerThread: 1000);
            using var fresh = new MetricsAccumulator(metrics, grouping);
            fresh.Add(good);
            Assert.Equal(fresh.Serialize(), guessed.Serialize());
        }
    }

    /// <summary>Sorted rows: the first and last rows are in the sample, so the guess holds every row (widened by a day each side).</summary>
    [Fact]
    public void InstantRange_Guess_SortedRowsAreInside()
    {
        var instants = new long[10_000];
        for (var i = 0; i < instants.Length; i++)
        {
            instants[i] = GroupingTestData.Start.Ticks + (i * TimeSpan.TicksPerMinute) + 12_345;
        }

        instants[5_000] = Missing.Instant;
        Assert.True(InstantRange.Guess(instants, 16, out var min, out var max));
        Assert.Equal(GroupingTestData.Start.Ticks - TimeSpan.TicksPerDay, min);
        Assert.Equal(GroupingTestData.Start.AddDays(8).Ticks - 1, max); // 10,000 minutes: the 7th day, and one more
        Assert.True(min <= instants[0] && instants[^1] <= max);
    }

    /// <summary>No guess when no sampled instant is known (the exact range then finds the rest), or one is above DateTime's range.</summary>
    [Fact]
    public void InstantRange_Guess_NothingKnownOrTooLarge_NoGuess()
    {
        var instants = new long[1_000];
        instants.AsSpan().Fill(Missing.Instant);
        instants[1] = GroupingTestData.Start.Ticks; // not sampled
        Assert.False(InstantRange.Guess(instants, 4, out _, out _));
        instants[0] = DateTime.MaxValue.Ticks + 1;
        Assert.False(InstantRange.Guess(instants, 4, out _, out _));
        instants[0] = 0;
        instants[^1] = DateTime.MaxValue.Ticks;
        Assert.True(InstantRange.Guess(instants, 4, out var min, out var max));
        Assert.Equal((0L, DateTime.MaxValue.Ticks), (min, max)); // widened within DateTime's range
    }
}
