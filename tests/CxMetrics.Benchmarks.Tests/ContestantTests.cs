using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Suites;

namespace CxMetrics.Benchmarks.Tests;

/// <summary>
/// Every contestant's setup checks its answer against CxMetrics before timing; these run those setups on a small
/// batch, so a contestant that drifts from the definitions fails here too, and check that the check can fail.
/// </summary>
public sealed class ContestantTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5_000)]
    public void HeadlineBenchmarks_Setups_AgreeWithCxMetrics(int rows)
    {
        var suite = new HeadlineBenchmarks { Rows = rows };
        suite.SetupLinq();
        suite.SetupScalar();
        suite.SetupDataFrame();
        suite.SetupDuckDb();
        suite.Cleanup();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5_000)]
    public void AllMetricsAndPercentileBenchmarks_Setups_AgreeWithCxMetrics(int rows)
    {
        var all = new AllMetricsBenchmarks { Rows = rows };
        all.SetupLinq();
        all.SetupScalar();
        var percentiles = new PercentileBenchmarks { Rows = rows };
        percentiles.SetupLinq();
        percentiles.SetupSort();
        percentiles.SetupDuckDb();
        percentiles.Cleanup();
    }

    [Fact]
    public void KernelBenchmarks_Setup_DispatchedKernelsAgreeWithScalar() => new KernelBenchmarks { Rows = 5_000 }.Setup();

    [Fact]
    public void Equivalence_Check_ThrowsOnDisagreement()
    {
        var expected = new MetricSummary { CsatResponses = 10, CsatPercent = 70.0 };
        Equivalence.Check("same", expected, expected with { CsatPercent = 70.0 * (1 + 1e-12) });
        var wrongCount = Assert.Throws<InvalidOperationException>(() => Equivalence.Check("off-by-one", expected, expected with { CsatResponses = 11 }));
        Assert.Contains("CsatResponses", wrongCount.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Equivalence.Check("drift", expected, expected with { CsatPercent = 70.001 }));
        Assert.Throws<InvalidOperationException>(() => Equivalence.Check("null", expected, expected with { CsatPercent = null }));
    }

    [Fact]
    public void ReadLimit_Read_CoversEveryByte()
    {
        var bytes = new byte[1000];
        var baseline = ReadLimit.Read(bytes);
        for (var i = 0; i < bytes.Length; i += 97)
        {
            bytes[i] = 1;
            Assert.NotEqual(baseline, ReadLimit.Read(bytes));
            bytes[i] = 0;
        }
    }
}
