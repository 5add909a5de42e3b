using System.Globalization;

namespace CxMetrics.Tests.Grouping;

/// <summary>Small random batches with every kind of missing value, and naive (obviously right) helpers to filter and label rows.</summary>
internal static class GroupingTestData
{
    public static readonly string[] Channels = ["phone", "chat", "Chat", "é-mail", "b"];
    public static readonly string[] Agents = ["a1", "a2", "a10", "A1"];
    public static readonly string[] Teams = ["t1", "t2"];
    public static readonly string[] Priorities = ["P1", "P2", "P3"];
    public static readonly SlaPolicy Policy = SlaPolicy.Parse("P1=60,P2=300");
    public static readonly MetricOptions Metrics = MetricOptions.Default with { SlaPolicy = Policy };
    public static readonly DateTime Start = new(2026, 12, 20, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A random batch; <paramref name="shuffleDictionaries"/> gives each batch its own dictionary order.</summary>
    public static InteractionBatch Random(int seed, int rows, bool shuffleDictionaries = false, int customers = 6, double spanDays = 30)
    {
        var r = new Random(seed);
        var csat = new byte[rows];
        var nps = new byte[rows];
        var ces = new byte[rows];
        var fcr = new byte[rows];
        var talk = new long[rows];
        var hold = new long[rows];
        var wrap = new long[rows];
        var fr = new long[rows];
        var res = new long[rows];
        var sla = new long[rows];
        var opened = new long[rows];
        var channel = new int[rows];
        var agent = new int[rows];
        var team = new int[rows];
        var priority = new int[rows];
        var customer = new int[rows];
        var channels = Dict(Channels, r, shuffleDictionaries);
        var agents = Dict(Agents, r, shuffleDictionaries);
        var priorities = Dict(Priorities, r, shuffleDictionaries);
        var customerNames = new string[customers];
        for (var c = 0; c < customers; c++)
        {
            customerNames[c] = "cust" + c.ToString(CultureInfo.InvariantCulture);
        }

        if (shuffleDictionaries)
        {
            r.Shuffle(customerNames);
        }

        for (var i = 0; i < rows; i++)
        {
            csat[i] = r.Next(4) == 0 ? Missing.Score : (byte)r.Next(1, 6);
            nps[i] = r.Next(3) == 0 ? Missing.Score : (byte)r.Next(0, 11);
            ces[i] = r.Next(3) == 0 ? Missing.Score : (byte)r.Next(1, 8);
            fcr[i] = r.Next(4) == 0 ? Missing.Flag : (byte)r.Next(0, 2);
            talk[i] = Duration(r, 0.1);
            hold[i] = Duration(r, 0.3);
            wrap[i] = Duration(r, 0.3);
            fr[i] = Duration(r, 0.1);
            res[i] = Duration(r, 0.2);
            sla[i] = r.Next(3) == 0 ? r.Next(0, 400) * TimeSpan.TicksPerSecond : Missing.Duration;
            // Whole minutes make ties between contacts of a customer likely.
            opened[i] = r.Next(10) == 0 ? Missing.Instant : Start.Ticks + (r.Next(0, (int)(spanDays * 24 * 60)) * TimeSpan.TicksPerMinute);
            channel[i] = r.Next(8) == 0 ? Missing.Key : r.Next(channels.Length);
            agent[i] = r.Next(8) == 0 ? Missing.Key : r.Next(agents.Length);
            team[i] = r.Next(8) == 0 ? Missing.Key : r.Next(Teams.Length);
            priority[i] = r.Next(8) == 0 ? Missing.Key : r.Next(priorities.Length);
            customer[i] = r.Next(8) == 0 ? Missing.Key : r.Next(customers);
        }

        return new InteractionBatch(rows)
        {
            Csat = csat,
            Nps = nps,
            Ces = ces,
            FirstContactResolved = fcr,
            TalkTime = talk,
            HoldTime = hold,
            WrapTime = wrap,
            FirstResponseTime = fr,
            ResolutionTime = res,
            SlaTarget = sla,
            OpenedAt = opened,
            Channel = new KeyColumn(channel, channels),
            Agent = new KeyColumn(agent, agents),
            Team = new KeyColumn(team, Teams),
            Priority = new KeyColumn(priority, priorities),
            Customer = new KeyColumn(customer, customerNames),
        };
    }

    private static string[] Dict(string[] texts, Random r, bool shuffle)
    {
        var copy = (string[])texts.Clone();
        if (shuffle)
        {
            r.Shuffle(copy);
        }

        return copy;
    }

    private static long Duration(Random r, double missing) =>
        r.NextDouble() < missing ? Missing.Duration : r.Next(0, 5) == 0 ? r.Next(0, 3) * TimeSpan.TicksPerSecond : (long)(r.NextDouble() * 1000 * TimeSpan.TicksPerSecond);

    /// <summary>The rows <paramref name="rows"/> of a batch, copied (text keys re-encoded with the same dictionaries).</summary>
    public static InteractionBatch Select(InteractionBatch b, IReadOnlyList<int> rows)
    {
        var n = rows.Count;
        return new InteractionBatch(n)
        {
            Csat = Pick(b.Csat, rows),
            Nps = Pick(b.Nps, rows),
            Ces = Pick(b.Ces, rows),
            FirstContactResolved = Pick(b.FirstContactResolved, rows),
            TalkTime = Pick(b.TalkTime, rows),
            HoldTime = Pick(b.HoldTime, rows),
            WrapTime = Pick(b.WrapTime, rows),
            FirstResponseTime = Pick(b.FirstResponseTime, rows),
            ResolutionTime = Pick(b.ResolutionTime, rows),
            SlaTarget = Pick(b.SlaTarget, rows),
            OpenedAt = Pick(b.OpenedAt, rows),
            Channel = Pick(b.Channel, rows),
            Agent = Pick(b.Agent, rows),
            Team = Pick(b.Team, rows),
            Priority = Pick(b.Priority, rows),
            Customer = Pick(b.Customer, rows),
        };
    }

    /// <summary>Concatenates two batches (re-encoding keys by text into fresh dictionaries).</summary>
    public static InteractionBatch Concat(InteractionBatch a, InteractionBatch b)
    {
        var builder = new InteractionBatchBuilder();
        foreach (var batch in new[] { a, b })
        {
            for (var i = 0; i < batch.Length; i++)
            {
                builder.Add(Row(batch, i));
            }
        }

        return builder.Build();
    }

    public static Interaction Row(InteractionBatch b, int i) => new()
    {
        OpenedAt = b.OpenedAt.Span[i] < 0 ? null : new DateTimeOffset(b.OpenedAt.Span[i], TimeSpan.Zero),
        Channel = b.Channel.GetText(i),
        Agent = b.Agent.GetText(i),
        Team = b.Team.GetText(i),
        Priority = b.Priority.GetText(i),
        Customer = b.Customer.GetText(i),
        Csat = b.Csat.Span[i] == Missing.Score ? null : b.Csat.Span[i],
        Nps = b.Nps.Span[i] == Missing.Score ? null : b.Nps.Span[i],
        Ces = b.Ces.Span[i] == Missing.Score ? null : b.Ces.Span[i],
        FirstContactResolved = b.FirstContactResolved.Span[i] == Missing.Flag ? null : b.FirstContactResolved.Span[i] == 1,
        TalkTime = T(b.TalkTime.Span[i]),
        HoldTime = T(b.HoldTime.Span[i]),
        WrapTime = T(b.WrapTime.Span[i]),
        FirstResponseTime = T(b.FirstResponseTime.Span[i]),
        ResolutionTime = T(b.ResolutionTime.Span[i]),
        SlaTarget = T(b.SlaTarget.Span[i]),
    };

    private static TimeSpan? T(long ticks) => ticks < 0 ? null : TimeSpan.FromTicks(ticks);

    private static T[] Pick<T>(ReadOnlyMemory<T> column, IReadOnlyList<int> rows)
    {
        if (column.IsEmpty)
        {
            return [];
        }

        var result = new T[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            result[i] = column.Span[rows[i]];
        }

        return result;
    }

    private static KeyColumn Pick(KeyColumn column, IReadOnlyList<int> rows) =>
        column.IsEmpty ? column : new KeyColumn(Pick(column.Codes, rows), column.Dictionary);

    public static string? KeyText(InteractionBatch b, GroupKey key, int row) => key switch
    {
        GroupKey.Channel => b.Channel.GetText(row),
        GroupKey.Agent => b.Agent.GetText(row),
        GroupKey.Team => b.Team.GetText(row),
        _ => b.Priority.GetText(row),
    };

    /// <summary>The naive period label of a row: convert to local time with the BCL, format.</summary>
    public static string? PeriodLabel(InteractionBatch b, GroupingOptions g, int row)
    {
        if (g.Period == PeriodUnit.None)
        {
            return null;
        }

        var t = b.OpenedAt.IsEmpty ? -1 : b.OpenedAt.Span[row];
        if (t < 0)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(t, DateTimeKind.Utc), g.TimeZone);
        return g.Period switch
        {
            PeriodUnit.Day => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PeriodUnit.Week => $"{ISOWeek.GetYear(local):D4}-W{ISOWeek.GetWeekOfYear(local):D2}",
            _ => local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
    }

    public static string Describe(MetricsGroup g) => $"[{string.Join(", ", g.Keys.Select(k => k ?? "<null>"))}] {g.Period ?? "<null>"}";

    /// <summary>Asserts two grouped results are equal group by group (keys, period and every metric).</summary>
    public static void AssertEqual(GroupedMetrics expected, GroupedMetrics actual)
    {
        Assert.Equal(expected.Overall, actual.Overall);
        Assert.Equal(expected.Groups.Count, actual.Groups.Count);
        for (var i = 0; i < expected.Groups.Count; i++)
        {
            Assert.Equal(expected.Groups[i].Keys, actual.Groups[i].Keys);
            Assert.Equal(expected.Groups[i].Period, actual.Groups[i].Period);
            Assert.True(expected.Groups[i].Metrics == actual.Groups[i].Metrics, $"group {Describe(expected.Groups[i])}:\n{expected.Groups[i].Metrics}\n!=\n{actual.Groups[i].Metrics}");
        }
    }
}
