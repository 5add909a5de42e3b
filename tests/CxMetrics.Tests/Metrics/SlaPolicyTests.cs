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
    [InlineData("P1=+5")]
    [InlineData("P1=5 s")]
    [InlineData("P1=.")]
    [InlineData("P1=1,5")]
    [InlineData(" =60")]
    public void SlaPolicy_Parse_BadEntry_Throws(string text) =>
        Assert.Throws<FormatException>(() => SlaPolicy.Parse(text));

    /// <summary>An empty policy or entry is an error, not "no policy" (an unset variable in a script gives one).</summary>
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("P1=60,")]
    [InlineData(",P1=60")]
    [InlineData("P1=60,,P2=30")]
    [InlineData("P1=60, ,P2=30")]
    public void SlaPolicy_Parse_Empty_Throws(string text)
    {
        var e = Assert.Throws<FormatException>(() => SlaPolicy.Parse(text));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Seconds are read exactly, like duration cells (docs/cli.md): to the nearest 100 ns tick, a half up, with no binary
    /// floating point in between. Hand-checked: 0.00000015 s is 1.5 ticks (2); 900000000.1234567 s is 9,000,000,001,234,567
    /// ticks, which a double (spacing 1.2e-7 s at 9e8 s) cannot hold.
    /// </summary>
    [Theory]
    [InlineData("60", 600_000_000L)]
    [InlineData(".5", 5_000_000L)]
    [InlineData("5.", 50_000_000L)]
    [InlineData("0060.000", 600_000_000L)]
    [InlineData("0.00000015", 2L)]
    [InlineData("0.00000014999", 1L)]
    [InlineData("0.0000001", 1L)]
    [InlineData("0.00000005", 1L)]
    [InlineData("0.00000004999999999999", 0L)]
    [InlineData("900000000.1234567", 9_000_000_001_234_567L)]
    [InlineData("900719925.47409905", Durations.MaxTicks)]
    public void SlaPolicy_Parse_SecondsExactToTheTick(string seconds, long ticks) =>
        Assert.Equal(ticks, SlaPolicy.Parse("P1=" + seconds).GetTargetTicks("P1"));

    [Theory]
    [InlineData("900719925.47409915")]
    [InlineData("900719926")]
    [InlineData("99999999999999999999999")]
    public void SlaPolicy_Parse_AboveTheLargestDuration_Throws(string seconds) =>
        Assert.Throws<FormatException>(() => SlaPolicy.Parse("P1=" + seconds));
}
