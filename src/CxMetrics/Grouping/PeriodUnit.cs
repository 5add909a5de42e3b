namespace CxMetrics;

/// <summary>The calendar period contacts are bucketed by, from <see cref="InteractionBatch.OpenedAt"/> in <see cref="GroupingOptions.TimeZone"/>.</summary>
public enum PeriodUnit
{
    /// <summary>No period: groups are keys only.</summary>
    None,

    /// <summary>A calendar day, labelled <c>2026-10-05</c>.</summary>
    Day,

    /// <summary>An ISO 8601 week (Monday start, ISO week-year), labelled <c>2026-W41</c>; a year has 52 or 53 weeks.</summary>
    Week,

    /// <summary>A calendar month, labelled <c>2026-10</c>.</summary>
    Month,
}
