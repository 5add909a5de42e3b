using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting.Tests;

/// <summary>Report tables built from slices of a synthetic batch (labels stand in for real keys).</summary>
internal static class TestData
{
    public static readonly MetricOptions Options = new() { SlaPolicy = SyntheticInteractions.DefaultPolicy };

    public static InteractionMetrics Metrics(int rows, int seed)
    {
        using var batch = SyntheticInteractions.Generate(rows, seed);
        return InteractionMetrics.Compute(batch, Options);
    }

    /// <summary>A table whose groups are consecutive slices of one batch, labelled with <paramref name="labels"/>.</summary>
    public static ReportTable Table(string[] keyNames, bool hasPeriod, string?[][] labels, int rowsPerGroup = 400, int seed = 7)
    {
        using var batch = SyntheticInteractions.Generate(rowsPerGroup * labels.Length, seed);
        var groups = new List<ReportGroup>();
        for (var i = 0; i < labels.Length; i++)
        {
            using var slice = batch.Slice(i * rowsPerGroup, rowsPerGroup);
            var keys = labels[i][..keyNames.Length];
            var period = hasPeriod ? labels[i][keyNames.Length] : null;
            groups.Add(new ReportGroup(keys, period, InteractionMetrics.Compute(slice, Options)));
        }

        return new ReportTable(keyNames, hasPeriod, InteractionMetrics.Compute(batch, Options), groups) { SmallSampleThreshold = 30 };
    }

    public static ReportTable ByWeek(int weeks = 10) =>
        Table([], true, [.. Enumerable.Range(32, weeks).Select(w => new string?[] { $"2026-W{w}" })]);

    public static ReportTable ByPriority() => Table(["priority"], false, [["P1"], ["P2"], ["P3"], ["P4"]]);

    public static ReportTable ByChannel() => Table(["channel"], false, [["chat"], ["email"], ["messaging"], ["phone"], ["social"]]);

    public static ReportContent Content() =>
        new(Table(["channel"], true, [["chat", "2026-08"], ["chat", "2026-09"], ["email", "2026-08"], [null, "2026-09"], ["phone", null]], rowsPerGroup: 25),
            ByWeek(), ByPriority(), ByChannel())
        { Rows = 125, Title = "Test report", Invalid = new Dictionary<string, long> { ["csat"] = 2, ["nps"] = 0 } };
}
