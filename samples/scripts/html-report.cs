#:project ../../src/CxMetrics.Reporting/CxMetrics.Reporting.csproj
// A shareable, self-contained HTML report (overall figures, charts, grouped table) and the matching JSON report.
// Run from the repository root:  dotnet run samples/scripts/html-report.cs [out-dir]
using CxMetrics;
using CxMetrics.Reporting;

var outDir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "cxmetrics-report");
Directory.CreateDirectory(outDir);

using var batch = SyntheticInteractions.Generate(rows: 50_000, seed: 1);
var metrics = new MetricOptions { SlaPolicy = SyntheticInteractions.DefaultPolicy };
var grouping = new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Month };

// One pass feeds the table's accumulator and the three chart accumulators (add batches as a reader yields them).
using var builder = new HtmlReportBuilder(metrics, grouping);
builder.Add(batch);
var html = builder.Render(new HtmlReportOptions { Title = "Contact centre report", Subtitle = "50,000 synthetic contacts, Aug-Oct 2026" });
var htmlPath = Path.Combine(outDir, "report.html");
File.WriteAllText(htmlPath, html);
File.WriteAllText(Path.Combine(outDir, "report.json"), MetricsJsonWriter.ToJson(builder.Result(), grouping));

// The charts alone, as SVG files:
File.WriteAllText(Path.Combine(outDir, "sla-by-priority.svg"),
    MetricCharts.SlaBreachRate(GroupedMetrics.Compute(batch, metrics, new GroupingOptions { Keys = [GroupKey.Priority] })));

Console.WriteLine($"wrote {htmlPath} ({html.Length / 1024} KiB, {builder.Result().Groups.Count} groups)");

// expect: ^wrote .*report\.html \([0-9]+ KiB, 1[0-9] groups\)$
