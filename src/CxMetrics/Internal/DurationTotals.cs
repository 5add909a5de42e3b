namespace CxMetrics.Internal;

/// <summary>The exact state behind a duration mean: how many rows were measured and the sum of their ticks.</summary>
/// <remarks>The sum is a 128-bit integer: exact for any row count, so the mean does not depend on width, threads or order.</remarks>
internal struct DurationTotals
{
    public long Count;
    public Int128 SumTicks;

    public void Add(in DurationTotals other)
    {
        Count += other.Count;
        SumTicks += other.SumTicks;
    }

    public readonly double? MeanSeconds => Count == 0 ? null : (double)SumTicks / Count / Durations.TicksPerSecond;
}
