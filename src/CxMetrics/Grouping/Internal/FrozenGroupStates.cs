namespace CxMetrics.Internal;

/// <summary>The group states as they were when a result was taken: arrays the accumulator no longer writes (it copies them before its next change).</summary>
internal sealed class FrozenGroupStates(GroupStates layout, uint[] records, WideGroupStates? wide, int count)
{
    public int Count => count;

    public MetricsState Get(int g) => layout.Read(records, wide, g);
}
