using System.Globalization;
using System.Text.Json;

namespace CxMetrics.Benchmarks.Tools;

/// <summary>
/// The CI gate: for each ratio in the floors file (eng/bench-floors.json), divides the median time of the slower case
/// by the median time of the faster case, both measured in the same run, and fails when the ratio is below its floor
/// or a case is missing (a failed setup, e.g. a contestant that disagreed with CxMetrics). Ratios, not absolute times,
/// because the machine is shared and noisy.
/// </summary>
internal static class RatioChecker
{
    public sealed record Floor(string Name, string Type, string Parameters, string Slower, string Faster, double Minimum);

    public sealed record Outcome(Floor Floor, double? Ratio)
    {
        public bool Passed => Ratio >= Floor.Minimum;
    }

    public static int Run(string resultsPath, string floorsPath, TextWriter output)
    {
        var (results, _) = BenchmarkResult.Load(resultsPath);
        var outcomes = Check(results, LoadFloors(floorsPath));
        output.WriteLine(Table(outcomes));
        var failed = outcomes.Count(o => !o.Passed);
        output.WriteLine(failed == 0
            ? $"bench ratios: all {outcomes.Count} at or above their floors"
            : $"bench ratios: {failed} of {outcomes.Count} BELOW their floors (or missing): a performance regression");
        return failed == 0 ? 0 : 1;
    }

    public static List<Floor> LoadFloors(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var floors = new List<Floor>();
        foreach (var f in doc.RootElement.GetProperty("ratios").EnumerateArray())
        {
            floors.Add(new Floor(
                f.GetProperty("name").GetString()!,
                f.GetProperty("type").GetString()!,
                f.GetProperty("parameters").GetString()!,
                f.GetProperty("slower").GetString()!,
                f.GetProperty("faster").GetString()!,
                f.GetProperty("floor").GetDouble()));
        }

        return floors;
    }

    public static List<Outcome> Check(IReadOnlyList<BenchmarkResult> results, IReadOnlyList<Floor> floors)
    {
        var outcomes = new List<Outcome>();
        foreach (var floor in floors)
        {
            var slower = Find(results, floor, floor.Slower);
            var faster = Find(results, floor, floor.Faster);
            double? ratio = slower is null || faster is null || faster.MedianNs <= 0 ? null : slower.MedianNs / faster.MedianNs;
            outcomes.Add(new Outcome(floor, ratio));
        }

        return outcomes;
    }

    public static string Table(IReadOnlyList<Outcome> outcomes)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "| ratio (median time slower / faster, same run) | parameters | measured | floor | |",
            "|---|---|---:|---:|---|",
        };
        foreach (var o in outcomes)
        {
            var measured = o.Ratio is null ? "missing" : o.Ratio.Value.ToString("0.00", c) + "x";
            lines.Add($"| {o.Floor.Name} ({o.Floor.Type}: {o.Floor.Slower} / {o.Floor.Faster}) | {o.Floor.Parameters} | {measured} | {o.Floor.Minimum.ToString("0.##", c)}x | {(o.Passed ? "ok" : "FAIL")} |");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static BenchmarkResult? Find(IReadOnlyList<BenchmarkResult> results, Floor floor, string method) =>
        results.FirstOrDefault(r => r.Type == floor.Type && r.Method == method && r.Parameters == floor.Parameters);
}
