#:project ../../src/CxMetrics.Reporting/CxMetrics.Reporting.csproj
// NPS by channel by month with 95% intervals, small samples flagged, and the same figures as an SVG chart.
// Run from the repository root:  dotnet run samples/scripts/nps-by-channel-month.cs
using CxMetrics;
using CxMetrics.Reporting;

using var batch = SyntheticInteractions.Generate(rows: 50_000, seed: 7); // 90 days from 2026-08-01

var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Month };
var result = GroupedMetrics.Compute(batch, MetricOptions.Default, grouping);

Console.WriteLine($"{"channel",-10} {"month",-8} {"NPS",6}  {"95% interval",-18} {"answers",7}");
foreach (var g in result.Groups)
{
    var nps = g.Metrics.Nps;
    var flag = result.IsSmallSample(nps.Responses) ? "  (small sample)" : "";
    Console.WriteLine($"{g.Keys[0] ?? "(unknown)",-10} {g.Period,-8} {nps.Score,6:0.0}  {nps.Ci95?.ToString() ?? "-",-18} {nps.Responses,7}{flag}");
}

Console.WriteLine();
Console.WriteLine($"overall NPS {result.Overall.Nps.Score:0.0}, 95% interval {result.Overall.Nps.Ci95}");

// The whole grouped table as Markdown (paste into a wiki or a pull request):
Console.WriteLine();
Console.WriteLine(result.ToMarkdown(grouping));

// NPS by month for one channel as an SVG chart with its band.
var chat = GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions { Period = PeriodUnit.Week });
var svg = Path.Combine(Path.GetTempPath(), "cxmetrics-nps-by-week.svg");
File.WriteAllText(svg, MetricCharts.NpsOverPeriods(chat));
Console.WriteLine($"chart: {svg}");

// expect: ^channel +month +NPS +95% interval +answers$
// expect: ^chat +2026-08 +-?[0-9]+\.[0-9] +\[-?[0-9.]+, -?[0-9.]+\] +[0-9]+$
// expect: ^phone +2026-10 +
// expect: ^overall NPS -?[0-9]+\.[0-9], 95% interval \[
// expect: ^\| channel \| period \| contacts \|
// expect: ^chart: .*cxmetrics-nps-by-week\.svg$
