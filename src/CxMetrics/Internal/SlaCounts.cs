namespace CxMetrics.Internal;

/// <summary>The exact state of the SLA breach rate: measured and breached rows.</summary>
internal struct SlaCounts
{
    public long Measured;
    public long Breached;

    public void Add(in SlaCounts other)
    {
        Measured += other.Measured;
        Breached += other.Breached;
    }
}
