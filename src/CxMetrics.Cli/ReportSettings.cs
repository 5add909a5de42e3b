namespace CxMetrics.Cli;

/// <summary>The parsed options of <c>cxmetrics report</c>.</summary>
internal sealed record ReportSettings
{
    public required string File { get; init; }

    public IReadOnlyList<GroupKey> Keys { get; init; } = [];

    public PeriodUnit Period { get; init; } = PeriodUnit.None;

    public OutputFormat Format { get; init; } = OutputFormat.Table;

    public bool Lenient { get; init; }

    public TimeSpan? FcrWindow { get; init; }

    public SlaPolicy? SlaPolicy { get; init; }

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    public bool ApproximatePercentiles { get; init; }

    public string? Out { get; init; }

    /// <summary>The CSV name of a group key, as it appears in JSON keys.</summary>
    public static string KeyName(GroupKey key) => key switch
    {
        GroupKey.Channel => "channel",
        GroupKey.Agent => "agent_id",
        GroupKey.Team => "team",
        _ => "priority",
    };
}

/// <summary>The output formats of <c>cxmetrics report</c>.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}
