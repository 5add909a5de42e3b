namespace CxMetrics;

/// <summary>A dictionary-encoded column contacts can be grouped by (see <see cref="GroupingOptions.Keys"/>).</summary>
public enum GroupKey
{
    /// <summary><see cref="InteractionBatch.Channel"/>.</summary>
    Channel,

    /// <summary><see cref="InteractionBatch.Agent"/>.</summary>
    Agent,

    /// <summary><see cref="InteractionBatch.Team"/>.</summary>
    Team,

    /// <summary><see cref="InteractionBatch.Priority"/>.</summary>
    Priority,
}
