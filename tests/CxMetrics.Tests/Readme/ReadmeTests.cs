namespace CxMetrics.Tests.Readme;

/// <summary>
/// The README's quickstart is the body of <see cref="ReadmeTests_Quickstart"/> (between the markers): the test runs it and
/// asserts its results, and <see cref="ReadmeTests_Readme_ContainsTheQuickstartVerbatim"/> fails if README.md shows other code.
/// </summary>
public class ReadmeTests
{
    private const string Begin = "// README quickstart: begin";
    private const string End = "// README quickstart: end";

    [Fact]
    public void ReadmeTests_Quickstart()
    {
        // README quickstart: begin
        // A survey column: one byte per contact, Missing.Score where the customer did not answer.
        byte[] csat = [5, 4, 3, 5, Missing.Score, 1, 4, 2];
        CsatResult satisfaction = CustomerSatisfaction.Compute(csat);
        Console.WriteLine($"CSAT {satisfaction.Percent:0.0} % of {satisfaction.Responses}, 95% CI {satisfaction.Ci95}");
        // CSAT 57.1 % of 7, 95% CI [25.05, 84.18]

        // A batch of contacts: build it from objects (or wrap your own column arrays without copying).
        using var builder = new InteractionBatchBuilder();
        builder.Add(new Interaction { Priority = "P1", Nps = 10, TalkTime = TimeSpan.FromMinutes(5), WrapTime = TimeSpan.FromMinutes(1), FirstResponseTime = TimeSpan.FromSeconds(45) });
        builder.Add(new Interaction { Priority = "P2", Nps = 6, TalkTime = TimeSpan.FromMinutes(10), FirstResponseTime = TimeSpan.FromMinutes(7) });
        builder.Add(new Interaction { Priority = "P1", Nps = 9, TalkTime = TimeSpan.FromMinutes(2), HoldTime = TimeSpan.FromSeconds(30), FirstResponseTime = TimeSpan.FromSeconds(61) });
        using InteractionBatch batch = builder.Build();

        // Every metric in one call; rows without their own SLA target take their priority's target.
        var options = MetricOptions.Default with { SlaPolicy = SlaPolicy.Parse("P1=60,P2=300") };
        InteractionMetrics metrics = InteractionMetrics.Compute(batch, options);
        Console.WriteLine(metrics);
        // NPS 33.33 (2 promoters, 1 detractor of 3); AHT mean 370 s, p50 360 s, p90 552 s; SLA breach 66.67 % (2 of 3)
        // README quickstart: end

        Assert.Equal(400.0 / 7, satisfaction.Percent!.Value, 12);
        Assert.Equal(25.05, satisfaction.Ci95!.Value.Lower, 2);
        Assert.Equal(84.18, satisfaction.Ci95!.Value.Upper, 2);
        Assert.Equal(100.0 / 3, metrics.Nps.Score!.Value, 12);
        Assert.Equal(370.0, metrics.HandleTime.MeanSeconds!.Value, 9);
        Assert.Equal(360.0, metrics.HandleTime.P50Seconds!.Value, 9);
        Assert.Equal(552.0, metrics.HandleTime.P90Seconds!.Value, 9);
        Assert.Equal((3L, 2L), (metrics.SlaBreach.Measured, metrics.SlaBreach.Breached));
    }

    [Fact]
    public void ReadmeTests_Readme_ContainsTheQuickstartVerbatim()
    {
        var root = RepositoryRoot();
        var source = File.ReadAllText(Path.Combine(root, "tests", "CxMetrics.Tests", "Readme", "ReadmeTests.cs")).ReplaceLineEndings("\n");
        // The markers stand alone on their lines inside the test method (the constants above hold them in quotes).
        var beginLine = "\n        " + Begin + "\n";
        var endLine = "\n        " + End + "\n";
        var start = source.IndexOf(beginLine, StringComparison.Ordinal) + beginLine.Length;
        var end = source.IndexOf(endLine, StringComparison.Ordinal) + 1;
        Assert.True(start > beginLine.Length && end > start, "quickstart markers not found in ReadmeTests.cs");
        var body = string.Join("\n", source[start..end].Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        var expected = "```csharp\nusing CxMetrics;\n\n" + body + "```\n";
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains(expected, StringComparison.Ordinal), "README.md must contain the quickstart exactly as in ReadmeTests_Quickstart:\n" + expected);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CxMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CxMetrics.sln not found above " + AppContext.BaseDirectory);
    }
}
