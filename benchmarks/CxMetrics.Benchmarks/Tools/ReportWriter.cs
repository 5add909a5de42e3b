using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CxMetrics.Benchmarks.Tools;

/// <summary>
/// Writes docs/benchmarks.md's measured part from BenchmarkDotNet's JSON results: a header with machine, date,
/// runtime and command, one table per suite (ratio to that suite's baseline, computed here from the medians), and an
/// SVG chart of ns/row by size (<see cref="SvgChart"/>) beside the markdown file.
/// </summary>
internal static class ReportWriter
{
    public const string DefaultTemplate = "eng/bench-docs-template.md";

    public static int Run(string resultsPath, string outputPath, string command)
    {
        var (results, hosts) = BenchmarkResult.Load(resultsPath);
        if (results.Count == 0)
        {
            Console.Error.WriteLine($"No benchmark results under '{resultsPath}'.");
            return 1;
        }

        var chartPath = Path.ChangeExtension(outputPath, ".svg");
        File.WriteAllText(chartPath, SvgChart.Render(results));
        var template = File.Exists(DefaultTemplate) ? File.ReadAllText(DefaultTemplate) : "{{header}}\n\n{{targets}}\n\n{{results}}\n";
        var headline = HeadlineTable(results);
        File.WriteAllText(outputPath, template
            .Replace("{{header}}", Header(hosts, command), StringComparison.Ordinal)
            .Replace("{{headline}}", headline, StringComparison.Ordinal)
            .Replace("{{targets}}", Targets.Table(results), StringComparison.Ordinal)
            .Replace("{{othertargets}}", Targets.OtherTable(results), StringComparison.Ordinal)
            .Replace("{{results}}", Markdown(results, Path.GetFileName(chartPath)), StringComparison.Ordinal));
        Console.WriteLine($"wrote {outputPath} and {chartPath}");
        Console.WriteLine();
        Console.WriteLine(headline);
        return 0;
    }

    public static string Header(IReadOnlyList<JsonElement> hosts, string command)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (hosts.Count > 0)
        {
            var h = hosts[0];
            sb.AppendLine(c, $"- Machine: {S(h, "ProcessorName")}, {S(h, "PhysicalCoreCount")} physical / {S(h, "LogicalCoreCount")} logical cores, {S(h, "OsVersion")}");
            sb.AppendLine(c, $"- Runtime: {S(h, "RuntimeVersion")}, {S(h, "Architecture")}, SDK {S(h, "DotNetCliVersion")}, BenchmarkDotNet {S(h, "BenchmarkDotNetVersion")}");
        }

