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

    [Theory]
    [InlineData(1, "channel x day")]
    [InlineData(5_000, "channel x day")]
    [InlineData(5_000, "agent x day")]
    [InlineData(5_000, "agent x day, sorted")]
    [InlineData(5_000, "agent x day, 90 days")]
    public void GroupedBenchmarks_Setup_AgreesWithLinqGroupBy(int rows, string grouping) =>
        new GroupedBenchmarks { Rows = rows, Grouping = grouping }.Setup();

    [Fact]
    public void AccumulatorBenchmarks_Setup_MergeAndRoundTripAgree()
    {
        var suite = new AccumulatorBenchmarks { Rows = 5_000 };
        suite.Setup();
        suite.Merge();
        suite.Deserialize();
        Assert.NotEmpty(suite.Serialize());
        suite.Cleanup();
    }

    [Fact]
    public void CsvIngestBenchmarks_Setup_SylvanAndReaderAgreeWithTheBatch()
    {
        var suite = new CsvIngestBenchmarks { Rows = 5_000 };
        suite.Setup();
        Assert.Equal(5_000, suite.Sylvan().Rows);
    }

    [Fact]
    public void EndToEndBenchmarks_Setup_ReportSucceeds()
    {
        var suite = new EndToEndBenchmarks { Rows = 5_000 };
        suite.Setup();
        Assert.Equal(0, suite.Report());
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

    /// <summary>
    /// The read-limit loop is itself a vector kernel: every byte must reach its result at every width, which
    /// .ci/run exercises by rerunning the Kernel category under DOTNET_EnableAVX512=0 / EnableAVX2=0 / EnableHWIntrinsic=0.
    /// </summary>
    [Theory]
    [Trait("Category", "Kernel")]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void ReadLimit_Read_CoversEveryByte(int length)
    {
        var bytes = new byte[length];
        var baseline = ReadLimit.Read(bytes);
        Assert.Equal(0, baseline);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(1 + (i % 200));
            Assert.NotEqual(baseline, ReadLimit.Read(bytes));
            bytes[i] = 0;
        }
    }
}
