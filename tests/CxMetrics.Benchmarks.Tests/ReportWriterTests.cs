using CxMetrics.Benchmarks.Tools;

namespace CxMetrics.Benchmarks.Tests;

/// <summary>docs/benchmarks.md is generated from BenchmarkDotNet's JSON: tables, targets and chart from a real run.</summary>
public sealed class ReportWriterTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    [Fact]
    public void ReportWriter_Markdown_TablesForEverySuiteInTheRun()
    {
        var (results, _) = BenchmarkResult.Load(Fixtures);
        var markdown = ReportWriter.Markdown(results, "chart.svg");
        Assert.Contains("### HeadlineBenchmarks", markdown, StringComparison.Ordinal);
        Assert.Contains("### GroupedBenchmarks", markdown, StringComparison.Ordinal);
        Assert.Contains("| Linq | 50,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("baseline", markdown, StringComparison.Ordinal);
        Assert.Contains("x faster", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_Table_JudgesWhatWasMeasuredAndSaysWhatWasNot()
    {
        var (results, _) = BenchmarkResult.Load(Fixtures);
        var table = Targets.Table(results);
        Assert.Contains("not measured in this run", table, StringComparison.Ordinal); // no 10,000,000-row case in a CI run
        var slow = results.Select(r => r.Method == "CxMetrics" ? r with { MeanNs = 1e9, MedianNs = 1e9 } : r).ToList();
        Assert.Contains("**no**", Targets.Table(slow), StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_Table_GivesEachControlsOwnRatioWithoutAVerdict()
    {
        BenchmarkResult[] results =
        [
            new("TwoCoreControlBenchmarks", "OneThread", "", 10e6, 10e6, 0),
            new("TwoCoreControlBenchmarks", "TwoThreads", "", 5e6, 5e6, 216),
            new("ColumnStreamControlBenchmarks", "OneThread", "Rows=1000000", 1.6e6, 1.6e6, 0),
            new("ColumnStreamControlBenchmarks", "TwoThreads", "Rows=1000000", 1.0e6, 1.0e6, 248),
        ];
        var rows = Targets.OtherTable(results).Split('\n');
        var arithmetic = Assert.Single(rows, r => r.Contains("`TwoCoreControlBenchmarks`", StringComparison.Ordinal));
        Assert.Contains("| 2.00x (OneThread 10.000 ms / TwoThreads 5.000 ms, medians) | - |", arithmetic, StringComparison.Ordinal);
        var stream = Assert.Single(rows, r => r.Contains("`ColumnStreamControlBenchmarks`", StringComparison.Ordinal));
        Assert.Contains("| 1.60x (OneThread 1.600 ms / TwoThreads 1.000 ms, medians) | - |", stream, StringComparison.Ordinal);

        var withoutStream = Targets.OtherTable(results[..2]).Split('\n');
        Assert.Contains("not measured in this run", Assert.Single(withoutStream, r => r.Contains("`ColumnStreamControlBenchmarks`", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void SvgChart_Render_DrawsEveryContestantAndTheReadLimit()
    {
        BenchmarkResult[] results =
        [
            new("HeadlineBenchmarks", "Linq", "Rows=10000", 3e6, 3e6, 1000),
            new("HeadlineBenchmarks", "CxMetrics", "Rows=10000", 1e4, 1e4, 0),
            new("HeadlineBenchmarks", "CxMetrics", "Rows=50000", 4e4, 4e4, 0),
            new("HeadlineBenchmarks", "ReadLimit", "Rows=50000", 2e4, 2e4, 0),
            new("LargeBenchmarks", "HeadlineReadLimit", "Rows=10000000", 5e6, 5e6, 0),
            new("KernelBenchmarks", "Sla", "Rows=50000", 1e4, 1e4, 0),
        ];
        var svg = SvgChart.Render(results);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("memory-read limit", svg, StringComparison.Ordinal);
        Assert.Contains(">CxMetrics<", svg, StringComparison.Ordinal);
        Assert.Contains(">Linq<", svg, StringComparison.Ordinal);
        Assert.Contains("10,000,000", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">Sla<", svg, StringComparison.Ordinal);
    }
}
