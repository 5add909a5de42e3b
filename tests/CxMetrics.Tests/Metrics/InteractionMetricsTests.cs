using CxMetrics.Internal.Kernels;
using CxMetrics.Tests.Kernels;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Metrics;

public class InteractionMetricsTests
{
    private static readonly MetricOptions WithPolicy = MetricOptions.Default with { SlaPolicy = SyntheticInteractions.DefaultPolicy };

    [Trait("Category", "Kernel")]
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(1000)]
    [InlineData(50_000)]
    public void InteractionMetrics_Compute_EveryWidthGivesIdenticalResults(int rows)
    {
        using var batch = SyntheticInteractions.Generate(rows, seed: rows + 1);
        foreach (var options in new[] { MetricOptions.Default, WithPolicy })
        {
            var scalar = InteractionMetrics.Compute(batch, options, KernelWidth.Scalar);
            foreach (var width in KernelTestData.Widths)
            {
                Assert.Equal(scalar, InteractionMetrics.Compute(batch, options, width));
            }

            Assert.Equal(scalar, InteractionMetrics.Compute(batch, options));
        }
    }

    [Property(MaxTest = 25)]
    public void InteractionMetrics_Compute_EqualsTheSpanLevelApis(ushort rows, int seed)
    {
        using var batch = SyntheticInteractions.Generate(rows, seed);
        var m = InteractionMetrics.Compute(batch, WithPolicy);
        Assert.Equal(rows, m.Contacts);
        Assert.Equal(CustomerSatisfaction.Compute(batch.Csat.Span), m.Csat);
        Assert.Equal(NetPromoterScore.Compute(batch.Nps.Span), m.Nps);
        Assert.Equal(CustomerEffortScore.Compute(batch.Ces.Span), m.Ces);
        Assert.Equal(FirstContactResolution.Compute(batch.FirstContactResolved.Span), m.Fcr);
        Assert.Equal(HandleTime.Compute(batch.TalkTime.Span, batch.HoldTime.Span, batch.WrapTime.Span), m.HandleTime);
        Assert.Equal(DurationStatistics.Compute(batch.FirstResponseTime.Span), m.FirstResponse);
        Assert.Equal(DurationStatistics.Compute(batch.ResolutionTime.Span), m.Resolution);
        var targetByCode = batch.Priority.Dictionary.Select(p => WithPolicy.SlaPolicy!.GetTargetTicks(p)).ToArray();
        Assert.Equal(SlaBreachRate.Compute(batch.FirstResponseTime.Span, batch.SlaTarget.Span, batch.Priority.Codes.Span, targetByCode), m.SlaBreach);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void InteractionMetrics_Compute_HoldOrWrapWithoutTalk_HandlesNothing(bool hold, bool wrap)
    {
        // A file with hold_seconds or wrap_seconds but no talk_seconds column (found by eng/reference/diff.py:
        // the one-group path threw ArgumentException "'hold' has 3 values, expected 0").
        long[] values = [10_000_000, Missing.Duration, 5];
        using var batch = new InteractionBatch(values.Length)
        {
            HoldTime = hold ? values : default(ReadOnlyMemory<long>),
            WrapTime = wrap ? values : default(ReadOnlyMemory<long>),
        };
        foreach (var width in KernelTestData.Widths)
        {
            var m = InteractionMetrics.Compute(batch, MetricOptions.Default, width);
            Assert.Equal(0, m.HandleTime.Measured);
            Assert.Null(m.HandleTime.MeanSeconds);
            Assert.Null(m.HandleTime.P50Seconds);
        }

        using var accumulator = new MetricsAccumulator(MetricOptions.Default, new GroupingOptions());
        accumulator.Add(batch);
        Assert.Equal(0, accumulator.Result().Overall.HandleTime.Measured);
    }

    [Fact]
    public void InteractionMetrics_ComputeWithoutPercentiles_LeavesThemNull()
    {
        using var batch = SyntheticInteractions.Generate(500, seed: 5);
        var m = InteractionMetrics.Compute(batch, MetricOptions.Default with { IncludePercentiles = false });
        Assert.Null(m.HandleTime.P50Seconds);
        Assert.Null(m.Resolution.P90Seconds);
        Assert.Equal(InteractionMetrics.Compute(batch).HandleTime.MeanSeconds, m.HandleTime.MeanSeconds);
    }
}
