#:project ../../src/CxMetrics.Reporting/CxMetrics.Reporting.csproj
// Quickstart: compute every metric of a batch of contacts, then show it as a table, Markdown, JSON and CSV.
// Run from the repository root:  dotnet run samples/scripts/quickstart.cs
using CxMetrics;
using CxMetrics.Reporting;

// 10,000 synthetic contacts (seeded, so the output is the same on every run). Real data comes from CxMetrics.IO readers
// or from an InteractionBatchBuilder.
using var batch = SyntheticInteractions.Generate(rows: 10_000, seed: 42);

// SLA breach needs a target per contact: either a sla_target_seconds column, or a policy by priority.
var options = new MetricOptions { SlaPolicy = SlaPolicy.Parse("P1=60,P2=300,P3=3600,P4=86400") };
var metrics = InteractionMetrics.Compute(batch, options);

Console.WriteLine("== ToTable()");
Console.WriteLine(metrics.ToTable());
Console.WriteLine();
Console.WriteLine("== ToMarkdown()");
Console.WriteLine(metrics.ToMarkdown());
Console.WriteLine("== JSON (the shape of `cxmetrics report --format json`)");
Console.WriteLine(MetricsJsonWriter.ToJson(metrics));
Console.WriteLine();
Console.WriteLine("== CSV (one flat row)");
Console.Write(MetricsCsvWriter.ToCsv(metrics.ToRows(), keyNames: [], includePeriod: false));

// Typed access to every figure:
Console.WriteLine();
Console.WriteLine($"NPS {metrics.Nps.Score:0.0} (95% CI {metrics.Nps.Ci95}), from {metrics.Nps.Responses} answers");
Console.WriteLine($"AHT p90 {metrics.HandleTime.P90Seconds:0} s");

// CI (eng/run-scripts.sh) checks the output against these patterns:
// expect: ^Contacts +10000 +10000$
// expect: ^\| NPS \| -?[0-9.]+ \| \[-?[0-9.]+, -?[0-9.]+\] \| [0-9]+ \|$
// expect: ^\{"contacts":10000,"csat":\{"responses":
// expect: ^contacts,csat_responses,csat_pct,
// expect: ^NPS -?[0-9.]+ \(95% CI \[
