using System.Collections;

namespace CxMetrics.Internal;

/// <summary>
/// The groups of a result, in report order, each finished (a <see cref="MetricsGroup"/> with its
/// <see cref="InteractionMetrics"/>) the first time it is read and then kept: a report over tens of thousands of groups
/// does not pay for records nobody reads, and reading every group costs what an eager list would. Reads the group
/// states frozen when the result was taken, so later changes to the accumulator never show. Thread-safe for readers.
/// </summary>
internal sealed class LazyGroupList(GroupFinisher finisher, ChunkedArray<int> order) : IReadOnlyList<MetricsGroup>
{
    private readonly ChunkedArray<MetricsGroup?> _finished = new(order.Length);

    public int Count => order.Length;

    public MetricsGroup this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, order.Length);
            return Volatile.Read(ref _finished[index]) ?? Finish(index);
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
        return Interlocked.CompareExchange(ref _finished[index], group, null) ?? group;
    }
}
