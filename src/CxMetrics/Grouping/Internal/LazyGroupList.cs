using System.Collections;

namespace CxMetrics.Internal;

/// <summary>
/// The groups of a result, in report order, each finished (a <see cref="MetricsGroup"/> with its
/// <see cref="InteractionMetrics"/>) the first time it is read and then kept: a report over tens of thousands of groups
/// does not pay for records nobody reads, and reading every group costs what an eager list would. Reads the group
/// states frozen when the result was taken, so later changes to the accumulator never show. Thread-safe for readers.
/// The finished groups are kept in slots of <see cref="SlotsPerChunk"/>, each run of slots allocated when one of its
/// groups is first read: a result nobody reads allocates none (agent × day: 120 KB less per call; every allocation
/// counts, see <see cref="FrozenGroupStates"/>), and every chunk stays below the large-object threshold.
/// </summary>
internal sealed class LazyGroupList(GroupFinisher finisher, ChunkedArray<int> order) : IReadOnlyList<MetricsGroup>
{
    /// <summary>Slots per chunk: 64 KB of references.</summary>
    internal const int SlotsPerChunk = 8192;

    private readonly MetricsGroup?[]?[] _finished = new MetricsGroup?[]?[(order.Length + SlotsPerChunk - 1) / SlotsPerChunk];

    public int Count => order.Length;

    public MetricsGroup this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, order.Length);
            var chunk = Volatile.Read(ref _finished[index / SlotsPerChunk]);
            return (chunk is null ? null : Volatile.Read(ref chunk[index % SlotsPerChunk])) ?? Finish(index);
        }
    }

    public IEnumerator<MetricsGroup> GetEnumerator()
    {
        for (var i = 0; i < order.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private MetricsGroup Finish(int index)
    {
        var group = finisher.Finish(order[index]);
        ref var slot = ref _finished[index / SlotsPerChunk];
        var chunk = Volatile.Read(ref slot);
        if (chunk is null)
        {
            var size = Math.Min(SlotsPerChunk, order.Length - (index / SlotsPerChunk * SlotsPerChunk));
            var created = new MetricsGroup?[size];
            chunk = Interlocked.CompareExchange(ref slot, created, null) ?? created;
        }

        return Interlocked.CompareExchange(ref chunk[index % SlotsPerChunk], group, null) ?? group;
    }
}
