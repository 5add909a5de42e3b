namespace CxMetrics.Internal;

/// <summary>
/// An accumulator's lookup from a group's coordinates to its id. With at most one key column (agent × day, channel ×
/// month, ...) the coordinates are two small dense indices, so the lookup is one read of a table indexed by
/// (key code + 1, period + 1) instead of a hash lookup: a streamed file resolves every group it meets again in each
/// batch (about 35,000 per 65,536-row batch by agent × day), and the dictionary's entries (1.4 MB for 45,000 groups)
/// do not stay in L2 while the table (4 bytes a cell) does. More key columns, or a table that would pass
/// <see cref="DenseCellLimit"/> cells, use a dictionary.
/// </summary>
internal sealed class GroupIndex(PooledList<GroupCoordinates> groups, bool dense)
{
    /// <summary>At most this many table cells (16 MB); beyond, the index becomes a dictionary.</summary>
    internal const int DenseCellLimit = 1 << 22;

    private readonly PooledList<GroupCoordinates> _groups = groups;
    private Dictionary<GroupCoordinates, int>? _dictionary = dense ? null : [];
    private int[] _table = []; // group id + 1 by (K0 + 1) * _periods + (Period + 1); 0 = no group
    private int _keys; // the table's extent in K0 + 1
    private int _periods; // and in Period + 1

    /// <summary>The number of groups indexed (the first <c>Count</c> of the accumulator's groups).</summary>
    public int Count { get; private set; }

    /// <summary>The group with these coordinates, if indexed.</summary>
    public bool TryGet(GroupCoordinates coordinates, out int group)
    {
        if (_dictionary is not null)
        {
            return _dictionary.TryGetValue(coordinates, out group);
        }

        var k = coordinates.K0 + 1;
        var p = coordinates.Period + 1;
        group = (uint)k < (uint)_keys && (uint)p < (uint)_periods ? _table[(k * _periods) + p] - 1 : -1;
        return group >= 0;
    }

    /// <summary>Indexes the next group (its id is <see cref="Count"/>; its coordinates are not indexed yet).</summary>
    public void AddNext(GroupCoordinates coordinates)
    {
        if (_dictionary is null)
        {
            var k = coordinates.K0 + 1;
            var p = coordinates.Period + 1;
            if ((uint)k >= (uint)_keys || (uint)p >= (uint)_periods)
            {
                Grow(k, p); // may turn the index into a dictionary
            }

            if (_dictionary is null)
            {
                _table[(k * _periods) + p] = ++Count; // group id + 1
                return;
            }
        }

        _dictionary.Add(coordinates, Count++);
    }

    /// <summary>Makes room for <paramref name="groups"/> groups in all (the dictionary's buckets; the table grows by its extents).</summary>
    public void EnsureCapacity(int groups) => _dictionary?.EnsureCapacity(groups);

    /// <summary>
    /// Widens the table to hold key index <paramref name="k"/> and period index <paramref name="p"/> (each extent at
    /// least doubles, so the copying stays proportional to the groups), or turns the index into a dictionary when the
    /// table would pass <see cref="DenseCellLimit"/> cells.
    /// </summary>
    private void Grow(int k, int p)
    {
        long keys = Math.Max(_keys, 1);
        long periods = Math.Max(_periods, 1);
        while (keys <= k)
        {
            keys *= 2;
        }

        while (periods <= p)
        {
            periods *= 2;
        }

        var groups = _groups.AsSpan()[..Count];
        if (keys * periods > DenseCellLimit)
        {
            _dictionary = new Dictionary<GroupCoordinates, int>(Math.Max(Count * 2, 16));
            for (var g = 0; g < groups.Length; g++)
            {
                _dictionary.Add(groups[g], g);
            }

            _table = [];
            return;
        }

        var table = new int[keys * periods];
        for (var g = 0; g < groups.Length; g++)
        {
            table[((groups[g].K0 + 1) * periods) + groups[g].Period + 1] = g + 1;
        }

        _table = table;
        _keys = (int)keys;
        _periods = (int)periods;
    }
}
