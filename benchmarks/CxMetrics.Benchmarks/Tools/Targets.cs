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
        Row(sb, "batch call (`InteractionMetrics.Compute`): only the result object (a few hundred bytes, not growing with rows)",
            Get(results, "AllMetricsBenchmarks", "CxMetrics", 50_000), r => (AllocationsBySize(results, "AllMetricsBenchmarks", "CxMetrics"), MaxAllocated(results, "AllMetricsBenchmarks", "CxMetrics") <= 1024));
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

    /// <summary>Issues 4 (grouping) and 5 (IO) targets measured by the grouped, CSV and end-to-end suites.</summary>
    public static string OtherTable(IReadOnlyList<BenchmarkResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Target (issues 4 and 5) | Measured in this run | Met? |");
        sb.AppendLine("|---|---|---|");
        var channel = "Grouping=channel x day&Rows=1000000";
        var agent = "Grouping=agent x day&Rows=1000000";
        var wide = "Grouping=agent x day, 90 days&Rows=1000000";
        Row(sb, "channel x day (5 x 30 groups) over 1,000,000 rows, single-threaded: < 5 ms", Find(results, "GroupedBenchmarks", "SingleThreaded", channel), r => (ReportWriter.Time(r.MeanNs) + " (mean)", r.MeanNs < 5e6));
        var ordered = "Grouping=agent x day, sorted&Rows=1000000";
        Row(sb, "agent x day (500 x 30 groups) over 1,000,000 rows, single-threaded: < 10 ms", Find(results, "GroupedBenchmarks", "SingleThreaded", agent), r => (ReportWriter.Time(r.MeanNs) + " (mean)", r.MeanNs < 10e6));
        Row(sb, "the same, rows ordered by opened_at (as exports are)", Find(results, "GroupedBenchmarks", "SingleThreaded", ordered), r => (ReportWriter.Time(r.MeanNs) + " (mean)", r.MeanNs < 10e6));
        Row(sb, "the same over 90 days of rows (500 x 90 groups; beyond the issue's shape)", Find(results, "GroupedBenchmarks", "SingleThreaded", wide), r => (ReportWriter.Time(r.MeanNs) + " (mean)", r.MeanNs < 10e6));
        foreach (var (label, parameters) in new[] { ("channel x day", channel), ("agent x day", agent), ("agent x day, sorted", ordered), ("agent x day, 90 days", wide) })
        {
            var linq = Find(results, "GroupedBenchmarks", "Linq", parameters);
            var single = Find(results, "GroupedBenchmarks", "SingleThreaded", parameters);
            var parallel = Find(results, "GroupedBenchmarks", "Parallel", parameters);
            RatioRow(sb, $"{label}, 1,000,000 rows: at least 20x faster than LINQ GroupBy (single-threaded)", linq, single, 20);
            RatioRow(sb, $"{label}, 1,000,000 rows: parallel at least 1.6x faster than single-threaded on 2 cores", single, parallel, 1.6);
        }

        // Not a target: what the machine's two cores gave during the run (2.0x on two idle cores), to read the parallel rows by.
        ControlRow(sb, results, "TwoCoreControlBenchmarks", "the same arithmetic on two threads against one (`TwoCoreControlBenchmarks`; 2.0x when the machine gives two cores)");
        ControlRow(sb, results, "ColumnStreamControlBenchmarks", "only reading the 64 MB of columns a grouped call reads, two threads against one (`ColumnStreamControlBenchmarks`; its one-thread time is the floor under every grouped time)");

        var sylvan = Get(results, "CsvIngestBenchmarks", "Sylvan", 1_000_000);
        var reader = Get(results, "CsvIngestBenchmarks", "CxMetricsIO", 1_000_000);
        Row(sb, "CSV ingest, 17 columns, single-threaded: >= 250 MB/s", reader, r => (Suites.MegabytesPerSecondColumn.Rate(Suites.CsvData.Bytes(1_000_000).Length, r.MeanNs) + " MB/s (1,000,000 rows from memory)", Suites.CsvData.Bytes(1_000_000).Length / 1e6 / (r.MeanNs / 1e9) >= 250));
        Row(sb, "CSV ingest against Sylvan.Data.Csv + typed columnar loop (same run)", sylvan, r => (reader is null ? "-" : (r.MedianNs / reader.MedianNs).ToString("0.00", CultureInfo.InvariantCulture) + "x Sylvan's speed", true));
        Row(sb, "1,000,000-row CSV reported end to end: < 1 s", Get(results, "EndToEndBenchmarks", "Report", 1_000_000), r => (ReportWriter.Time(r.MeanNs) + " (mean)", r.MeanNs < 1e9));
        return sb.ToString().TrimEnd();
    }

    /// <summary>A control's row: suite <paramref name="type"/>'s TwoThreads against OneThread, no verdict.</summary>
    private static void ControlRow(StringBuilder sb, IReadOnlyList<BenchmarkResult> results, string type, string what)
    {
        var one = results.FirstOrDefault(r => r.Type == type && r.Method == "OneThread");
        var two = results.FirstOrDefault(r => r.Type == type && r.Method == "TwoThreads");
        var target = "control, not a target: " + what;
        var measured = one is null || two is null
            ? "not measured in this run"
            : string.Create(CultureInfo.InvariantCulture, $"{one.MedianNs / two.MedianNs:0.00}x (OneThread {ReportWriter.Time(one.MedianNs)} / TwoThreads {ReportWriter.Time(two.MedianNs)}, medians)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {measured} | - |");
    }

    private static void RatioRow(StringBuilder b, string target, BenchmarkResult? slower, BenchmarkResult? faster, double min)
    {
        if (slower is null || faster is null)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"| {target} | not measured in this run | - |");
            return;
        }

        var ratio = slower.MedianNs / faster.MedianNs;
        b.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {ratio.ToString("0.00", CultureInfo.InvariantCulture)}x ({slower.Method} {ReportWriter.Time(slower.MedianNs)} / {faster.Method} {ReportWriter.Time(faster.MedianNs)}, medians) | {(ratio >= min ? "yes" : "**no**")} |");
    }

    private static BenchmarkResult? Find(IReadOnlyList<BenchmarkResult> results, string type, string method, string parameters) =>
        results.FirstOrDefault(r => r.Type == type && r.Method == method && r.Parameters == parameters);

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

    private static string AllocationsBySize(IReadOnlyList<BenchmarkResult> results, string type, string method) =>
        string.Join(", ", results.Where(r => r.Type == type && r.Method == method)
            .Select(r => $"{ReportWriter.Bytes(r.AllocatedBytes)} at {r.Rows?.ToString("N0", CultureInfo.InvariantCulture)} rows"));

    private static long MaxAllocated(IReadOnlyList<BenchmarkResult> results, string type, string method) =>
        results.Where(r => r.Type == type && r.Method == method).Max(r => r.AllocatedBytes ?? long.MaxValue);

    private static BenchmarkResult? Get(IReadOnlyList<BenchmarkResult> results, string type, string method, int rows) =>
        results.FirstOrDefault(r => r.Type == type && r.Method == method && r.Rows == rows);
}
