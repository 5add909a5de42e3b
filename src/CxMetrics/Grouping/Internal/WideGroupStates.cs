namespace CxMetrics.Internal;

/// <summary>
/// The wide (64-bit, every score value 0..10) state of every group, stored column-wise (one array per part of
/// <see cref="MetricsState"/>). <see cref="GroupStates"/> keeps rows added by batches in its compact 32-bit counters and
/// uses this store only for what those cannot hold: merged or deserialized states, and counters flushed before they
/// could overflow. Allocated only when first needed.
/// </summary>
internal sealed class WideGroupStates
{
    /// <summary>
    /// 64 score counters per group (metric k: 0 CSAT, 1 NPS, 2 CES, 3 FCR flags). The slots most rows touch share the
    /// group's first cache line: "missing" of each metric (slots 0..3), FCR no/yes (4, 5) and "invalid" (6, any metric).
    /// Answers v follow: CSAT 8 + v, NPS 19 + v, CES 30 + v (FCR values above 1 at 41 + v, never filled by a batch).
    /// </summary>
    public const int ScoreStride = 64;
    public const int InvalidSlot = 6;

    public static int MissingSlot(int metric) => metric;

    public static int Slot(int metric, int value) => metric == 3 ? (value < 2 ? 4 + value : 41 + value) : 8 + (11 * metric) + value;

    public long[] Contacts = [];
    public long[] Scores = [];
    public long[] HandleCount = [], FirstResponseCount = [], ResolutionCount = [];
    public Int128[] HandleSum = [], FirstResponseSum = [], ResolutionSum = [];
    public long[] SlaMeasured = [], SlaBreached = [];

    public int Count { get; private set; }

    /// <summary>The number of groups the arrays hold without growing.</summary>
    public int Capacity => Contacts.Length;

    /// <summary>
    /// Makes room for <paramref name="groups"/> groups in one step (exactly, when the arrays are empty; else growing by
    /// at least half), so a batch that creates many groups copies each array at most once.
    /// </summary>
    public void Reserve(int groups)
    {
        if (groups > Contacts.Length)
        {
            Resize(Contacts.Length == 0 ? groups : Math.Max(groups, Contacts.Length + (Contacts.Length / 2)));
        }
    }

    /// <summary>Makes groups 0..<paramref name="groups"/>−1 exist (new ones zeroed).</summary>
    public void EnsureCount(int groups)
    {
        Reserve(groups);
        Count = Math.Max(Count, groups);
    }

    /// <summary>Adds a zeroed group and returns its id.</summary>
    public int AddGroup()
    {
        if (Count == Contacts.Length)
        {
            Resize(Math.Max(16, Count * 2));
        }

        return Count++;
    }

    private void Resize(int capacity)
    {
        {
            Array.Resize(ref Contacts, capacity);
            Array.Resize(ref Scores, capacity * ScoreStride);
            Array.Resize(ref HandleCount, capacity);
            Array.Resize(ref FirstResponseCount, capacity);
            Array.Resize(ref ResolutionCount, capacity);
            Array.Resize(ref HandleSum, capacity);
            Array.Resize(ref FirstResponseSum, capacity);
            Array.Resize(ref ResolutionSum, capacity);
            Array.Resize(ref SlaMeasured, capacity);
            Array.Resize(ref SlaBreached, capacity);
        }
    }

    public MetricsState Get(int g)
    {
        var state = default(MetricsState);
        state.Contacts = Contacts[g];
        var s = Scores.AsSpan(g * ScoreStride, ScoreStride);
        for (var v = 0; v < ScoreCounts.Length; v++)
        {
            state.Csat[v] = s[Slot(0, v)];
            state.Nps[v] = s[Slot(1, v)];
            state.Ces[v] = s[Slot(2, v)];
            state.Fcr[v] = s[Slot(3, v)];
        }

        state.Handle = new DurationTotals { Count = HandleCount[g], SumTicks = HandleSum[g] };
        state.FirstResponse = new DurationTotals { Count = FirstResponseCount[g], SumTicks = FirstResponseSum[g] };
        state.Resolution = new DurationTotals { Count = ResolutionCount[g], SumTicks = ResolutionSum[g] };
        state.Sla = new SlaCounts { Measured = SlaMeasured[g], Breached = SlaBreached[g] };
        return state;
    }

    public void Add(int g, in MetricsState state)
    {
        Contacts[g] += state.Contacts;
        var s = Scores.AsSpan(g * ScoreStride, ScoreStride);
        for (var v = 0; v < ScoreCounts.Length; v++)
        {
            s[Slot(0, v)] += state.Csat[v];
            s[Slot(1, v)] += state.Nps[v];
            s[Slot(2, v)] += state.Ces[v];
            s[Slot(3, v)] += state.Fcr[v];
        }

        HandleCount[g] += state.Handle.Count;
        HandleSum[g] += state.Handle.SumTicks;
        FirstResponseCount[g] += state.FirstResponse.Count;
        FirstResponseSum[g] += state.FirstResponse.SumTicks;
        ResolutionCount[g] += state.Resolution.Count;
        ResolutionSum[g] += state.Resolution.SumTicks;
        SlaMeasured[g] += state.Sla.Measured;
        SlaBreached[g] += state.Sla.Breached;
    }

    /// <summary>A deep copy (a frozen result keeps the original).</summary>
    public WideGroupStates Clone() => new()
    {
        Contacts = (long[])Contacts.Clone(),
        Scores = (long[])Scores.Clone(),
        HandleCount = (long[])HandleCount.Clone(),
        FirstResponseCount = (long[])FirstResponseCount.Clone(),
        ResolutionCount = (long[])ResolutionCount.Clone(),
        HandleSum = (Int128[])HandleSum.Clone(),
        FirstResponseSum = (Int128[])FirstResponseSum.Clone(),
        ResolutionSum = (Int128[])ResolutionSum.Clone(),
        SlaMeasured = (long[])SlaMeasured.Clone(),
        SlaBreached = (long[])SlaBreached.Clone(),
        Count = Count,
    };
}
