using System.Globalization;
using CxMetrics;

// Computes metrics through the packed CxMetrics package; .ci/run compares this output with expected.txt.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

byte[] nps = [10, 10, 9, 8, 7, 6, 0, 5, 9, 10];
var score = NetPromoterScore.Compute(nps);
Console.WriteLine($"NPS {score.Score:0.##} SE {score.StandardError:0.###} n={score.Responses}");

using var builder = new InteractionBatchBuilder();
builder.Add(new Interaction { Priority = "P1", Csat = 5, TalkTime = TimeSpan.FromSeconds(300), WrapTime = TimeSpan.FromSeconds(60), FirstResponseTime = TimeSpan.FromSeconds(45) });
builder.Add(new Interaction { Priority = "P2", Csat = 2, TalkTime = TimeSpan.FromSeconds(600), FirstResponseTime = TimeSpan.FromSeconds(400) });
builder.Add(new Interaction { Priority = "P1", Csat = 4, TalkTime = TimeSpan.FromSeconds(120), HoldTime = TimeSpan.FromSeconds(30), FirstResponseTime = TimeSpan.FromSeconds(61) });
using var batch = builder.Build();
var metrics = InteractionMetrics.Compute(batch, MetricOptions.Default with { SlaPolicy = SlaPolicy.Parse("P1=60,P2=300") });
Console.WriteLine($"CSAT {metrics.Csat.Percent:0.##} % of {metrics.Csat.Responses}");
Console.WriteLine($"AHT {metrics.HandleTime.MeanSeconds:0.##} s p50 {metrics.HandleTime.P50Seconds:0.##} s p90 {metrics.HandleTime.P90Seconds:0.##} s");
Console.WriteLine($"SLA breach {metrics.SlaBreach.BreachPercent:0.##} % ({metrics.SlaBreach.Breached} of {metrics.SlaBreach.Measured})");
