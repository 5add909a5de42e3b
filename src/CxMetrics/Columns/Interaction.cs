namespace CxMetrics;

/// <summary>
/// One contact as an ordinary .NET value, for callers who start from objects; <see cref="InteractionBatchBuilder"/>
/// turns many of them into a columnar <see cref="InteractionBatch"/>. Every field is optional.
/// </summary>
public readonly record struct Interaction
{
    /// <summary>When the contact was opened (converted to UTC).</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>The channel (phone, chat, email, ...).</summary>
    public string? Channel { get; init; }

    /// <summary>The agent who handled it.</summary>
    public string? Agent { get; init; }

    /// <summary>The agent's team.</summary>
    public string? Team { get; init; }

    /// <summary>The priority (the key an <see cref="SlaPolicy"/> maps to a target).</summary>
    public string? Priority { get; init; }

    /// <summary>The customer.</summary>
    public string? Customer { get; init; }

    /// <summary>CSAT answer on its scale.</summary>
    public byte? Csat { get; init; }

    /// <summary>NPS answer, 0..10.</summary>
    public byte? Nps { get; init; }

    /// <summary>CES answer on its scale.</summary>
    public byte? Ces { get; init; }

    /// <summary>Whether it was resolved at first contact.</summary>
    public bool? FirstContactResolved { get; init; }

    /// <summary>Talk time.</summary>
    public TimeSpan? TalkTime { get; init; }

    /// <summary>Hold time.</summary>
    public TimeSpan? HoldTime { get; init; }

    /// <summary>After-contact wrap-up time.</summary>
    public TimeSpan? WrapTime { get; init; }

    /// <summary>Time to first response.</summary>
    public TimeSpan? FirstResponseTime { get; init; }

    /// <summary>Time to resolution.</summary>
    public TimeSpan? ResolutionTime { get; init; }

    /// <summary>The contact's own first-response SLA target.</summary>
    public TimeSpan? SlaTarget { get; init; }
}
