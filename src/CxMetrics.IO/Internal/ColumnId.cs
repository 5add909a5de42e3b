namespace CxMetrics.IO.Internal;

/// <summary>The columns a reader recognises, in <see cref="InteractionColumns.All"/> order.</summary>
internal enum ColumnId
{
    ContactId,
    OpenedAt,
    Channel,
    Agent,
    Team,
    Priority,
    Customer,
    Csat,
    Nps,
    Ces,
    Fcr,
    Talk,
    Hold,
    Wrap,
    FirstResponse,
    Resolution,
    SlaTarget,
}

/// <summary>Name lookup for <see cref="ColumnId"/>.</summary>
internal static class ColumnIds
{
    public const int Count = 17;

    /// <summary>The column a header name stands for (canonical names and the fcr alias), or -1 for an unknown column.</summary>
    public static int FromName(string name) => name switch
    {
        InteractionColumns.ContactId => (int)ColumnId.ContactId,
        InteractionColumns.OpenedAt => (int)ColumnId.OpenedAt,
        InteractionColumns.Channel => (int)ColumnId.Channel,
        InteractionColumns.AgentId => (int)ColumnId.Agent,
        InteractionColumns.Team => (int)ColumnId.Team,
        InteractionColumns.Priority => (int)ColumnId.Priority,
        InteractionColumns.CustomerId => (int)ColumnId.Customer,
        InteractionColumns.Csat => (int)ColumnId.Csat,
        InteractionColumns.Nps => (int)ColumnId.Nps,
        InteractionColumns.Ces => (int)ColumnId.Ces,
        InteractionColumns.Fcr or InteractionColumns.FirstContactResolved => (int)ColumnId.Fcr,
        InteractionColumns.TalkSeconds => (int)ColumnId.Talk,
        InteractionColumns.HoldSeconds => (int)ColumnId.Hold,
        InteractionColumns.WrapSeconds => (int)ColumnId.Wrap,
        InteractionColumns.FirstResponseSeconds => (int)ColumnId.FirstResponse,
        InteractionColumns.ResolutionSeconds => (int)ColumnId.Resolution,
        InteractionColumns.SlaTargetSeconds => (int)ColumnId.SlaTarget,
        _ => -1,
    };

    /// <summary>Maps each name to a column and rejects a column given twice (also under its alias).</summary>
    public static int[] Map(IReadOnlyList<string> names)
    {
        var map = new int[names.Count];
        var seen = new int[Count];
        Array.Fill(seen, -1);
        for (var i = 0; i < names.Count; i++)
        {
            var id = FromName(names[i]);
            map[i] = id;
            if (id < 0)
            {
                continue;
            }

            if (seen[id] >= 0)
            {
                var first = names[seen[id]];
                throw new InteractionDataException(1, names[i], null, first == names[i]
                    ? "appears more than once in the header"
                    : $"is an alias of '{first}', which is also in the header");
            }

            seen[id] = i;
        }

        return map;
    }
}
