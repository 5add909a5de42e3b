using CxMetrics.Benchmarks.Infrastructure;
using CxMetrics.Benchmarks.Tools;

// Modes besides BenchmarkDotNet's own command line (see docs/benchmarks.md):
//   --ci                          the CI job: 50,000-row suites, short in-process job, JSON exporter
//   --check-ratios DIR [FLOORS]   compare ratios in the JSON results under DIR with eng/bench-floors.json; exit 1 below a floor
//   --report DIR OUT.md [CMD]     write docs/benchmarks.md tables (+ SVG chart beside it) from the JSON results under DIR
return args switch
{
    ["--check-ratios", var dir] => RatioChecker.Run(dir, "eng/bench-floors.json", Console.Out),
    ["--check-ratios", var dir, var floors] => RatioChecker.Run(dir, floors, Console.Out),
    ["--report", var dir, var output, .. var command] => ReportWriter.Run(dir, output, string.Join(' ', command)),
    ["--ci", .. var rest] => BenchRunner.RunCi(rest),
    _ => BenchRunner.Run(args),
};
