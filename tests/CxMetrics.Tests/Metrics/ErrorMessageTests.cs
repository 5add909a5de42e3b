using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using CxMetrics.Tests.Kernels;

namespace CxMetrics.Tests.Metrics;

/// <summary>Bad input is reported with the column, the row index and the value, at every kernel width.</summary>
public class ErrorMessageTests
{
    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void ScoreColumn_Accumulate_OutOfScaleNamesIndexAndValue(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var (length, at) in new[] { (1, 0), (100, 7), (1000, 999), (70_000, 65_539) })
        {
            var scores = new byte[length];
            scores.AsSpan().Fill(3);
            scores[at] = 6;
            var counts = default(ScoreCounts);
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ScoreColumn.Accumulate("csat", scores, 1, 5, ref counts, width));
            Assert.Contains($"csat[{at}] = 6", ex.Message, StringComparison.Ordinal);
            Assert.Contains("1..5", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Metrics_Compute_OutOfScaleNamesTheMetricColumn()
    {
        Assert.Contains("nps[2] = 11", Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.Compute([10, 0, 11])).Message, StringComparison.Ordinal);
        Assert.Contains("ces[0] = 0", Assert.Throws<ArgumentOutOfRangeException>(() => CustomerEffortScore.Compute([0])).Message, StringComparison.Ordinal);
        Assert.Contains("fcr[1] = 2", Assert.Throws<ArgumentOutOfRangeException>(() => FirstContactResolution.Compute([1, 2])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void InteractionMetrics_Compute_TooLargeDurationNamesColumnIndexAndValue(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        const long tooLarge = Durations.MaxTicks + 1;
        var ok = Enumerable.Repeat(Durations.FromSeconds(60), 300).ToArray();
        long[] With(int at)
        {
            var column = ok.ToArray();
            column[at] = tooLarge;
            return column;
        }

        void Expect(string text, InteractionBatch batch)
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => InteractionMetrics.Compute(batch, MetricOptions.Default, width));
            Assert.Contains(text, ex.Message, StringComparison.Ordinal);
        }

        Expect($"talk[17] = {tooLarge}", new InteractionBatch(300) { TalkTime = With(17) });
        Expect($"hold[299] = {tooLarge}", new InteractionBatch(300) { TalkTime = ok, HoldTime = With(299) });
        Expect($"wrap[64] = {tooLarge}", new InteractionBatch(300) { TalkTime = ok, WrapTime = With(64) });
        Expect($"first_response[3] = {tooLarge}", new InteractionBatch(300) { FirstResponseTime = With(3) });
        Expect($"resolution[128] = {tooLarge}", new InteractionBatch(300) { ResolutionTime = With(128) });
    }

    [Fact]
    public void DurationStatistics_Compute_TooLargeNamesIndexAndValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DurationStatistics.Compute([1, 2, long.MaxValue]));
        Assert.Contains($"[2] = {long.MaxValue}", ex.Message, StringComparison.Ordinal);
    }
}
