using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// The values exact percentiles need, for one duration metric: 8-byte tick values packed one after another into pooled
/// chunks of equal length, appended as runs (one group's values of one batch). A run is its group and where it
/// starts; it ends where the next one starts. Memory is the values themselves, 8 bytes each, plus 8 bytes per run, whatever
/// the batch sizes: only the last chunk is partly empty.
/// </summary>
/// <remarks>
/// <para>Why runs and consolidation: with many groups a batch gives each group only one or two values (agent × day: 65,536
/// rows over 45,000 groups), so one run per group per batch would cost as much as the values. When the runs pass an eighth
/// of the values (at most 1 byte of metadata per value) and have at least doubled since the last time, the store
/// rewrites itself group-major (one run per group and chunk, <see cref="Consolidate"/>). Both conditions make the rewrites
/// geometric (a rewrite comes only after the runs, and with them the values, have grown by a constant factor), so the
/// copying is proportional to the values in all. Few groups (channel × day, or no key at all) never trigger it.</para>
/// <para>Percentiles read each group's runs in place (<see cref="ExactPercentiles.P50P90InPieces"/>):
/// nothing is gathered into one large buffer, and the overall percentiles read every run the same way.</para>
/// </remarks>
internal sealed class ExactValueStore : IDisposable
{
    private readonly int _shift;
    private readonly int _chunkLength;
    private readonly List<long[]> _chunks = [];
    private Run[] _runs = [];
    private int _runCount;
    private int _total;
    private int _runsAfterConsolidation;

    /// <param name="chunkShift">log2 of the values per chunk. 14 (16,384 values, 128 KB) puts chunks on the large object heap:
    /// measured with 10M rows by agent × day, 32 KB chunks (small-object heap, promoted through gen0 and gen1, and the old
    /// chunks of a consolidation left as gen2 garbage) gave a 756 MB peak working set, 128 KB chunks 526 MB. Tests lower it so
    /// that runs cross chunks.</param>
    public ExactValueStore(int chunkShift = 14)
    {
        _shift = chunkShift;
        _chunkLength = 1 << chunkShift;
    }

    /// <summary>Values held.</summary>
    public long TotalValues() => _total;

    /// <summary>Runs held (tests check that consolidation bounds them).</summary>
    internal int RunCount => _runCount;

    /// <summary>Takes a batch's gathered values: group g's values are <c>values[start[g]..start[g]+count[g]]</c> for every g in <paramref name="groups"/> with count &gt; 0. Copies them; the caller keeps its buffer.</summary>
    public void AddBatch(ReadOnlySpan<long> values, ReadOnlySpan<int> groups, ReadOnlySpan<int> start, ReadOnlySpan<int> count)
    {
        foreach (var g in groups)
        {
            if (count[g] > 0)
            {
                Append(g, values.Slice(start[g], count[g]));
            }
        }

        ConsolidateIfFragmented();
    }

    /// <summary>Appends values of one group.</summary>
    /// <exception cref="InvalidOperationException">The store would pass 2^31 − 1 values.</exception>
    public void Append(int group, ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        if (values.Length > int.MaxValue - _total)
        {
            throw new InvalidOperationException("More than 2^31 - 1 values of one duration for exact percentiles; use GroupingOptions.ApproximatePercentiles.");
        }

        if (_runCount == 0 || _runs[_runCount - 1].Group != group)
        {
            AddRun(new Run(group, _total));
        }

        while (!values.IsEmpty)
        {
            var offset = _total & (_chunkLength - 1);
            if (offset == 0 && _total >> _shift == _chunks.Count)
            {
                _chunks.Add(ArrayPool<long>.Shared.Rent(_chunkLength));
            }

            var m = Math.Min(values.Length, _chunkLength - offset);
            values[..m].CopyTo(_chunks[_total >> _shift].AsSpan(offset, m));
            _total += m;
            values = values[m..];
        }
    }

