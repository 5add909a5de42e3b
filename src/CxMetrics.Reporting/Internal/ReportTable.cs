namespace CxMetrics.Reporting.Internal;

/// <summary>The presentation model of a grouped result: key column names, whether a period column exists, overall and groups.</summary>
internal sealed record ReportTable(IReadOnlyList<string> KeyNames, bool HasPeriod, InteractionMetrics Overall, IReadOnlyList<ReportGroup> Groups)
{
    /// <summary>The small-sample threshold (n below it is flagged), or null to write no flag.</summary>
    public int? SmallSampleThreshold { get; init; }

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
