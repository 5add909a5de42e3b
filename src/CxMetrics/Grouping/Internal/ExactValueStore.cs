using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// The values exact percentiles need, for one duration metric: one segment per batch added, each a pooled buffer
/// of 8-byte tick values laid out as runs of one group. Merging copies (or, between owned accumulators, moves) segments.
/// </summary>
internal sealed class ExactValueStore : IDisposable
{
    private readonly List<Segment> _segments = [];

    public sealed class Segment
    {
        public required long[] Values;
        public required int[] RunGroup;
        public required int[] RunStart;
        public required int[] RunCount;
        public int Runs;
    }

    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>Takes a batch's gathered values: group g's values are <c>values[start[g]..start[g]+count[g]]</c> for every g in <paramref name="groups"/> (the groups the batch touched, ascending) with count &gt; 0.</summary>
    public void AddBatch(long[] values, ReadOnlySpan<int> groups, ReadOnlySpan<int> start, ReadOnlySpan<int> count)
    {
        var runs = 0;
        foreach (var g in groups)
        {
            runs += count[g] > 0 ? 1 : 0;
        }

        var segment = new Segment { Values = values, RunGroup = new int[runs], RunStart = new int[runs], RunCount = new int[runs], Runs = runs };
        var r = 0;
        foreach (var g in groups)
        {
            if (count[g] > 0)
            {
                segment.RunGroup[r] = g;
                segment.RunStart[r] = start[g];
                segment.RunCount[r] = count[g];
                r++;
            }
        }

        _segments.Add(segment);
    }

    /// <summary>Adds a segment read or copied from elsewhere (this store takes ownership of its pooled buffer).</summary>
    public void AddSegment(Segment segment) => _segments.Add(segment);

    /// <summary>Copies another store's values with its group ids mapped through <paramref name="groupMap"/>.</summary>
    public void CopyFrom(ExactValueStore other, ReadOnlySpan<int> groupMap)
    {
        foreach (var s in other._segments)
        {
            var total = 0;
            for (var r = 0; r < s.Runs; r++)
            {
                total += s.RunCount[r];
            }

            var values = ArrayPool<long>.Shared.Rent(Math.Max(total, 1));
            var copy = new Segment { Values = values, RunGroup = new int[s.Runs], RunStart = new int[s.Runs], RunCount = new int[s.Runs], Runs = s.Runs };
            var at = 0;
            for (var r = 0; r < s.Runs; r++)
            {
                s.Values.AsSpan(s.RunStart[r], s.RunCount[r]).CopyTo(values.AsSpan(at));
                copy.RunGroup[r] = groupMap[s.RunGroup[r]];
                copy.RunStart[r] = at;
                copy.RunCount[r] = s.RunCount[r];
                at += s.RunCount[r];
            }

            _segments.Add(copy);
        }
    }

    /// <summary>Moves another store's segments here (the other store is left empty), mapping group ids in place.</summary>
    public void MoveFrom(ExactValueStore other, ReadOnlySpan<int> groupMap)
    {
        foreach (var s in other._segments)
        {
            for (var r = 0; r < s.Runs; r++)
            {
                s.RunGroup[r] = groupMap[s.RunGroup[r]];
            }

            _segments.Add(s);
        }

        other._segments.Clear();
    }

    /// <summary>Exact p50/p90 of every group (index = group id) and of all values together.</summary>
    public ((double? P50, double? P90) Overall, (double? P50, double? P90)[] Groups) Percentiles(int groups)
    {
        var result = new (double? P50, double? P90)[groups];
        var total = TotalValues();
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException("More values than one array can hold for exact percentiles; use GroupingOptions.ApproximatePercentiles.");
        }

        var all = ArrayPool<long>.Shared.Rent((int)Math.Max(total, 1));
        try
        {
            var allAt = 0;
            if (_segments.Count == 1)
            {
                // One batch (or one parallel compute): each group is one run, selected in place (selection only reorders
                // a group's own values, which never matters), without gathering runs into a scratch copy.
                var segment = _segments[0];
                for (var r = 0; r < segment.Runs; r++)
                {
                    var values = segment.Values.AsSpan(segment.RunStart[r], segment.RunCount[r]);
                    values.CopyTo(all.AsSpan(allAt));
                    allAt += values.Length;
                    result[segment.RunGroup[r]] = ExactPercentiles.P50P90(values);
                }

                return (ExactPercentiles.P50P90(all.AsSpan(0, allAt)), result);
            }

            ForEachGroup(groups, (g, values) =>
            {
                values.CopyTo(all.AsSpan(allAt));
                allAt += values.Length;
                result[g] = ExactPercentiles.P50P90(values);
            });
            return (ExactPercentiles.P50P90(all.AsSpan(0, allAt)), result);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(all);
        }
    }

    public long TotalValues()
    {
        long total = 0;
        foreach (var s in _segments)
        {
            for (var r = 0; r < s.Runs; r++)
            {
                total += s.RunCount[r];
            }
        }

        return total;
    }

    public delegate void GroupValuesAction(int group, Span<long> values);

    /// <summary>Calls <paramref name="action"/> once per group that has values, with a pooled scratch copy of all its values (any order; the action may reorder them).</summary>
    public void ForEachGroup(int groups, GroupValuesAction action)
    {
        var perGroup = new long[groups];
        var runStartOfGroup = new int[groups + 1];
        var runTotal = 0;
        foreach (var s in _segments)
        {
            for (var r = 0; r < s.Runs; r++)
            {
                perGroup[s.RunGroup[r]] += s.RunCount[r];
                runStartOfGroup[s.RunGroup[r] + 1]++;
            }

            runTotal += s.Runs;
        }

        for (var g = 0; g < groups; g++)
        {
            runStartOfGroup[g + 1] += runStartOfGroup[g];
        }

        var runSegment = new Segment[runTotal];
        var runIndex = new int[runTotal];
        var fill = runStartOfGroup.AsSpan(0, groups).ToArray();
        foreach (var s in _segments)
        {
            for (var r = 0; r < s.Runs; r++)
            {
                var at = fill[s.RunGroup[r]]++;
                runSegment[at] = s;
                runIndex[at] = r;
            }
        }

        for (var g = 0; g < groups; g++)
        {
            if (perGroup[g] == 0)
            {
                continue;
            }

            var buffer = ArrayPool<long>.Shared.Rent((int)perGroup[g]);
            try
            {
                var at = 0;
                for (var k = runStartOfGroup[g]; k < runStartOfGroup[g + 1]; k++)
                {
                    var s = runSegment[k];
                    var r = runIndex[k];
                    s.Values.AsSpan(s.RunStart[r], s.RunCount[r]).CopyTo(buffer.AsSpan(at));
                    at += s.RunCount[r];
                }

                action(g, buffer.AsSpan(0, at));
            }
            finally
            {
                ArrayPool<long>.Shared.Return(buffer);
            }
        }
    }

    public void Dispose()
    {
        foreach (var s in _segments)
        {
            ArrayPool<long>.Shared.Return(s.Values);
        }

        _segments.Clear();
    }
}