    /// <summary>Copies another store's values with its group ids mapped through <paramref name="groupMap"/>.</summary>
    public void CopyFrom(ExactValueStore other, ReadOnlySpan<int> groupMap)
    {
        Span<ValuePiece> pieces = new ValuePiece[(other._total / _chunkLength) + 2];
        for (var r = 0; r < other._runCount; r++)
        {
            var group = groupMap[other._runs[r].Group];
            foreach (var piece in other.Pieces(r, pieces))
            {
                Append(group, piece.Span);
            }
        }

        ConsolidateIfFragmented();
    }

    /// <summary>Moves another store's values here (the other store is left empty), mapping group ids.</summary>
    public void MoveFrom(ExactValueStore other, ReadOnlySpan<int> groupMap)
    {
        if (_runCount == 0 && _chunks.Count == 0 && other._shift == _shift)
        {
            // Nothing here yet: take the other store's chunks as they are.
            _chunks.AddRange(other._chunks);
            _runs = other._runs;
            _runCount = other._runCount;
            for (var r = 0; r < _runCount; r++)
            {
                _runs[r] = _runs[r] with { Group = groupMap[_runs[r].Group] };
            }

            _total = other._total;
            _runsAfterConsolidation = other._runsAfterConsolidation;
            other._chunks.Clear();
            other.Forget();
            return;
        }

        CopyFrom(other, groupMap);
        other.Dispose();
    }

    /// <summary>Exact p50/p90 of every group (index = group id) and of all values together. Leaves the values as they are.</summary>
    public ((double? P50, double? P90) Overall, (double? P50, double? P90)[] Groups) Percentiles(int groups)
    {
        var result = new (double? P50, double? P90)[groups];
        var (first, pieces) = PiecesByGroup(groups);
        for (var g = 0; g < groups; g++)
        {
            if (first[g + 1] > first[g])
            {
                result[g] = ExactPercentiles.P50P90InPieces(pieces.AsSpan(first[g], first[g + 1] - first[g]));
            }
        }

        var all = new ValuePiece[_chunks.Count];
        for (var c = 0; c < all.Length; c++)
        {
            all[c] = new ValuePiece(_chunks[c], 0, Math.Min(_chunkLength, _total - (c * _chunkLength)));
        }

        return (ExactPercentiles.P50P90InPieces(all), result);
    }

    public delegate void GroupValuesAction(int group, Span<long> values);

    /// <summary>Calls <paramref name="action"/> once per group that has values, in group order, with a pooled scratch copy of all its values (any order; the action may reorder them).</summary>
    public void ForEachGroup(int groups, GroupValuesAction action)
    {
        var (first, pieces) = PiecesByGroup(groups);
        for (var g = 0; g < groups; g++)
        {
            if (first[g + 1] == first[g])
            {
                continue;
            }

            var n = 0;
            for (var k = first[g]; k < first[g + 1]; k++)
            {
                n += pieces[k].Length;
            }

            var buffer = ArrayPool<long>.Shared.Rent(n);
            try
            {
                var at = 0;
                for (var k = first[g]; k < first[g + 1]; k++)
                {
                    pieces[k].Span.CopyTo(buffer.AsSpan(at));
                    at += pieces[k].Length;
                }

                action(g, buffer.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<long>.Shared.Return(buffer);
            }
        }
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<long>.Shared.Return(chunk);
        }

        _chunks.Clear();
        Forget();
    }

    /// <summary>Rewrites the store group-major when its runs have become a large part of it (see the remarks).</summary>
    private void ConsolidateIfFragmented()
    {
        if (_runCount > 2 * Math.Max(_runsAfterConsolidation, 64) && (long)_runCount * 8 > _total)
        {
            Consolidate();
        }
    }

