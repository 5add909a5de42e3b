namespace CxMetrics.Tests.Grouping;

public class SerializationTests
{
    private static byte[] Sample()
    {
        using var acc = new MetricsAccumulator(GroupingTestData.Metrics, new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Week, FcrWindow = TimeSpan.FromDays(3) });
        acc.Add(GroupingTestData.Random(7, 100));
        return acc.Serialize();
    }

    [Fact]
    public void MetricsAccumulator_Deserialize_EveryTruncationThrowsFormatException()
    {
        var bytes = Sample();
        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<CxMetricsFormatException>(() => MetricsAccumulator.Deserialize(bytes.AsSpan(0, length), GroupingTestData.Metrics));
            Assert.False(string.IsNullOrEmpty(e.Message));
        }
    }

    [Fact]
    public void MetricsAccumulator_Deserialize_CorruptedBytesThrowFormatExceptionOrReadConsistently()
    {
        var bytes = Sample();
        var r = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[r.Next(copy.Length)] ^= (byte)(1 << r.Next(8));
            try
            {
                using var acc = MetricsAccumulator.Deserialize(copy, GroupingTestData.Metrics);
                acc.Result();
            }
            catch (CxMetricsFormatException)
            {
            }
        }
    }

    [Fact]
    public void MetricsAccumulator_Deserialize_WrongMagicAndVersion()
    {
        var bytes = Sample();
        var e = Assert.Throws<CxMetricsFormatException>(() => MetricsAccumulator.Deserialize("nope"u8, MetricOptions.Default));
        Assert.Contains("CXMA", e.Message, StringComparison.Ordinal);
        bytes[4] = 99;
        e = Assert.Throws<CxMetricsFormatException>(() => MetricsAccumulator.Deserialize(bytes, MetricOptions.Default));
        Assert.Contains("version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsAccumulator_Serialize_IsCompact()
    {
        using var acc = new MetricsAccumulator(MetricOptions.Default, new GroupingOptions { Keys = [GroupKey.Channel] });
        using var batch = SyntheticInteractions.Generate(20_000, 1);
        acc.Add(batch);
        // Durations are whole milliseconds: sorted deltas take about 2-3 bytes each instead of 8.
        var values = acc.Result().Overall;
        var count = values.HandleTime.Measured + values.FirstResponse.Measured + values.Resolution.Measured;
        Assert.True(acc.Serialize().Length < 4 * count, $"{acc.Serialize().Length} bytes for {count} values");
    }
}
