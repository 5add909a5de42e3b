namespace CxMetrics.Tests.Metrics;

/// <summary>Values checked by hand with a calculator; each assertion states the arithmetic.</summary>
public class HandComputedTests
{
    private static readonly byte[] NpsScores = [10, 10, 9, 8, 7, 6, 0, 5, 9, 10];

    [Fact]
    public void NetPromoterScore_Compute_TenScores()
    {
        var r = NetPromoterScore.Compute(NpsScores);
        // promoters {10,10,9,9,10} = 5, passives {8,7} = 2, detractors {6,0,5} = 3.
        Assert.Equal(10, r.Responses);
        Assert.Equal(5, r.Promoters);
        Assert.Equal(2, r.Passives);
        Assert.Equal(3, r.Detractors);
        Assert.Equal(20.0, r.Score!.Value, 12);
        // p = 0.5, d = 0.3: variance = 0.8 - 0.2^2 = 0.76; SE = 100 * sqrt(0.76 / 10) = 27.568097504180443.
        Assert.Equal(27.568097504180443, r.StandardError!.Value, 10);
        // 1.959964 * 27.568097504180443 = 54.03247... -> [-34.0325, 74.0325].
        Assert.Equal(20 - (1.959964 * 27.568097504180443), r.Ci95!.Value.Lower, 10);
        Assert.Equal(-34.03247, r.Ci95!.Value.Lower, 4);
        Assert.Equal(74.03247, r.Ci95!.Value.Upper, 4);
    }

    [Fact]
    public void CustomerSatisfaction_Compute_TopTwoBoxAndWilson()
    {
        byte[] scores = [5, 4, 3, 5, Missing.Score, 1, 4, 2];
        var r = CustomerSatisfaction.Compute(scores);
        // 7 responses, satisfied {5,4,5,4} = 4 -> 57.142857...%, mean 24/7.
        Assert.Equal(7, r.Responses);
        Assert.Equal(400.0 / 7, r.Percent!.Value, 12);
        Assert.Equal(24.0 / 7, r.Mean!.Value, 12);
        // Wilson, z = 1.959964, z^2 = 3.841459, x = 4, n = 7: denominator = 1 + z^2/7 = 1.548780,
        // centre = (0.571429 + z^2/14) / 1.548780 = 0.546119, half = z * sqrt(0.034985 + 0.019599) / 1.548780 = 0.295659,
        // interval 25.046% .. 84.178%.
        Assert.Equal(25.046, r.Ci95!.Value.Lower, 3);
        Assert.Equal(84.178, r.Ci95!.Value.Upper, 3);
    }

    [Fact]
    public void HandleTime_Compute_MeanAndInterpolatedPercentiles()
    {
        long S(double s) => Durations.FromSeconds(s);
        long[] talk = [S(100), S(200), Missing.Duration, S(300), S(400)];
        long[] hold = [S(10), Missing.Duration, S(999), S(0), S(20)];
        long[] wrap = [S(5), S(5), S(5), Missing.Duration, S(30)];
        var r = HandleTime.Compute(talk, hold, wrap);
        // handle = {115, 205, 300, 450}; mean 1070 / 4 = 267.5.
        Assert.Equal(4, r.Measured);
        Assert.Equal(267.5, r.MeanSeconds!.Value, 12);
        // p50: h = 3 * 0.5 = 1.5 -> 205 + 0.5 * 95 = 252.5; p90: h = 2.7 -> 300 + 0.7 * 150 = 405.
        Assert.Equal(252.5, r.P50Seconds!.Value, 9);
        Assert.Equal(405.0, r.P90Seconds!.Value, 9);
    }

    [Fact]
    public void SlaBreachRate_Compute_StrictlyGreaterBreaches()
    {
        long[] firstResponse = [Durations.FromSeconds(86400.001), Durations.FromSeconds(3600.0000001), Durations.FromSeconds(60), Missing.Duration];
        long[] target = [Durations.FromSeconds(86400), Durations.FromSeconds(3600), Durations.FromSeconds(60), Durations.FromSeconds(60)];
        var r = SlaBreachRate.Compute(firstResponse, target);
        // 86400.001 > 86400 and 3600.0000001 > 3600 breach; exactly on target does not; missing is not measured.
        Assert.Equal(3, r.Measured);
        Assert.Equal(2, r.Breached);
        Assert.Equal(200.0 / 3, r.BreachPercent!.Value, 12);
    }

    [Fact]
    public void Metrics_NothingToCount_AreNull()
    {
        using var batch = new InteractionBatchBuilder().Build();
        var m = InteractionMetrics.Compute(batch);
        Assert.Equal(0, m.Contacts);
        Assert.Null(m.Csat.Percent);
        Assert.Null(m.Nps.Score);
        Assert.Null(m.Nps.Ci95);
        Assert.Null(m.Ces.Mean);
        Assert.Null(m.Fcr.Percent);
        Assert.Null(m.HandleTime.MeanSeconds);
        Assert.Null(m.HandleTime.P90Seconds);
        Assert.Null(m.SlaBreach.BreachPercent);
    }

    [Fact]
    public void InteractionMetrics_Compute_FromBuilder()
    {
        var builder = new InteractionBatchBuilder(2);
        builder.Add(new Interaction { Priority = "P1", Csat = 5, Nps = 10, Ces = 6, FirstContactResolved = true, TalkTime = TimeSpan.FromSeconds(60), FirstResponseTime = TimeSpan.FromSeconds(120) });
        builder.Add(new Interaction { Priority = "P2", Csat = 2, Nps = 3, Ces = 2, FirstContactResolved = false, TalkTime = TimeSpan.FromSeconds(180), FirstResponseTime = TimeSpan.FromSeconds(30) });
        builder.Add(new Interaction { Priority = "P1", FirstResponseTime = TimeSpan.FromSeconds(61), SlaTarget = TimeSpan.FromSeconds(90) });
        using var batch = builder.Build();
        var m = InteractionMetrics.Compute(batch, MetricOptions.Default with { SlaPolicy = SlaPolicy.Parse("P1=60,P2=300") });
        Assert.Equal(3, m.Contacts);
        Assert.Equal(50.0, m.Csat.Percent!.Value, 12);
        Assert.Equal(0.0, m.Nps.Score!.Value, 12);
        Assert.Equal(50.0, m.Ces.EasyPercent!.Value, 12);
        Assert.Equal(50.0, m.Fcr.Percent!.Value, 12);
        Assert.Equal(120.0, m.HandleTime.MeanSeconds!.Value, 12);
        // P1 120 > 60 breach; P2 30 <= 300 met; own target 90 >= 61 met.
        Assert.Equal(3, m.SlaBreach.Measured);
        Assert.Equal(1, m.SlaBreach.Breached);
    }

    [Fact]
    public void CustomerSatisfaction_Compute_RejectsOutOfScale()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSatisfaction.Compute([5, 6]));
        Assert.Contains("csat[1] = 6", ex.Message, StringComparison.Ordinal);
    }
}