    /// <summary>Copies every value to new chunks, group after group (one run per group), and returns the old chunks.</summary>
    internal void Consolidate()
    {
        var groups = 0;
        for (var r = 0; r < _runCount; r++)
        {
            groups = Math.Max(groups, _runs[r].Group + 1);
        }

        var next = new int[groups + 1];
        for (var r = 0; r < _runCount; r++)
        {
            next[_runs[r].Group + 1] += RunLength(r);
        }

        for (var g = 0; g < groups; g++)
        {
            next[g + 1] += next[g];
        }

        var runs = new Run[Math.Max(64, 2 * groups)];
        var runCount = 0;
        for (var g = 0; g < groups; g++)
        {
            if (next[g + 1] > next[g])
            {
                runs[runCount++] = new Run(g, next[g]);
            }
        }

        var chunkCount = (_total + _chunkLength - 1) / _chunkLength;
        var chunks = new List<long[]>(chunkCount);
        for (var c = 0; c < chunkCount; c++)
        {
            chunks.Add(ArrayPool<long>.Shared.Rent(_chunkLength));
        }

        Span<ValuePiece> pieces = new ValuePiece[(_total / _chunkLength) + 2];
        for (var r = 0; r < _runCount; r++)
        {
            var group = _runs[r].Group;
            foreach (var piece in Pieces(r, pieces))
            {
                var source = piece.Span;
                var at = next[group];
                next[group] += source.Length;
                while (!source.IsEmpty)
                {
                    var offset = at & (_chunkLength - 1);
                    var m = Math.Min(source.Length, _chunkLength - offset);
                    source[..m].CopyTo(chunks[at >> _shift].AsSpan(offset, m));
                    source = source[m..];
                    at += m;
                }
            }
        }

        foreach (var chunk in _chunks)
        {
            ArrayPool<long>.Shared.Return(chunk);
        }

        _chunks.Clear();
        _chunks.AddRange(chunks);
        _runs = runs;
        _runCount = runCount;
        _runsAfterConsolidation = runCount;
    }

    private int RunLength(int r) => (r + 1 < _runCount ? _runs[r + 1].Start : _total) - _runs[r].Start;

    /// <summary>Run <paramref name="r"/> as pieces, one per chunk it covers (written to <paramref name="buffer"/>).</summary>
    private Span<ValuePiece> Pieces(int r, Span<ValuePiece> buffer)
    {
        var at = _runs[r].Start;
        var end = at + RunLength(r);
        var n = 0;
        while (at < end)
        {
            var offset = at & (_chunkLength - 1);
            var m = Math.Min(end - at, _chunkLength - offset);
            buffer[n++] = new ValuePiece(_chunks[at >> _shift], offset, m);
            at += m;
        }

        return buffer[..n];
    }

    /// <summary>Every run as pieces, ordered by group (then by append order); group g's pieces are <c>pieces[first[g]..first[g + 1]]</c>.</summary>
    private (int[] First, ValuePiece[] Pieces) PiecesByGroup(int groups)
    {
        // A run of L values starting at offset o covers ceil((o % C + L) / C) chunks.
        var first = new int[groups + 1];
        for (var r = 0; r < _runCount; r++)
        {
            first[_runs[r].Group + 1] += PieceCount(r);
        }

        for (var g = 0; g < groups; g++)
        {
            first[g + 1] += first[g];
        }

        var fill = first.AsSpan(0, groups).ToArray();
        var pieces = new ValuePiece[first[groups]];
        Span<ValuePiece> buffer = new ValuePiece[(_total / _chunkLength) + 2];
        for (var r = 0; r < _runCount; r++)
        {
            var g = _runs[r].Group;
            foreach (var piece in Pieces(r, buffer))
            {
                pieces[fill[g]++] = piece;
            }
        }

        return (first, pieces);
    }

    private int PieceCount(int r)
    {
        var length = RunLength(r);
        return length == 0 ? 0 : (((_runs[r].Start & (_chunkLength - 1)) + length - 1) / _chunkLength) + 1;
    }

    private void AddRun(Run run)
    {
        if (_runCount == _runs.Length)
        {
            Array.Resize(ref _runs, Math.Max(64, _runs.Length + (_runs.Length / 2)));
        }

        _runs[_runCount++] = run;
    }

    /// <summary>Drops every reference without returning chunks (they were returned or moved).</summary>
    private void Forget()
    {
        _runs = [];
        _runCount = 0;
        _total = 0;
        _runsAfterConsolidation = 0;
    }

    /// <summary>Values of one group, from <see cref="Start"/> (an index over all chunks) to the next run's start.</summary>
    private readonly record struct Run(int Group, int Start);
}
