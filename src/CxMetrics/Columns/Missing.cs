namespace CxMetrics;

/// <summary>
/// The values that mark "no value" in each kind of column. Every kernel treats these, and only these,
/// as missing; a metric never counts a missing value.
/// </summary>
public static class Missing
{
    /// <summary>A survey score that was not answered (CSAT, NPS, CES columns).</summary>
    public const byte Score = byte.MaxValue;

    /// <summary>A flag whose value is unknown (first-contact-resolved column: 0 = no, 1 = yes).</summary>
    public const byte Flag = byte.MaxValue;

    /// <summary>
    /// A duration that was not measured. Any negative duration is treated as missing;
    /// this is the canonical one that builders and readers write.
    /// </summary>
    public const long Duration = long.MinValue;

    /// <summary>An instant that is unknown (opened-at column).</summary>
    public const long Instant = long.MinValue;

    /// <summary>A categorical key that is unknown (channel, agent, team, priority, customer codes).</summary>
    public const int Key = -1;
}
