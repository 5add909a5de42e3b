namespace CxMetrics.Internal;

/// <summary>
/// The exact state of every group, stored column-wise (one array per part of <see cref="MetricsState"/>) so the
/// grouped kernels can scatter into them by group id. <see cref="Get"/> turns a group back into a
/// <see cref="MetricsState"/> that the metrics' own <c>Finish</c> methods read.
/// </summary>
internal sealed class GroupStates
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

    /// <summary>Adds every group of <paramref name="other"/> to group <c>map[g]</c> of this state, array by array.</summary>
    public void AddFrom(GroupStates other, ReadOnlySpan<int> map)
    {
        for (var g = 0; g < other.Count; g++)
        {
            var d = map[g];
            Contacts[d] += other.Contacts[g];
            var from = other.Scores.AsSpan(g * ScoreStride, ScoreStride);
            var to = Scores.AsSpan(d * ScoreStride, ScoreStride);
            System.Numerics.Tensors.TensorPrimitives.Add(to, from, to);
            HandleCount[d] += other.HandleCount[g];
            HandleSum[d] += other.HandleSum[g];
            FirstResponseCount[d] += other.FirstResponseCount[g];
            FirstResponseSum[d] += other.FirstResponseSum[g];
            ResolutionCount[d] += other.ResolutionCount[g];
            ResolutionSum[d] += other.ResolutionSum[g];
            SlaMeasured[d] += other.SlaMeasured[g];
            SlaBreached[d] += other.SlaBreached[g];
        }
    }
}
