namespace CxMetrics.Internal;

/// <summary>
/// Everything the metrics of one set of contacts are computed from, except the values percentiles need:
/// exact counts and sums only, so batch, grouped, streaming and parallel paths all merge by addition
/// and finish the same way (<see cref="InteractionMetrics.Finish"/>).
/// </summary>
internal struct MetricsState
{
    public long Contacts;
    public ScoreCounts Csat;
    public ScoreCounts Nps;
    public ScoreCounts Ces;
    public ScoreCounts Fcr;
    public DurationTotals Handle;
    public DurationTotals FirstResponse;
    public DurationTotals Resolution;
    public SlaCounts Sla;

    public void Add(in MetricsState other)
    {
        Contacts += other.Contacts;
        Csat.Add(other.Csat);
        Nps.Add(other.Nps);
        Ces.Add(other.Ces);
        Fcr.Add(other.Fcr);
        Handle.Add(other.Handle);
        FirstResponse.Add(other.FirstResponse);
        Resolution.Add(other.Resolution);
        Sla.Add(other.Sla);
    }
}
