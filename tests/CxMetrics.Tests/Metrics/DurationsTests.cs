namespace CxMetrics.Tests.Metrics;

/// <summary>
/// <see cref="Durations"/> converts seconds to ticks to the nearest tick, up to <see cref="Durations.MaxTicks"/>. Above
/// 2^29 s a double is coarser than a tick, and the double nearest to the maximum stands for it and for 2^53 ticks: it
/// must read as the maximum, so <c>FromSeconds(ToSeconds(MaxTicks))</c> round-trips (FINDINGS F10).
/// </summary>
public class DurationsTests
{
    [Fact]
    public void FromSeconds_LargestDuration_RoundTrips()
    {
        var largest = Durations.ToSeconds(Durations.MaxTicks);
        Assert.Equal(900_719_925.4740991, largest); // the double nearest to (2^53 - 1) / 10^7
        Assert.Equal(Durations.MaxTicks, Durations.FromSeconds(largest));
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.FromSeconds(Math.BitIncrement(largest)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.FromSeconds(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.FromSeconds(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.FromSeconds(-1e-9));
    }

    [Fact]
    public void SlaPolicy_LargestTarget_ParsesAsTheLargestDuration()
    {
        Assert.Equal(Durations.MaxTicks, SlaPolicy.Parse("P1=900719925.4740991").GetTargetTicks("P1"));
        Assert.Throws<FormatException>(() => SlaPolicy.Parse("P1=900719925.4741"));
    }

    [Fact]
    public void FromSeconds_RoundsToTheNearestTick()
    {
        Assert.Equal(864_000_010_000, Durations.FromSeconds(86400.001));
        Assert.Equal(36_000_000_001, Durations.FromSeconds(3600.0000001));
        Assert.Equal(1, Durations.FromSeconds(0.00000005)); // half a tick: away from zero
        Assert.Equal(0, Durations.FromSeconds(0.00000004));
        Assert.Equal(0, Durations.FromSeconds(0));
    }
}
