namespace CxMetrics.Tests.Generation;

public class SyntheticInteractionsTests
{
    [Fact]
    public void SyntheticInteractions_Generate_IsDeterministicAndRealistic()
    {
        using var a = SyntheticInteractions.Generate(20_000, seed: 42);
        using var b = SyntheticInteractions.Generate(20_000, seed: 42);
        var ma = InteractionMetrics.Compute(a, MetricOptions.Default with { SlaPolicy = SyntheticInteractions.DefaultPolicy });
        var mb = InteractionMetrics.Compute(b, MetricOptions.Default with { SlaPolicy = SyntheticInteractions.DefaultPolicy });
        Assert.Equal(ma, mb);
        Assert.InRange(ma.Csat.Responses, 4_500, 5_500);
        Assert.InRange(ma.Nps.Score!.Value, 10, 60);
        Assert.InRange(ma.HandleTime.MeanSeconds!.Value, 300, 800);
        Assert.InRange(ma.SlaBreach.Measured, 19_000, 20_000);
        Assert.InRange(ma.Resolution.Measured, 16_000, 18_000);
    }
}
