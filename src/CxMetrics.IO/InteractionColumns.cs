namespace CxMetrics.IO;

/// <summary>
/// The column names of a contacts file (CSV header, Arrow field or Parquet column). Every column is optional;
/// names match exactly (case-sensitive), in any order, and unknown columns are ignored.
/// </summary>
public static class InteractionColumns
{
    /// <summary>The contact's id (read, never used by a metric, never validated).</summary>
    public const string ContactId = "contact_id";

    /// <summary>When the contact was opened: <c>YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)</c>.</summary>
    public const string OpenedAt = "opened_at";

    /// <summary>The channel key.</summary>
    public const string Channel = "channel";

    /// <summary>The agent key.</summary>
    public const string AgentId = "agent_id";

    /// <summary>The team key.</summary>
    public const string Team = "team";

    /// <summary>The priority key (matched exactly by an SLA policy).</summary>
    public const string Priority = "priority";

    /// <summary>The customer key (used by repeat-contact FCR).</summary>
    public const string CustomerId = "customer_id";

    /// <summary>CSAT answer, an integer on the CSAT scale.</summary>
    public const string Csat = "csat";

    /// <summary>NPS answer, an integer 0..10.</summary>
    public const string Nps = "nps";

    /// <summary>CES answer, an integer on the CES scale.</summary>
    public const string Ces = "ces";

    /// <summary>Resolved at first contact: true/false, 1/0, yes/no in any case.</summary>
    public const string Fcr = "fcr";

    /// <summary>An alias accepted for <see cref="Fcr"/>.</summary>
    public const string FirstContactResolved = "first_contact_resolved";

    /// <summary>Talk time in seconds.</summary>
    public const string TalkSeconds = "talk_seconds";

    /// <summary>Hold time in seconds.</summary>
    public const string HoldSeconds = "hold_seconds";

    /// <summary>Wrap-up time in seconds.</summary>
    public const string WrapSeconds = "wrap_seconds";

    /// <summary>Time to first response in seconds.</summary>
    public const string FirstResponseSeconds = "first_response_seconds";

    /// <summary>Time to resolution in seconds.</summary>
    public const string ResolutionSeconds = "resolution_seconds";

    /// <summary>The contact's own first-response SLA target in seconds.</summary>
    public const string SlaTargetSeconds = "sla_target_seconds";

    /// <summary>The 17 canonical names in the order the writers use.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ContactId, OpenedAt, Channel, AgentId, Team, Priority, CustomerId, Csat, Nps, Ces, Fcr,
        TalkSeconds, HoldSeconds, WrapSeconds, FirstResponseSeconds, ResolutionSeconds, SlaTargetSeconds,
    ];
}
