using System.Globalization;
using System.Text;

namespace CxMetrics.Benchmarks.Tools;

/// <summary>Issue 3's performance targets, each judged from the results of the run (met, NOT met, or not measured).</summary>
internal static class Targets
{
    public static string Table(IReadOnlyList<BenchmarkResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| Target (issue 3, this 2-core machine) | Measured in this run | Met? |");
        sb.AppendLine("|---|---|---|");
        Row(sb, "six headline metrics, 50,000 contacts, single-threaded: < 40 µs",
            Get(results, "HeadlineBenchmarks", "CxMetrics", 50_000), r => (ReportWriter.Time(r.MeanNs) + " (mean)", r.MeanNs < 40_000));
        Row(sb, "every count and mean incl. response/resolution, 50,000 contacts: < 50 µs",
            Get(results, "AllMetricsBenchmarks", "CxMetrics", 50_000), r => (ReportWriter.Time(r.MeanNs) + " (mean)", r.MeanNs < 50_000));
        Row(sb, "exact p50 + p90 of handle time, 50,000 contacts: < 250 µs",
            Get(results, "PercentileBenchmarks", "CxMetrics", 50_000), r => (ReportWriter.Time(r.MeanNs) + " (mean; includes the AHT mean)", r.MeanNs < 250_000));
        Ratio(sb, "six headline metrics within 1.3x of reading their columns at 10,000,000 rows",
            Get(results, "LargeBenchmarks", "HeadlineCxMetrics", 10_000_000), Get(results, "LargeBenchmarks", "HeadlineReadLimit", 10_000_000), max: 1.3);
        Ratio(sb, "every count and mean within 1.3x of reading their columns at 10,000,000 rows",
            Get(results, "LargeBenchmarks", "AllCxMetrics", 10_000_000), Get(results, "LargeBenchmarks", "AllReadLimit", 10_000_000), max: 1.3);
        Row(sb, "zero bytes allocated per call beyond the result (six headline metrics: the results are structs)",
            Get(results, "HeadlineBenchmarks", "CxMetrics", 50_000), r => (ReportWriter.Bytes(r.AllocatedBytes), r.AllocatedBytes == 0));
        Row(sb, "batch call (`InteractionMetrics.Compute`): only the result object",
            Get(results, "AllMetricsBenchmarks", "CxMetrics", 50_000), r => (ReportWriter.Bytes(r.AllocatedBytes) + " per call, the same at every size", SameAtEverySize(results, "AllMetricsBenchmarks", "CxMetrics")));
        Ratio(sb, "at least 100x faster than naive LINQ (six headline metrics, 50,000 contacts)",
            Get(results, "HeadlineBenchmarks", "Linq", 50_000), Get(results, "HeadlineBenchmarks", "CxMetrics", 50_000), min: 100);
        Ratio(sb, "at least 8x faster than the scalar reference (six headline metrics, 50,000 contacts)",
            Get(results, "HeadlineBenchmarks", "ScalarReference", 50_000), Get(results, "HeadlineBenchmarks", "CxMetrics", 50_000), min: 8);
        return sb.ToString().TrimEnd();

        void Ratio(StringBuilder b, string target, BenchmarkResult? numerator, BenchmarkResult? denominator, double min = double.NaN, double max = double.NaN)
        {
            if (numerator is null || denominator is null)
            {
                b.AppendLine(c, $"| {target} | not measured in this run | - |");
                return;
            }

            var ratio = numerator.MedianNs / denominator.MedianNs;
            var met = double.IsNaN(min) ? ratio <= max : ratio >= min;
            b.AppendLine(c, $"| {target} | {ratio.ToString("0.00", c)}x ({numerator.Method} {ReportWriter.Time(numerator.MedianNs)} / {denominator.Method} {ReportWriter.Time(denominator.MedianNs)}, medians) | {(met ? "yes" : "**no**")} |");
        }
    }

    private static void Row(StringBuilder b, string target, BenchmarkResult? result, Func<BenchmarkResult, (string Measured, bool Met)> judge)
    {
        if (result is null)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"| {target} | not measured in this run | - |");
            return;
        }

        var (measured, met) = judge(result);
        b.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {measured} | {(met ? "yes" : "**no**")} |");
    }

    private static bool SameAtEverySize(IReadOnlyList<BenchmarkResult> results, string type, string method) =>
        results.Where(r => r.Type == type && r.Method == method).Select(r => r.AllocatedBytes).Distinct().Count() == 1;

    private static BenchmarkResult? Get(IReadOnlyList<BenchmarkResult> results, string type, string method, int rows) =>
        results.FirstOrDefault(r => r.Type == type && r.Method == method && r.Rows == rows);
}
