#:project ../../src/CxMetrics.Reporting/CxMetrics.Reporting.csproj
// First contact resolution two ways: from the agent's resolved flag, and from repeat contacts (a contact counts as
// resolved when the same customer does not come back within the window; too-recent contacts are censored).
// Run from the repository root:  dotnet run samples/scripts/repeat-contact-fcr.cs
using CxMetrics;

using var batch = SyntheticInteractions.Generate(rows: 50_000, seed: 3);

var byChannel = new GroupingOptions { Keys = [GroupKey.Channel] };
var flagged = GroupedMetrics.Compute(batch, MetricOptions.Default, byChannel);
var repeat = GroupedMetrics.Compute(batch, MetricOptions.Default, byChannel with { FcrWindow = TimeSpan.FromDays(7) });

Console.WriteLine($"{"channel",-10} {"flag FCR %",10} {"repeat FCR %",12} {"95% interval",-18} {"known",7} {"censored",8}");
for (var i = 0; i < repeat.Groups.Count; i++)
{
    var f = flagged.Groups[i].Metrics.Fcr;
    var r = repeat.Groups[i].Metrics.Fcr;
    Console.WriteLine($"{repeat.Groups[i].Keys[0],-10} {f.Percent,10:0.0} {r.Percent,12:0.0} {r.Ci95?.ToString() ?? "-",-18} {r.Known,7} {r.Censored,8}");
}

var all = repeat.Overall.Fcr;
Console.WriteLine();
Console.WriteLine($"overall repeat-contact FCR {all.Percent:0.0} % of {all.Known} judged contacts; {all.Censored} opened in the last 7 days are censored");

// expect: ^channel +flag FCR % +repeat FCR % +95% interval +known +censored$
// expect: ^chat +[0-9]+\.[0-9] +[0-9]+\.[0-9] +\[[0-9.]+, [0-9.]+\] +[0-9]+ +[0-9]+$
// expect: ^overall repeat-contact FCR [0-9]+\.[0-9] % of [0-9]+ judged contacts; [1-9][0-9]* opened in the last 7 days are censored$
