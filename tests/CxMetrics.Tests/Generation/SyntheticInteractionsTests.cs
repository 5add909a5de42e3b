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

    [Fact]
    public void SyntheticInteractions_Generate_SpreadsContactsOverTheGivenDays()
    {
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        using var month = SyntheticInteractions.Generate(20_000, seed: 7, start, days: 30);
        var days = new HashSet<long>();
        foreach (var at in month.OpenedAt.Span)
        {
            Assert.InRange(at, start.UtcTicks, start.UtcTicks + (30 * TimeSpan.TicksPerDay) - 1);
            days.Add((at - start.UtcTicks) / TimeSpan.TicksPerDay);
        }

        Assert.Equal(30, days.Count); // 500 agents x 30 days: the agent x day shape
        using var ninety = SyntheticInteractions.Generate(2_000, seed: 7, start);
        using var explicitNinety = SyntheticInteractions.Generate(2_000, seed: 7, start, days: 90);
        Assert.Equal(ninety.OpenedAt.ToArray(), explicitNinety.OpenedAt.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticInteractions.Generate(10, 1, start, days: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticInteractions.Generate(10, 1, DateTimeOffset.MaxValue.AddDays(-5), days: 6));
    }
}
