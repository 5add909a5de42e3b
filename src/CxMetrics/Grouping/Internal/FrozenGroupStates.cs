namespace CxMetrics.Internal;

/// <summary>The group states as they were when a result was taken: a copy the accumulator never writes (<see cref="GroupStates.Freeze"/>).</summary>
internal sealed class FrozenGroupStates(GroupStates layout, ChunkedArray<uint> records, WideGroupStates? wide, int count)
{
    public int Count => count;

    public MetricsState Get(int g) => layout.Read(records.Slice(g * layout.RecordStride, layout.RecordStride), wide, g);
}
