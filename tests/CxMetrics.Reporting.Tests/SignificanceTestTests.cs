namespace CxMetrics.Reporting.Tests;

public class SignificanceTestTests
{
    [Fact]
    public void SignificanceTest_Proportions_HandComputed()
    {
        // a = 40/100, b = 55/100: pooled p = 0.475, SE0 = sqrt(0.475 * 0.525 * 0.02) = 0.0706222, z = 0.15 / 0.0706222 = 2.12397,
        // two-sided p = 0.033672 (normal table). Unpooled SE = sqrt(0.0024 + 0.002475) = 0.0698212.
        var r = SignificanceTest.Proportions(40, 100, 55, 100)!;
        Assert.Equal(15, r.Difference, 9);
        Assert.Equal(2.12397, r.Z, 4);
        Assert.Equal(0.03367, r.PValue, 4);
        Assert.Equal(6.98212, r.StandardError, 4);
        Assert.Equal(15 - (1.959964 * 6.98212), r.Ci95.Lower, 3);
        Assert.True(r.IsSignificant);
    }

    [Fact]
    public void SignificanceTest_Nps_HandComputed()
    {
        // scores 20 (SE 3) and 26 (SE 4): diff 6, SE 5, z 1.2, p = 0.230139.
        var a = new NpsResult(100, 40, 40, 20, 20, 3, null);
        var b = new NpsResult(100, 46, 34, 20, 26, 4, null);
        var r = SignificanceTest.Nps(a, b)!;
        Assert.Equal(6, r.Difference, 12);
        Assert.Equal(5, r.StandardError, 12);
        Assert.Equal(1.2, r.Z, 12);
        Assert.Equal(0.230139, r.PValue, 5);
        Assert.False(r.IsSignificant);
    }

    [Fact]
    public void SignificanceTest_Erfc_KnownValues()
    {
        Assert.Equal(1, SignificanceTest.Erfc(0), 6);
        Assert.Equal(0.157299, SignificanceTest.Erfc(1), 6);
        Assert.Equal(1.842701, SignificanceTest.Erfc(-1), 6);
        Assert.Equal(0.05, SignificanceTest.TwoSided(1.959964), 6);
    }

    [Fact]
    public void SignificanceTest_Proportions_EmptyOrInvalid()
    {
        Assert.Null(SignificanceTest.Proportions(0, 0, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignificanceTest.Proportions(3, 2, 1, 2));
        Assert.Null(SignificanceTest.Nps(default, default));
    }
}
