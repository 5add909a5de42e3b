namespace CxMetrics.Cli.Tests;

/// <summary>
/// The JSON contract on a small hand-made file (day/month boundary offsets, ISO week 53, unknown keys and periods,
/// a quoted key with a comma, case-sensitive keys). Regenerate after a deliberate change with
/// CXMETRICS_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class GoldenJsonTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "overall", [] },
        { "by-channel-month", ["--by", "channel", "--period", "month"] },
        { "by-priority-team-week", ["--by", "priority,team", "--period", "week"] },
        { "day-tz-policy", ["--period", "day", "--tz", "America/New_York", "--sla-policy", "P1=60,P2=60"] },
        { "repeat-fcr", ["--by", "channel", "--fcr-window", "172800"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_Json_MatchesGoldenFile(string name, string[] options)
    {
        var dir = Path.Combine(CliRunner.RepoRoot(), "tests", "CxMetrics.Cli.Tests", "Golden");
        var (exit, stdout, stderr) = CliRunner.Run(["report", Path.Combine(dir, "small.csv"), "--format", "json", .. options]);
        Assert.True(exit == 0, stderr);
        var golden = Path.Combine(dir, name + ".json");
        if (Environment.GetEnvironmentVariable("CXMETRICS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, stdout);
        }

        Assert.Equal(File.ReadAllText(golden), stdout);
    }
}
