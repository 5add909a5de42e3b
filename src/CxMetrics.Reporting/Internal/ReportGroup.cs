namespace CxMetrics.Reporting.Internal;

/// <summary>One group of a report: its key texts (null = unknown), its period text and its metrics.</summary>
internal sealed record ReportGroup(IReadOnlyList<string?> Keys, string? Period, InteractionMetrics Metrics)
{
    /// <summary>A label joining keys and period with " / ", unknown values as "(unknown)".</summary>
    public string Label
    {
        get
        {
            var parts = new List<string>(Keys.Count + 1);
            foreach (var k in Keys)
            {
                parts.Add(k ?? "(unknown)");
            }

            if (Period is not null || parts.Count == 0)
            {
                parts.Add(Period ?? "(unknown)");
            }

            return string.Join(" / ", parts);
        }
    }
}
