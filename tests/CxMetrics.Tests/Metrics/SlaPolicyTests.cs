namespace CxMetrics.Tests.Metrics;

public class SlaPolicyTests
{
    [Fact]
    public void SlaPolicy_Parse_ReadsPairsAndTrimsNames()
    {
        var policy = SlaPolicy.Parse("P1=60, P2=300.5");
        Assert.Equal(Durations.FromSeconds(60), policy.GetTargetTicks("P1"));
        Assert.Equal(Durations.FromSeconds(300.5), policy.GetTargetTicks("P2"));
        Assert.Equal(Missing.Duration, policy.GetTargetTicks("P3"));
        Assert.Equal(Missing.Duration, policy.GetTargetTicks("p1")); // priorities match exactly
    }

    [Theory]
    [InlineData("P1=60,P1=30")]
    [InlineData("P1=60, P1 =60")]
    public void SlaPolicy_Parse_RepeatedPriority_Throws(string text)
    {
        var e = Assert.Throws<FormatException>(() => SlaPolicy.Parse(text));
        Assert.Contains("'P1' more than once", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P1")]
    [InlineData("P1=")]
    [InlineData("=60")]
    [InlineData("P1=-5")]
    [InlineData("P1=1e3")]
    public void SlaPolicy_Parse_BadEntry_Throws(string text) =>
        Assert.Throws<FormatException>(() => SlaPolicy.Parse(text));
}
