using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    /// <summary>
    /// Finishes the overall metrics and orders the groups; each group's metrics are finished the first time it is read
    /// (from a frozen copy of the state, so later <see cref="Add"/> or <see cref="Merge"/> calls never change this result).
    /// The accumulator is unchanged and can keep accumulating.
    /// </summary>
    /// <returns>The grouped metrics: groups ordered by key tuple (unknown first, ordinal text order, then period ascending).</returns>
    /// <exception cref="InvalidOperationException">A previous <see cref="Add"/> failed half-way, or the accumulator was disposed.</exception>
    public GroupedMetrics Result() => Result(threads: 1);

    /// <summary>
    /// As <see cref="Result()"/>; with <paramref name="threads"/> &gt; 1 and many groups (the one-shot parallel compute)
    /// two threads copy the records for the result in pieces taken in turn (<see cref="ResultPieces"/>) and sum them as
    /// they go; before that, one orders the groups and the other lists their coordinates.
    /// </summary>
    internal GroupedMetrics Result(int threads)
    {
        ThrowIfUnusable();
        var groups = _groups.Count;
        DurationPercentiles[]? percentiles = null;
        var overallPercentiles = default(DurationPercentiles);
        if (KeepsPercentiles)
        {
            var handle = Percentiles(0, groups);
            var firstResponse = Percentiles(1, groups);
            var resolution = Percentiles(2, groups);
            overallPercentiles = new DurationPercentiles(handle.Overall, firstResponse.Overall, resolution.Overall);
            percentiles = new DurationPercentiles[groups];
            for (var g = 0; g < groups; g++)
            {
                percentiles[g] = new DurationPercentiles(handle.Groups[g], firstResponse.Groups[g], resolution.Groups[g]);
            }
        }

        long[]? fcr = null, censored = null;
        if (_repeat is not null)
        {
            fcr = new long[2 * groups];
            censored = new long[groups];
            _repeat.Decide(_grouping.FcrWindow!.Value.Ticks, _latestOpenedAt, fcr, censored);
        }

        var grouped = _keys.Length > 0 || _grouping.Period != PeriodUnit.None;
        MetricsState overallState = default;
        ChunkedArray<int>? order = null;
        FrozenGroupStates? frozen = null;
        ChunkedArray<int>? coordinates = null;
        if (grouped)
        {
            // The result's copy of the records and the overall sum in one read of the records.
            var copy = _states.NewFrozen();
            if (threads > 1 && groups >= ConcurrentResultGroups)
            {
                var parts = new MetricsState[2];
                var next = 0;
                RunParallel(2, t =>
                {
                    if (t == 1)
                    {
                        order = OrderedGroups();
                    }
                    else
                    {
                        coordinates = Coordinates();
                    }

                    MetricsState sum = default;
                    int piece;
                    while ((piece = Interlocked.Increment(ref next) - 1) < ResultPieces)
                    {
                        sum.Add(_states.CopyRecordsAndTotal(copy, piece, ResultPieces));
                    }

                    parts[t] = sum;
                });
                overallState = parts[0];
                overallState.Add(parts[1]);
            }
            else
            {
                overallState = _states.CopyRecordsAndTotal(copy, 0, 1);
            }

            _states.AddWideTotal(ref overallState);
            _states.Seal(copy);
            frozen = copy;
        }
        else
        {
            overallState = _states.Total();
        }

        long? overallCensored = null;
        if (fcr is not null)
        {
            long resolvedNo = 0, resolvedYes = 0, censoredTotal = 0;
            for (var g = 0; g < groups; g++)
            {
                resolvedNo += fcr[2 * g];
                resolvedYes += fcr[(2 * g) + 1];
                censoredTotal += censored![g];
            }

            overallState.Fcr = default;
            overallState.Fcr[0] = resolvedNo;
            overallState.Fcr[1] = resolvedYes;
            overallCensored = censoredTotal;
        }

        var overall = InteractionMetrics.Finish(overallState, _metrics, overallPercentiles);
        if (overallCensored is not null)
        {
            overall = overall with { Fcr = overall.Fcr with { Censored = overallCensored } };
        }

        IReadOnlyList<MetricsGroup> list = [];
        if (grouped)
        {
            var keyTexts = new string[_keys.Length][];
            for (var j = 0; j < keyTexts.Length; j++)
            {
                keyTexts[j] = _keyTexts[j].ToArray();
            }

            var finisher = new GroupFinisher(_metrics, _grouping.Period, frozen!, coordinates ?? Coordinates(), keyTexts, [.. _periodKeys], percentiles, fcr, censored);
            list = new LazyGroupList(finisher, order ?? OrderedGroups());
        }

        return new GroupedMetrics(overall, list) { SmallSampleThreshold = _grouping.SmallSampleThreshold };
    }

    private ((double? P50, double? P90) Overall, (double? P50, double? P90)[] Groups) Percentiles(int metric, int groups)
    {
        // Only called when percentiles are kept (without them, no per-group arrays are allocated: 4.3 MB for 45,000 groups).
        return _exact is not null ? _exact[metric].Percentiles(groups) : _sketches![metric].Percentiles(groups);
    }

    /// <summary>
    /// From this many groups the parallel compute sums the records and orders the groups at once (each about 0.1 ms for
    /// agent × day's 15,000 groups; below, the hand-off would cost more than it saves).
    /// </summary>
    private const int ConcurrentResultGroups = 4096;

    /// <summary>
    /// Pieces of the result's copy of the records that the two threads of a concurrent <see cref="Result(int)"/> take
    /// in turn: one thread orders the groups, the other lists their coordinates (about 0.2-0.5 ms and 0.1-0.2 ms for
    /// agent × day's 15,000 groups), and fixed halves of the copy left the second thread idle while the first finished
    /// (probe timers, agent × day on two threads: the whole <c>Result</c> 0.385 -> 0.266 ms at the median).
    /// </summary>
    private const int ResultPieces = 32;

    /// <summary>
    /// The groups' coordinates by group id, for a result: each group's key codes, then its period (−1: unknown or none),
    /// one int per grouping dimension (in chunks: see <see cref="ChunkedArray{T}"/>; only the dimensions the grouping
    /// has, where <see cref="GroupCoordinates"/> always has five).
    /// </summary>
    private ChunkedArray<int> Coordinates()
    {
        var dimensions = _keys.Length + 1;
        var coordinates = new ChunkedArray<int>(_groups.Count * dimensions, dimensions, zeroed: false);
        var groups = _groups.AsSpan();
        for (var g = 0; g < groups.Length; g++)
        {
            var to = coordinates.Slice(g * dimensions, dimensions);
            for (var j = 0; j < _keys.Length; j++)
            {
                to[j] = groups[g][j];
            }

            to[_keys.Length] = groups[g].Period;
        }

        return coordinates;
    }

    /// <summary>Group ids sorted by (key ranks..., period key), unknown (−1) first, for a result (in chunks: see <see cref="ChunkedArray{T}"/>).</summary>
    private ChunkedArray<int> OrderedGroups()
    {
        var order = System.Buffers.ArrayPool<int>.Shared.Rent(_groups.Count);
        try
        {
            OrderGroups(order.AsSpan(0, _groups.Count));
            var chunked = new ChunkedArray<int>(_groups.Count, zeroed: false);
            chunked.CopyFrom(order.AsSpan(0, _groups.Count));
            return chunked;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(order);
        }
    }

    /// <summary>Writes the group ids sorted by (key ranks..., period key), unknown (−1) first, to <paramref name="order"/>.</summary>
    private void OrderGroups(Span<int> order)
    {
        var groups = _groups.Count;
        var ranks = new int[_keys.Length][];
        for (var j = 0; j < ranks.Length; j++)
        {
            ranks[j] = _keyTexts[j].OrdinalRanks();
        }

        // One composite long per group when the ranks fit (they always do for real key counts): a primitive sort.
        var periodRanks = PeriodRanks();
        var radix = new long[_keys.Length + 1];
        double space = 1;
        for (var j = 0; j < _keys.Length; j++)
        {
            radix[j] = _keyTexts[j].Count + 1;
            space *= radix[j];
        }

        radix[^1] = _periodKeys.Count + 1;
        space *= radix[^1];
        for (var g = 0; g < groups; g++)
        {
            order[g] = g;
        }

        if (space <= Math.Max(4.0 * groups, 1 << 16))
        {
            // A small key space (every real report): one slot per possible key tuple, filled and read in order.
            var slots = System.Buffers.ArrayPool<int>.Shared.Rent((int)space);
            try
            {
                var used = slots.AsSpan(0, (int)space);
                used.Clear();
                for (var g = 0; g < groups; g++)
                {
                    used[(int)CompositeKey(g, ranks, periodRanks, radix)] = g + 1;
                }

                var at = 0;
                foreach (var slot in used)
                {
                    if (slot != 0)
                    {
                        order[at++] = slot - 1;
                    }
                }
            }
            finally
            {
                System.Buffers.ArrayPool<int>.Shared.Return(slots);
            }

            return;
        }

        if (space < 1e18)
        {
            var composite = new long[groups];
            for (var g = 0; g < groups; g++)
            {
                var c = _groups[g];
                long key = 0;
                for (var j = 0; j < _keys.Length; j++)
                {
                    key = (key * radix[j]) + (c[j] < 0 ? 0 : ranks[j][c[j]] + 1);
                }

                composite[g] = (key * radix[^1]) + (c.Period < 0 ? 0 : periodRanks[c.Period] + 1);
            }

            composite.AsSpan().Sort(order);
            return;
        }

        var sortKeys = new long[groups * 5];
        for (var g = 0; g < groups; g++)
        {
            var c = _groups[g];
            for (var j = 0; j < _keys.Length; j++)
            {
                sortKeys[(g * 5) + j] = c[j] < 0 ? -1 : ranks[j][c[j]];
            }

            sortKeys[(g * 5) + 4] = c.Period < 0 ? long.MinValue : _periodKeys[c.Period];
        }

        order.Sort((a, b) =>
        {
            for (var k = 0; k < 5; k++)
            {
                var cmp = sortKeys[(a * 5) + k].CompareTo(sortKeys[(b * 5) + k]);
                if (cmp != 0)
                {
                    return cmp;
                }
            }

            return 0;
        });
    }

    private long CompositeKey(int g, int[][] ranks, int[] periodRanks, long[] radix)
    {
        var c = _groups[g];
        long key = 0;
        for (var j = 0; j < _keys.Length; j++)
        {
            key = (key * radix[j]) + (c[j] < 0 ? 0 : ranks[j][c[j]] + 1);
        }

        return (key * radix[^1]) + (c.Period < 0 ? 0 : periodRanks[c.Period] + 1);
    }

    private int[] PeriodRanks()
    {
        var keys = _periodKeys.ToArray();
        var index = new int[keys.Length];
        for (var p = 0; p < index.Length; p++)
        {
            index[p] = p;
        }

        Array.Sort(keys, index);
        var ranks = new int[keys.Length];
        for (var r = 0; r < index.Length; r++)
        {
            ranks[index[r]] = r;
        }

        return ranks;
    }
}
