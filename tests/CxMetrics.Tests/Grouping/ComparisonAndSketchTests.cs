using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

public class ComparisonAndSketchTests
{
    [Fact]
    public void ComparisonTests_TwoProportions_HandComputed()
    {
        // 60/100 vs 45/100: pooled p = 105/200 = 0.525; SE = sqrt(0.525 * 0.475 * (1/100 + 1/100)) = 0.0706222;
        // z = 0.15 / 0.0706222 = 2.1239770; p = erfc(z / sqrt 2) = 0.0336721.
        var t = ComparisonTests.TwoProportions(60, 100, 45, 100)!.Value;
        Assert.Equal(15.0, t.Difference, 12);
        Assert.Equal(7.0622234459127675, t.StandardError, 10);
        Assert.Equal(2.123976976214366, t.Z, 10);
        Assert.Equal(0.03367206885634585, t.PValue, 12);
        Assert.False(t.SmallSample);
        Assert.True(t.IsSignificant());
    }

    [Fact]
    public void ComparisonTests_NpsDifference_HandComputed()
    {
        // A: 100 answers, 50 promoters, 20 detractors: NPS 30, variance 0.5 + 0.2 - 0.3^2 = 0.61, SE^2 = 100^2 * 0.61 / 100 = 61.
        // B: 80 answers, 30 promoters, 30 detractors: NPS 0, variance 0.75, SE^2 = 100^2 * 0.75 / 80 = 93.75.
        // z = 30 / sqrt(154.75) = 2.4116036; p = 0.0158825.
        var a = new NpsResult(100, 50, 30, 20, 30, null, null);
        var b = new NpsResult(80, 30, 20, 30, 0, null, null);
        var t = ComparisonTests.NpsDifference(a, b)!.Value;
        Assert.Equal(30.0, t.Difference, 12);
        Assert.Equal(12.439855304624729, t.StandardError, 10);
        Assert.Equal(2.4116036131744223, t.Z, 10);
        Assert.Equal(0.01588253831027767, t.PValue, 12);
        Assert.True(ComparisonTests.NpsDifference(a, b, smallSampleThreshold: 81)!.Value.SmallSample);
        Assert.Null(ComparisonTests.NpsDifference(a, default));
    }

    [Fact]
    public void ComparisonTests_ZeroStandardError_Extremes()
    {
        Assert.Equal(1.0, ComparisonTests.TwoProportions(10, 10, 5, 5)!.Value.PValue);
        Assert.Equal(0.0, ComparisonTests.TwoProportions(10, 10, 0, 5)!.Value.PValue, 3);
    }

    [Theory]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(20.0, 5.3958656116079005e-176)]
    [InlineData(26.0, 5.663192408856143e-296)]
    [InlineData(-1.0, 1.8427007929497148)]
    public void NormalDistribution_Erfc_RelativeErrorBelow1e14(double x, double expected)
    {
        var actual = NormalDistribution.Erfc(x);
        Assert.True(Math.Abs(actual - expected) <= 1e-14 * expected, $"erfc({x}) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void NormalDistribution_Cdf_KnownQuantiles()
    {
        Assert.Equal(0.975, NormalDistribution.Cdf(WilsonInterval.Z95), 6);
        Assert.Equal(0.5, NormalDistribution.Cdf(0), 15);
        Assert.Equal(0.05, NormalDistribution.TwoSidedPValue(1.959963984540054), 13);
    }

    [Fact]
    public void GroupedMetrics_IsSmallSample_UsesThreshold()
    {
        var batch = new InteractionBatch(1) { Nps = new byte[] { 9 } };
        var r = GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions { SmallSampleThreshold = 2 });
        Assert.Equal(2, r.SmallSampleThreshold);
        Assert.True(r.IsSmallSample(r.Overall.Nps.Responses));
        Assert.False(r.IsSmallSample(2));
    }

    [Property(MaxTest = 40)]
    public void GroupedMetrics_ApproximatePercentiles_WithinDocumentedRelativeError(int seed)
    {
        var batch = GroupingTestData.Random(seed, 50 + Math.Abs(seed % 500));
        var exact = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, new GroupingOptions { Keys = [GroupKey.Channel] });
        var approx = GroupedMetrics.Compute(batch, GroupingTestData.Metrics, new GroupingOptions { Keys = [GroupKey.Channel], ApproximatePercentiles = true });
        Assert.Equal(exact.Groups.Count, approx.Groups.Count);
        for (var i = -1; i < exact.Groups.Count; i++)
        {
            var e = i < 0 ? exact.Overall : exact.Groups[i].Metrics;
            var a = i < 0 ? approx.Overall : approx.Groups[i].Metrics;
            foreach (var (x, y) in new[] { (e.HandleTime, a.HandleTime), (e.FirstResponse, a.FirstResponse), (e.Resolution, a.Resolution) })
            {
                Assert.Equal(x.Measured, y.Measured);
                Assert.Equal(x.MeanSeconds, y.MeanSeconds);
                Close(x.P50Seconds, y.P50Seconds);
                Close(x.P90Seconds, y.P90Seconds);
            }
        }

        static void Close(double? exact, double? approximate)
        {
            Assert.Equal(exact is null, approximate is null);
            if (exact is { } x)
            {
                Assert.True(Math.Abs(approximate!.Value - x) <= (x * QuantileSketchStore.RelativeError) + 1e-12, $"exact {x:R}, sketch {approximate:R}");
            }
        }
    }

    [Fact]
    public void QuantileSketch_MemoryIndependentOfRows()
    {
        var store = new QuantileSketchStore();
        var gid = new int[100_000];
        var values = new long[gid.Length];
        var r = new Random(5);
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (long)(r.NextDouble() * 1e12);
            }

            store.AddValues(gid, values);
        }

        // 500,000 values in one group: at most 128 buckets per power of two up to 2^40.
        Assert.InRange(store.Counts.Count, 1, 128 * 41);
    }
}
