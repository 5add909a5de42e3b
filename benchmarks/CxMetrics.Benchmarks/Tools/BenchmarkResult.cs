using System.Text.Json;

namespace CxMetrics.Benchmarks.Tools;

/// <summary>One benchmark case read back from BenchmarkDotNet's full JSON export (<c>*-report-full.json</c>).</summary>
internal sealed record BenchmarkResult(string Type, string Method, string Parameters, double MeanNs, double MedianNs, long? AllocatedBytes)
{
    public int? Rows
    {
        get
        {
            foreach (var part in Parameters.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("Rows=", StringComparison.Ordinal) && int.TryParse(part.AsSpan(5), out var rows))
                {
                    return rows;
                }
            }

            return null;
        }
    }

    /// <summary>Reads every <c>*-report-full.json</c> under <paramref name="path"/> (a directory) or the file itself.</summary>
    public static (List<BenchmarkResult> Results, List<JsonElement> Hosts) Load(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*-report-full.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"No benchmark results at '{path}'.", path);
        var results = new List<BenchmarkResult>();
        var hosts = new List<JsonElement>();
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            if (root.TryGetProperty("HostEnvironmentInfo", out var host))
            {
                hosts.Add(host.Clone());
            }

            foreach (var b in root.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!b.TryGetProperty("Statistics", out var stats) || stats.ValueKind != JsonValueKind.Object)
                {
                    continue; // a failed case has no statistics; the checker reports it as missing
                }

                long? allocated = b.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object
                    && memory.TryGetProperty("BytesAllocatedPerOperation", out var bytes) && bytes.ValueKind == JsonValueKind.Number
                    ? bytes.GetInt64() : null;
                results.Add(new BenchmarkResult(
                    b.GetProperty("Type").GetString() ?? "",
                    b.GetProperty("Method").GetString() ?? "",
                    b.TryGetProperty("Parameters", out var p) ? p.GetString() ?? "" : "",
                    stats.GetProperty("Mean").GetDouble(),
                    stats.GetProperty("Median").GetDouble(),
                    allocated));
            }
        }

        return (results, hosts);
    }
}
