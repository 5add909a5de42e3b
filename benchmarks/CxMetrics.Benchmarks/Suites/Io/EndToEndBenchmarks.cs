using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Infrastructure;
using CxMetrics.Cli;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// The tool end to end on a CSV file: `cxmetrics report FILE --by channel --period month --format json` (read,
/// validate, accumulate, group, write JSON), in process, output discarded.
/// </summary>
[Config(typeof(IoBenchConfig))]
[SuiteDescription("End-to-end `cxmetrics report FILE --by channel --period month --format json` on a CSV file (page-cached), in process, JSON output discarded.")]
public class EndToEndBenchmarks
{
    private string _path = "";

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Grouped;

    [GlobalSetup]
    public void Setup()
    {
        VectorInfo.PrintOnce();
        _path = CsvData.File(Rows);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(["report", _path, "--by", "channel", "--period", "month", "--format", "json"], output, error);
        if (exit != 0 || !output.ToString().Contains($"\"rows\": {Rows}", StringComparison.Ordinal) && !output.ToString().Contains($"\"rows\":{Rows}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"cxmetrics report failed (exit {exit}): {error}{output.ToString()[..Math.Min(300, output.ToString().Length)]}");
        }
    }

    /// <summary>The whole report.</summary>
    [Benchmark]
    public int Report() => CliApp.Run(["report", _path, "--by", "channel", "--period", "month", "--format", "json"], TextWriter.Null, TextWriter.Null);
}
