using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>Runs BenchmarkDotNet with the shared config, printing the SIMD width first.</summary>
internal static class BenchRunner
{
    /// <summary>Suites the CI job runs at 50,000 rows; the ratio checker's floors refer to them.</summary>
    public static readonly string[] CiFilters = ["*HeadlineBenchmarks.Linq*", "*HeadlineBenchmarks.ScalarReference*", "*HeadlineBenchmarks.CxMetrics*", "*AllMetricsBenchmarks*", "*GroupedBenchmarks.Linq*", "*GroupedBenchmarks.SingleThreaded*"];

    public static int Run(string[] args)
    {
        Console.WriteLine($"// CxMetrics benchmarks: {VectorInfo.Describe()}");
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchRunner).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>
    /// The CI job: 50,000 rows, BenchmarkDotNet's short run (3 warm-ups, 3 iterations, 1 launch), in process to skip
    /// the per-run project build. Extra arguments (e.g. <c>--artifacts DIR</c>) are passed through.
    /// </summary>
    public static int RunCi(string[] args)
    {
        Environment.SetEnvironmentVariable(BenchSizes.EnvironmentVariable, "50000");
        Console.WriteLine($"// CxMetrics CI benchmarks: {VectorInfo.Describe()}");
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchRunner).Assembly)
            .Run(["--filter", .. CiFilters, .. args], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
