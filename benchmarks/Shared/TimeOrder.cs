namespace CxMetrics.Benchmarks.Shared;

/// <summary>
/// A batch's rows ordered by opened_at (ties by row: stable), as a time-ordered export gives them: the same rows, groups
/// and numbers in another order. Compiled into the benchmark suites and the A/B driver (source-linked: the driver binds
/// to whichever CxMetrics build is under test, so it references no benchmark assembly).
/// </summary>
internal static class TimeOrder
{
    public static InteractionBatch Of(InteractionBatch batch)
    {
        var rows = batch.Length;
        var instants = batch.OpenedAt.ToArray();
        var order = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) => instants[x] != instants[y] ? instants[x].CompareTo(instants[y]) : x.CompareTo(y));
        T[] Take<T>(ReadOnlyMemory<T> column)
        {
            if (column.IsEmpty)
            {
                return [];
            }

            var source = column.Span;
            var result = new T[rows];
            for (var i = 0; i < rows; i++)
            {
                result[i] = source[order[i]];
            }

            return result;
        }

        KeyColumn Keys(KeyColumn column) => column.IsEmpty ? column : new KeyColumn(Take(column.Codes), column.Dictionary);
        return new InteractionBatch(rows)
        {
            Csat = Take(batch.Csat), Nps = Take(batch.Nps), Ces = Take(batch.Ces), FirstContactResolved = Take(batch.FirstContactResolved),
            TalkTime = Take(batch.TalkTime), HoldTime = Take(batch.HoldTime), WrapTime = Take(batch.WrapTime),
            FirstResponseTime = Take(batch.FirstResponseTime), ResolutionTime = Take(batch.ResolutionTime), SlaTarget = Take(batch.SlaTarget),
            OpenedAt = Take(batch.OpenedAt), Channel = Keys(batch.Channel), Agent = Keys(batch.Agent), Team = Keys(batch.Team),
            Priority = Keys(batch.Priority), Customer = Keys(batch.Customer),
        };
    }
}
