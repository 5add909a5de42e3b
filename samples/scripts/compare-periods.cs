#:project ../../src/CxMetrics.Reporting/CxMetrics.Reporting.csproj
// Did things change between two months? Differences with two-sided z tests (CxMetrics.ComparisonTests).
// Run from the repository root:  dotnet run samples/scripts/compare-periods.cs
using CxMetrics;

using var batch = SyntheticInteractions.Generate(rows: 50_000, seed: 11);
var options = new MetricOptions { SlaPolicy = SyntheticInteractions.DefaultPolicy };
var byMonth = GroupedMetrics.Compute(batch, options, new GroupingOptions { Period = PeriodUnit.Month });

var a = byMonth.Groups[0];
var b = byMonth.Groups[1];
Console.WriteLine($"comparing {a.Period} (baseline) with {b.Period}");
// Each test gives A − B: pass the later month first so the difference reads as the change.
Report("NPS", "points", a.Metrics.Nps.Score, b.Metrics.Nps.Score, ComparisonTests.NpsDifference(b.Metrics.Nps, a.Metrics.Nps));
Report("CSAT %", "pp", a.Metrics.Csat.Percent, b.Metrics.Csat.Percent, ComparisonTests.Csat(b.Metrics.Csat, a.Metrics.Csat));
Report("FCR %", "pp", a.Metrics.Fcr.Percent, b.Metrics.Fcr.Percent, ComparisonTests.Fcr(b.Metrics.Fcr, a.Metrics.Fcr));
Report("SLA breach %", "pp", a.Metrics.SlaBreach.BreachPercent, b.Metrics.SlaBreach.BreachPercent, ComparisonTests.SlaBreach(b.Metrics.SlaBreach, a.Metrics.SlaBreach));

static void Report(string name, string unit, double? before, double? after, ComparisonTest? test)
{
    if (test is not { } c)
    {
        Console.WriteLine($"{name,-13} not enough data");
        return;
    }

    var verdict = c.IsSignificant(0.05) ? "significant at 5%" : "not significant";
    var half = 1.959964 * c.StandardError; // normal 95% half-width of the difference
    Console.WriteLine($"{name,-13} {before,6:0.0} -> {after,6:0.0}  change {c.Difference,6:+0.0;-0.0} {unit} (95% [{c.Difference - half:0.00}, {c.Difference + half:0.00}]), z = {c.Z:0.00}, p = {c.PValue:0.000}: {verdict}");
}

// expect: ^comparing 2026-08 \(baseline\) with 2026-09$
// expect: ^NPS +-?[0-9.]+ -> +-?[0-9.]+  change +[+-][0-9]+\.[0-9] points \(95% \[-?[0-9.]+, -?[0-9.]+\]\), z = -?[0-9.]+, p = [01]\.[0-9]{3}: (significant at 5%|not significant)$
// expect: ^CSAT % .* pp \(95%
// expect: ^FCR % .* pp \(95%
// expect: ^SLA breach % .* pp \(95%
