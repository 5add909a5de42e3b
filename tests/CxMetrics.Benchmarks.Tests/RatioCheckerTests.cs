using System.Text.Json.Nodes;
using CxMetrics.Benchmarks.Tools;

namespace CxMetrics.Benchmarks.Tests;

/// <summary>
/// The CI benchmark gate must pass on the run its floors were set from and fail on a planted regression. The fixtures
/// are BenchmarkDotNet JSON exports of a real `--ci` run; the regression is planted by doctoring a copy of them.
/// </summary>
public sealed class RatioCheckerTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private static readonly string Floors = Path.Combine(Fixtures, "bench-floors.json");
    private readonly string _temp = Directory.CreateTempSubdirectory("cxbench-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void RatioChecker_Run_PassesOnTheRecordedRun()
    {
        var output = new StringWriter();
        var exit = RatioChecker.Run(Fixtures, Floors, output);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("| ok |", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RatioChecker_Run_FailsOnPlantedRegression()
    {
        // CxMetrics made 1000x slower in the headline suite: its ratios against LINQ and the scalar reference collapse.
        Doctor("HeadlineBenchmarks", "CxMetrics", median => median * 1000);
        var output = new StringWriter();
        var exit = RatioChecker.Run(_temp, Floors, output);
        Assert.Equal(1, exit);
        Assert.Contains("| FAIL |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("BELOW their floors", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RatioChecker_Run_FailsOnSlightRegressionBelowFloor()
    {
        // Exactly at the edge: make the vectorized path just slower than the floor allows against the scalar reference.
        var floor = RatioChecker.LoadFloors(Floors).Single(f => f.Type == "AllMetricsBenchmarks" && f.Slower == "ScalarReference");
        var scalar = Median("AllMetricsBenchmarks", "ScalarReference");
        Doctor("AllMetricsBenchmarks", "CxMetrics", _ => scalar / floor.Minimum * 1.01);
        var outcomes = RatioChecker.Check(BenchmarkResult.Load(_temp).Results, [floor]);
        Assert.False(outcomes.Single().Passed);
        Assert.InRange(outcomes.Single().Ratio!.Value, floor.Minimum * 0.98, floor.Minimum);
    }

    [Fact]
    public void RatioChecker_Run_FailsWhenACaseIsMissing()
    {
        // A contestant whose setup threw (e.g. it disagreed with CxMetrics) has no statistics in the export.
        Doctor("HeadlineBenchmarks", "Linq", remove: true);
        var output = new StringWriter();
        Assert.Equal(1, RatioChecker.Run(_temp, Floors, output));
        Assert.Contains("missing", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RatioChecker_Run_ThrowsOnMissingResults() =>
        Assert.Throws<FileNotFoundException>(() => RatioChecker.Run(Path.Combine(_temp, "nope"), Floors, TextWriter.Null));

    private static double Median(string type, string method) =>
        BenchmarkResult.Load(Fixtures).Results.Single(r => r.Type == type && r.Method == method).MedianNs;

    private void Doctor(string type, string method, Func<double, double>? median = null, bool remove = false)
    {
        foreach (var file in Directory.GetFiles(Fixtures, "*-report-full.json"))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!;
            var benchmarks = root["Benchmarks"]!.AsArray();
            foreach (var b in benchmarks.ToList())
            {
                if ((string?)b!["Type"] != type || (string?)b["Method"] != method)
                {
                    continue;
                }

                if (remove)
                {
                    benchmarks.Remove(b);
                    continue;
                }

                var stats = b["Statistics"]!;
                stats["Median"] = median!((double)stats["Median"]!);
                stats["Mean"] = median((double)stats["Mean"]!);
            }

            File.WriteAllText(Path.Combine(_temp, Path.GetFileName(file)), root.ToJsonString());
        }
    }
}
