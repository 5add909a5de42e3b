using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    /// <summary>Adds another accumulator's state to this one (the other is unchanged). Keys and periods match by text and time.</summary>
    /// <param name="other">An accumulator with the same <see cref="GroupingOptions"/> (keys, period, time zone, FCR window, percentile mode).</param>
    /// <exception cref="ArgumentException">The grouping differs, one keeps percentile values and the other does not, or <paramref name="other"/> is this instance.</exception>
    /// <exception cref="InvalidOperationException">Either accumulator is unusable.</exception>
    public void Merge(MetricsAccumulator other) => MergeFrom(other, move: false);

    /// <summary>Merges and, when <paramref name="move"/>, takes the other's pooled value buffers instead of copying them (the other must not be used again).</summary>
    internal void MergeFrom(MetricsAccumulator other, bool move)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("An accumulator cannot be merged into itself.", nameof(other));
        }

        ThrowIfUnusable();
        other.ThrowIfUnusable();
        if (!_grouping.SameGrouping(other._grouping))
        {
            throw new ArgumentException("Only accumulators with the same grouping (keys, period, time zone, FCR window, percentile mode) can be merged.", nameof(other));
        }

        if (KeepsPercentiles != other.KeepsPercentiles)
        {
            throw new ArgumentException("One accumulator keeps percentile values and the other does not (MetricOptions.IncludePercentiles differs).", nameof(other));
        }

        _unusable = true;
        var map = new int[other._groups.Count];
        var keyMaps = new int[_keys.Length][];
        for (var j = 0; j < _keys.Length; j++)
        {
            var theirs = other._keyTexts[j];
            keyMaps[j] = new int[theirs.Count];
            for (var c = 0; c < theirs.Count; c++)
            {
                keyMaps[j][c] = _keyTexts[j].GetOrAdd(theirs[c]);
            }
        }

        ReserveGroups(map.Length);
        Span<int> codes = stackalloc int[4];
        for (var g = 0; g < map.Length; g++)
        {
            var c = other._groups[g];
            for (var j = 0; j < _keys.Length; j++)
            {
                codes[j] = c[j] < 0 ? -1 : keyMaps[j][c[j]];
            }

            var period = c.Period < 0 ? -1 : PeriodIndex(other._periodKeys[c.Period]);
            map[g] = GroupOf(GroupCoordinates.Create(codes[.._keys.Length], period));
        }

        _states.AddFrom(other._states, map);

        if (_exact is not null)
        {
            for (var k = 0; k < _exact.Length; k++)
            {
                if (move)
                {
                    _exact[k].MoveFrom(other._exact![k], map);
                }
                else
                {
                    _exact[k].CopyFrom(other._exact![k], map);
                }
            }
        }
        else if (_sketches is not null)
        {
            for (var k = 0; k < _sketches.Length; k++)
            {
                _sketches[k].AddFrom(other._sketches![k], map);
            }
        }

        if (_repeat is not null)
        {
            var theirs = other._repeat!;
            var customerMap = new int[theirs.Customers.Count];
            for (var c = 0; c < customerMap.Length; c++)
            {
                customerMap[c] = _repeat.Customers.GetOrAdd(theirs.Customers[c]);
            }

            _repeat.Reserve(theirs.Count);
            for (var i = 0; i < theirs.Count; i++)
            {
                _repeat.Append(customerMap[theirs.Customer[i]], theirs.OpenedAt[i], map[theirs.Group[i]]);
            }
        }

        _latestOpenedAt = Math.Max(_latestOpenedAt, other._latestOpenedAt);
        _unusable = false;
    }
}
