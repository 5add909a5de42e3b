namespace CxMetrics.Internal;

/// <summary>
/// The exact state of every group, stored column-wise (one array per part of <see cref="MetricsState"/>) so the
/// grouped kernels can scatter into them by group id. <see cref="Get"/> turns a group back into a
/// <see cref="MetricsState"/> that the metrics' own <c>Finish</c> methods read.
/// </summary>
internal sealed class GroupStates
{
    /// <summary>Score bins per group: CSAT at 0, NPS at 16, CES at 32, FCR flags at 48; bins 0..10 are answers, 11 missing, 12 invalid.</summary>
    public const int ScoreStride = 64;
    public const int CsatOffset = 0, NpsOffset = 16, CesOffset = 32, FcrOffset = 48;
    public const int MissingBin = 11, InvalidBin = 12;

    public long[] Contacts = [];
    public long[] Scores = [];
    public long[] HandleCount = [], FirstResponseCount = [], ResolutionCount = [];
    public Int128[] HandleSum = [], FirstResponseSum = [], ResolutionSum = [];
    public long[] SlaMeasured = [], SlaBreached = [];

    public int Count { get; private set; }

    /// <summary>Adds a zeroed group and returns its id.</summary>
    public int AddGroup()
    {
        if (Count == Contacts.Length)
        {
            var capacity = Math.Max(16, Count * 2);
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

        return Count++;
    }

    public MetricsState Get(int g)
    {
        var state = default(MetricsState);
        state.Contacts = Contacts[g];
        var s = Scores.AsSpan(g * ScoreStride, ScoreStride);
        for (var v = 0; v < ScoreCounts.Length; v++)
        {
            state.Csat[v] = s[CsatOffset + v];
            state.Nps[v] = s[NpsOffset + v];
            state.Ces[v] = s[CesOffset + v];
            state.Fcr[v] = s[FcrOffset + v];
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
            s[CsatOffset + v] += state.Csat[v];
            s[NpsOffset + v] += state.Nps[v];
            s[CesOffset + v] += state.Ces[v];
            s[FcrOffset + v] += state.Fcr[v];
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