        sb.AppendLine(c, $"- SIMD in use: {Infrastructure.VectorInfo.Describe()}");
        sb.AppendLine(c, $"- Page generated: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (when the run was made: see Duration)");
        sb.Append(c, $"- Command: `{command}`");
        return sb.ToString();
    }

    /// <summary>The six headline metrics at 50,000 rows: one line per contestant, for the README.</summary>
    public static string HeadlineTable(IReadOnlyList<BenchmarkResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| Six headline metrics, 50,000 contacts | Mean | ns/row | vs naive LINQ | Allocated |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        var suite = results.Where(r => r.Type == "HeadlineBenchmarks" && r.Rows == 50_000).ToList();
        var linq = suite.FirstOrDefault(r => r.Method == "Linq");
        foreach (var r in suite)
        {
            var ratio = linq is null ? "-" : (linq.MedianNs / r.MedianNs).ToString(linq.MedianNs / r.MedianNs >= 10 ? "0" : "0.0#", c) + "x";
            sb.AppendLine(c, $"| {Label(r.Method)} | {Time(r.MeanNs)} | {(r.MeanNs / 50_000).ToString("0.00", c)} | {ratio} | {Bytes(r.AllocatedBytes)} |");
        }

        return sb.ToString().TrimEnd();
    }

    public static string Label(string method) => method switch
    {
        "Linq" => "naive LINQ over objects (baseline)",
        "ScalarReference" => "CxMetrics scalar reference kernels",
        "DataFrame" => "Microsoft.Data.Analysis DataFrame",
        "DuckDB" => "DuckDB (in-memory table, one SQL query)",
        "CxMetrics" => "**CxMetrics**",
        "ReadLimit" => "reading the 9 columns (memory-read limit)",
        _ => method,
    };

    public static string Markdown(IReadOnlyList<BenchmarkResult> results, string chartFile)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"![ns/row by size for each contestant, with the memory-read limit]({chartFile})");
        sb.AppendLine();
        foreach (var suite in results.GroupBy(r => r.Type).OrderBy(g => Order(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(c, $"### {suite.Key}");
            sb.AppendLine();
            sb.AppendLine(Describe(suite.Key));
            sb.AppendLine();
            sb.AppendLine("| Method | Rows | Mean | ns/row | rows/s | Ratio to baseline | Allocated |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in suite)
            {
                var baseline = Baseline(suite.ToList(), r);
                var ratio = baseline is null ? "-" : (baseline.MedianNs / r.MedianNs).ToString(baseline.MedianNs >= r.MedianNs ? "0.0" : "0.00", c) + "x faster";
                if (baseline is not null && baseline.MedianNs < r.MedianNs)
                {
                    ratio = (r.MedianNs / baseline.MedianNs).ToString("0.00", c) + "x slower";
                }

                if (ReferenceEquals(baseline, r))
                {
                    ratio = "baseline";
                }

                var rows = r.Rows;
                var nsPerRow = rows is > 0 ? (r.MeanNs / rows.Value).ToString(r.MeanNs / rows.Value < 10 ? "0.000" : "0.0", c) : "-";
                var perSecond = rows is > 0 ? Infrastructure.PerRowColumn.Format(rows.Value / (r.MeanNs / 1e9)) : "-";
                sb.AppendLine(c, $"| {r.Method} | {rows?.ToString("N0", c) ?? r.Parameters} | {Time(r.MeanNs)} | {nsPerRow} | {perSecond} | {ratio} | {Bytes(r.AllocatedBytes)} |");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>The case of the same type, parameters and category whose method is marked <c>Baseline = true</c>.</summary>
    private static BenchmarkResult? Baseline(List<BenchmarkResult> suite, BenchmarkResult r)
    {
        var type = typeof(ReportWriter).Assembly.GetTypes().FirstOrDefault(t => t.Name == r.Type);
        var method = type?.GetMethod(r.Method);
        if (type is null || method is null)
        {
            return null;
        }

        var category = Category(method);
        foreach (var candidate in type.GetMethods())
        {
            if (candidate.GetCustomAttribute<BenchmarkAttribute>() is { Baseline: true } && Category(candidate) == category)
            {
                return suite.FirstOrDefault(s => s.Method == candidate.Name && s.Parameters == r.Parameters);
            }
        }

        return null;

        static string Category(MethodInfo m) => string.Join(",", m.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories ?? []);
    }

    private static int Order(string type) => Array.IndexOf(SuiteOrder, type) is var i and >= 0 ? i : SuiteOrder.Length;

    private static readonly string[] SuiteOrder = ["HeadlineBenchmarks", "AllMetricsBenchmarks", "PercentileBenchmarks", "LargeBenchmarks", "KernelBenchmarks", "GroupedBenchmarks", "TwoCoreControlBenchmarks", "ColumnStreamControlBenchmarks", "AccumulatorBenchmarks", "CsvIngestBenchmarks", "EndToEndBenchmarks"];

    private static string Describe(string type) =>
        typeof(ReportWriter).Assembly.GetTypes().FirstOrDefault(t => t.Name == type)?.GetCustomAttribute<Infrastructure.SuiteDescriptionAttribute>()?.Text ?? "";

    public static string Time(double ns) => ns switch
    {
        >= 1e9 => (ns / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " s",
        >= 1e6 => (ns / 1e6).ToString("0.000", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
    };

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "-",
        0 => "0 B",
        >= 1 << 20 => (bytes.Value / (double)(1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1 << 10 => (bytes.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string S(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.ToString() : "?";
}
