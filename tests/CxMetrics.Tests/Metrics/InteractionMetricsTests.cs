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
