namespace CxMetrics.Reporting.Internal;

/// <summary>The presentation model of a grouped result: key column names, whether a period column exists, overall and groups.</summary>
internal sealed record ReportTable(IReadOnlyList<string> KeyNames, bool HasPeriod, InteractionMetrics Overall, IReadOnlyList<ReportGroup> Groups)
{
    /// <summary>The small-sample threshold (n below it is flagged), or null to write no flag.</summary>
    public int? SmallSampleThreshold { get; init; }

    /// <summary>The presentation model of a grouped result; key names as in the CLI and the JSON report.</summary>
    public static ReportTable From(GroupedMetrics result, GroupingOptions grouping)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(grouping);
        var names = new string[grouping.Keys.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = KeyName(grouping.Keys[i]);
        }

        var groups = new List<ReportGroup>(result.Groups.Count);
        foreach (var g in result.Groups)
        {
            if (g.Keys.Count != names.Length)
            {
                throw new ArgumentException($"A group has {g.Keys.Count} keys but the grouping options name {names.Length}; pass the options the result was computed with.", nameof(grouping));
            }

            groups.Add(new ReportGroup(g.Keys, g.Period, g.Metrics));
        }

        return new ReportTable(names, grouping.Period != PeriodUnit.None, result.Overall, groups) { SmallSampleThreshold = result.SmallSampleThreshold };
    }

    /// <summary>The column name of a key (the CSV input column and JSON report key).</summary>
    public static string KeyName(GroupKey key) => key switch
    {
        GroupKey.Channel => "channel",
        GroupKey.Agent => "agent_id",
        GroupKey.Team => "team",
        GroupKey.Priority => "priority",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown group key."),
    };

    /// <summary>A report of one set of contacts without groups.</summary>
    public static ReportTable Single(InteractionMetrics metrics) => new([], false, metrics, []);

    /// <summary>The key column headers followed by "period" when present.</summary>
    public IReadOnlyList<string> KeyHeaders
    {
        get
        {
            var h = new List<string>(KeyNames);
            if (HasPeriod)
            {
                h.Add("period");
            }

            return h;
        }
    }

    /// <summary>The key cells of a group in header order.</summary>
    public static IReadOnlyList<string?> KeyCells(ReportGroup group, bool hasPeriod)
    {
        var cells = new List<string?>(group.Keys);
        if (hasPeriod)
        {
            cells.Add(group.Period);
        }

        return cells;
    }
}
