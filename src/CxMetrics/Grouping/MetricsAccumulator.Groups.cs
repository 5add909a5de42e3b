using System.Buffers;
using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    // A dense index over (key codes + 1) × (batch period + 1) is used when it has at most this many cells
    // (or twice the rows): one array lookup per row. Beyond, a hash of the batch codes is used per row.
    private const int DenseCellLimit = 1 << 20;

    /// <summary>
    /// Writes the group id of every row, creating groups as they first occur (on up to <paramref name="threads"/> threads
    /// where it pays). Returns false, having changed nothing, when <paramref name="min"/> and <paramref name="max"/> are a
    /// guess (<paramref name="guessed"/>, <see cref="InstantRange.Guess"/>) and a row falls outside it, or the fused
    /// assignment (the only one that checks its rows against the range) does not apply.
    /// </summary>
    private bool AssignGroups(InteractionBatch batch, ReadOnlySpan<long> openedAt, long min, long max, bool guessed, int[] gidArray, int n, int threads)
    {
        var gid = gidArray.AsSpan(0, n);
        var dims = _keys.Length;
        Span<int> cardinality = stackalloc int[4];
        var columns = KeyColumns(batch, cardinality, out var cells);
        // A first batch into an empty accumulator creates its groups without the group index (see GroupOf).
        _appendWithoutIndex = _groups.Count == 0;
        try
        {
            var fused = TryAssignFused(batch, columns, cardinality[..dims], cells, batch.OpenedAt, min, max, gidArray, n, threads);
            if (fused == FusedOutcome.Done)
            {
                SortTouched();
                return true;
            }

            if (guessed)
            {
                return false;
            }

            AssignGroupsCore(batch, openedAt, min, max, gid, columns, cardinality[..dims], cells);
            return true;
        }
        finally
        {
            _appendWithoutIndex = false;
        }
    }

    /// <summary>The batch's key columns in grouping order, each one's cardinality (codes + unknown; 1 when absent) and their product (capped at 2^40).</summary>
    private KeyColumn[] KeyColumns(InteractionBatch batch, Span<int> cardinality, out long cells)
    {
        var columns = new KeyColumn[_keys.Length];
        cells = 1;
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = Column(batch, _keys[j]);
            cardinality[j] = columns[j].IsEmpty ? 1 : columns[j].Dictionary.Count + 1;
            cells *= cardinality[j];
            cells = Math.Min(cells, 1L << 40);
        }

        return columns;
    }

    private void AssignGroupsCore(InteractionBatch batch, ReadOnlySpan<long> openedAt, long min, long max, Span<int> gid, KeyColumn[] columns, ReadOnlySpan<int> cardinality, long cells)
    {
        var n = gid.Length;
        var dims = _keys.Length;
        var periods = _grouping.Period != PeriodUnit.None;

        // Period ordinal per row (−1 unknown), written into gid first.
        _batchPeriodKeys.Clear();
        if (periods && !openedAt.IsEmpty && max >= 0)
        {
            RowPeriods.Compute(openedAt, min, max, _grouping.Period, _grouping.TimeZone, gid, _batchPeriodKeys);
        }
        else
        {
            gid.Fill(-1);
        }

        var periodCardinality = _batchPeriodKeys.Count + 1;
        _batchPeriodIndex.Clear();
        for (var p = 0; p < _batchPeriodKeys.Count; p++)
        {
            _batchPeriodIndex.Add(-1);
        }

        cells *= periodCardinality;

        var remaps = new int[dims][];
        for (var j = 0; j < dims; j++)
        {
            remaps[j] = columns[j].IsEmpty ? [] : new int[columns[j].Dictionary.Count];
            remaps[j].AsSpan().Fill(int.MinValue);
        }

        _touched.Clear();
        if (cells <= Math.Max(DenseCellLimit, 2L * n))
        {
            AssignDense(batch, columns, cardinality[..dims], periodCardinality, (int)cells, remaps, gid);
        }
        else
        {
            AssignHashed(columns, remaps, gid);
        }

        SortTouched();
    }

    /// <summary>
    /// Makes <see cref="_touched"/> the groups this batch touches, ascending and distinct (two batch codes may share a
    /// text): the per-batch work after the scatter (counts, checks, value runs) is proportional to them, not to all groups.
    /// </summary>
    private void SortTouched()
    {
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);
        var ascending = true;
        for (var k = 1; k < touched.Length && ascending; k++)
        {
            ascending = touched[k] > touched[k - 1];
        }

        if (ascending)
        {
            return; // groups created by this batch come in id order: nothing to sort or remove
        }

        touched.Sort();
        var distinct = 0;
        for (var k = 0; k < touched.Length; k++)
        {
            if (k == 0 || touched[k] != touched[k - 1])
            {
                touched[distinct++] = touched[k];
            }
        }

        _touched.RemoveRange(distinct, touched.Length - distinct);
    }

    /// <summary>
    /// The common case: at most one key column present, periods (if any) in UTC, and a dense cell space. Each row's period
    /// ordinal (a table lookup by UTC day) and dense cell are computed together (vectorized), instead of a pass for periods,
    /// one per key column and one to find the cells; then each row's cell is mapped to its group. Same cells and groups as
    /// <see cref="AssignDense"/>; returns false when it does not apply. On several threads: each finds the cells of a run of
    /// rows and marks them; the marked cells are resolved in cell order on this thread; then each maps its rows' cells to
    /// group ids by a gather (group ids are internal; results do not depend on them). A row outside a guessed opened_at
    /// range gives <see cref="FusedOutcome.OutsideRange"/> after the cells, before any error is named or group created.
    /// </summary>
    private FusedOutcome TryAssignFused(InteractionBatch batch, KeyColumn[] columns, ReadOnlySpan<int> cardinality, long cells, ReadOnlyMemory<long> openedAt, long min, long max, int[] gidArray, int n, int threads)
    {
        using var space = PrepareFused(columns, cardinality, cells, openedAt, min, max, n, Math.Max(DenseCellLimit, 2L * n));
        if (space is null)
        {
            return FusedOutcome.NotApplicable;
        }

        var map = space.Map;
        var key = space.Key;
        if (threads == 1)
        {
            // The cells first (vectorized), then group ids in row order, each group created where its cell first occurs:
            // the records are then first touched in order of their ids (measured faster to scatter into than any other
            // layout, also for rows in random order; docs/grouping-performance-log.md).
            var bad = space.Cells.Cells(0, n, gidArray);
            if (space.Cells.OutsideRange)
            {
                return FusedOutcome.OutsideRange;
            }

            if (bad >= 0)
            {
                ThrowBadCode(_keys[key].ToString(), bad, columns[key].Codes.Span[bad], columns[key].Dictionary.Count);
            }

            CheckScoresBeforeGroups(batch, ScoresValid(batch, ScoredFcrFlags(batch), 0, n));
            var rows = gidArray.AsSpan(0, n);
            var i = DenseCells.MapKnownToGroups(rows, map);
            while (i < rows.Length)
            {
                // A block with a cell not seen before: row by row, so groups are created in the order their cells first occur.
                var end = Math.Min(i + DenseCells.MapBlock, rows.Length);
                for (; i < end; i++)
                {
                    var d = rows[i];
                    var g = map[d];
                    if (g < 0)
                    {
                        g = map[d] = ResolveCell(space, columns, d);
                    }

                    rows[i] = g;
                }

                i += DenseCells.MapKnownToGroups(rows[i..], map);
            }

            return FusedOutcome.Done;
        }

        if (!CellsOnThreads(batch, columns, key, n, threads, space.Cells, gidArray, map))
        {
            return FusedOutcome.OutsideRange;
        }

        if (!TryResolveMarksOnThreads(space, columns, map, threads))
        {
            for (var d = 0; d < space.Count; d++)
            {
                if (map[d] == -2)
                {
                    map[d] = ResolveCell(space, columns, d);
                }
            }
        }

        if (_exact is null && _sketches is null && _repeat is null)
        {
            // Nothing but the scatter needs each row's group: the rows keep their cells and the block kernel looks their
            // groups up in the map (no pass that writes every row's group id first); see MapPendingCells.
            _pendingCells = space.TakeMap();
            return FusedOutcome.Done;
        }

        MapCells(gidArray, n, threads, map);
        return FusedOutcome.Done;
    }

    /// <summary>Replaces every row's cell by its group, on up to <paramref name="threads"/> threads (AVX2 gathers).</summary>
    private static void MapCells(int[] gidArray, int n, int threads, int[] map)
    {
        var size = (n + threads - 1) / threads;
        RunParallel(threads, t =>
        {
            // Every marked cell has its group now: the gathers map all rows but the last few.
            var start = Math.Min(t * size, n);
            var rows = gidArray.AsSpan(start, Math.Min(start + size, n) - start);
            for (var i = DenseCells.MapKnownToGroups(rows, map); i < rows.Length; i++)
            {
                rows[i] = map[rows[i]];
            }
        });
    }

    /// <summary>
    /// When the parallel fused assignment left the rows' cells in the group-id array (<see cref="_pendingCells"/>: cell →
    /// group), maps them to group ids now, for a path that needs them (group ranges, the rare move of sums to the wide
    /// state), and returns the map to the pool.
    /// </summary>
    private void MapPendingCells(int[] gidArray, int n, int threads)
    {
        if (_pendingCells is { } map)
        {
            MapCells(gidArray, n, threads, map);
            ReturnPendingCells();
        }
    }

    private void ReturnPendingCells()
    {
        if (_pendingCells is not null)
        {
            ArrayPool<int>.Shared.Return(_pendingCells);
            _pendingCells = null;
        }
    }

    /// <summary>
    /// After the key codes were checked and before any group is created: throws for a bad score (naming the first, as
    /// <see cref="ValidateScores"/> does) unless <paramref name="allValid"/>, so a rejected batch leaves the accumulator
    /// unchanged; <see cref="AccumulateStates"/> then skips its own check.
    /// </summary>
    private void CheckScoresBeforeGroups(InteractionBatch batch, bool allValid)
    {
        if (!allValid)
        {
            ValidateScores(batch, ScoredFcrFlags(batch));
        }

        _scoresChecked = true;
    }

    /// <summary>The FCR flags a batch's scatter counts: none in repeat-contact mode (FCR comes from the repeats there).</summary>
    private ReadOnlySpan<byte> ScoredFcrFlags(InteractionBatch batch) => _repeat is null ? batch.FirstContactResolved.Span : default;

    /// <summary>
    /// The group of a fused cell (<c>(period + 1) + (code + 1) · (batch periods + 1)</c>), created when new and noted as
    /// touched: the key text and the period looked up once per batch code and batch period (cached in the space's remap
    /// and <see cref="_batchPeriodIndex"/>), the coordinates built directly.
    /// </summary>
    private int ResolveCell(FusedCellSpace space, KeyColumn[] columns, int cell)
    {
        var periodCells = _batchPeriodKeys.Count + 1;
        var k = cell / periodCells;
        var p = cell - (k * periodCells);
        var period = p > 0 ? BatchPeriodIndex(p - 1) : -1;
        var key = space.Key;
        var code = -1;
        if (k > 0)
        {
            ref var mapped = ref space.Remaps[key][k - 1];
            if (mapped == int.MinValue)
            {
                mapped = MapKeyText(key, columns[key], k - 1);
            }

            code = mapped;
        }

        var g = GroupOf(new GroupCoordinates(key == 0 ? code : -1, key == 1 ? code : -1, key == 2 ? code : -1, key == 3 ? code : -1, period));
        _touched.Add(g);
        return g;
    }

    /// <summary>From this many dense cells a first batch's marked cells are resolved at once, on every thread when there are several (<see cref="TryResolveMarksOnThreads"/>).</summary>
    private const int ParallelResolveCells = 4096;

    /// <summary>
    /// Resolves the marked cells (−2) of a first batch into an empty accumulator on <paramref name="threads"/> threads,
    /// with the same groups, ids and coordinates as <see cref="ResolveCell"/> cell by cell: every combination is new, so
    /// a cell's group id is the number of marked cells before it. Each thread counts the marks of a run of key codes (a
    /// code's cells are contiguous: <c>(period + 1) + (code + 1) · (batch periods + 1)</c>), the key texts (in code order)
    /// and periods (ascending) that occur are looked up on this thread, then each thread writes its cells' coordinates and
    /// ids. The cell-by-cell path may give the periods other indices (it meets them code by code): they are internal,
    /// results order groups by period key, and a serialized state reads back the same either way. Returns
    /// false, having changed nothing but those lookups (which the one-by-one path reuses), when it does not apply: later
    /// batches, small cell spaces, or two batch codes with the same text. On one thread it is the same, without the
    /// threads (the per-cell path resolves a first batch's occupied cells with it).
    /// </summary>
    private bool TryResolveMarksOnThreads(FusedCellSpace space, KeyColumn[] columns, int[] map, int threads)
    {
        if (!_appendWithoutIndex || space.Count < ParallelResolveCells)
        {
            return false;
        }

        var periodCells = _batchPeriodKeys.Count + 1;
        var keyRows = space.Count / periodCells;
        var perThread = (keyRows + threads - 1) / threads;
        var marks = new int[threads + 1];
        var keySeen = new bool[keyRows];
        var periodSeen = new bool[threads, periodCells];
        RunParallel(threads, t =>
        {
            var count = 0;
            for (var k = t * perThread; k < Math.Min((t + 1) * perThread, keyRows); k++)
            {
                var cells = map.AsSpan(k * periodCells, periodCells);
                var first = cells.IndexOf(-2);
                if (first < 0)
                {
                    continue;
                }

                keySeen[k] = true;
                for (var p = first; p < cells.Length; p++)
                {
                    if (cells[p] == -2)
                    {
                        periodSeen[t, p] = true;
                        count++;
                    }
                }
            }

            marks[t + 1] = count;
        });

        // Key texts in code order, as the cell-by-cell path meets them.
        var key = space.Key;
        var codes = new int[keyRows];
        for (var k = 0; k < keyRows; k++)
        {
            if (keySeen[k] && k > 0)
            {
                ref var mapped = ref space.Remaps[key][k - 1];
                if (mapped == int.MinValue)
                {
                    mapped = MapKeyText(key, columns[key], k - 1);
                }

                codes[k] = mapped;
            }
            else
            {
                codes[k] = -1;
            }
        }

        if (!_appendWithoutIndex)
        {
            return false; // two batch codes share a text: their cells are one group
        }

        var periods = new int[periodCells];
        for (var p = 0; p < periodCells; p++)
        {
            periods[p] = -1;
            for (var t = 0; t < threads; t++)
            {
                if (periodSeen[t, p])
                {
                    periods[p] = p > 0 ? BatchPeriodIndex(p - 1) : -1;
                    break;
                }
            }
        }

        for (var t = 0; t < threads; t++)
        {
            marks[t + 1] += marks[t];
        }

        var created = marks[threads];
        var firstGroup = _groups.Count;
        ReserveGroups(created);
        _groups.Append(created);
        _states.AddGroups(created);
        var touchedBefore = _touched.Count;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(_touched, touchedBefore + created);
        var touched = _touched;
        var coordinateArray = _groups.Items;
        RunParallel(threads, t =>
        {
            var g = firstGroup + marks[t];
            var into = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(touched).Slice(touchedBefore + marks[t], marks[t + 1] - marks[t]);
            var at = 0;
            for (var k = t * perThread; k < Math.Min((t + 1) * perThread, keyRows); k++)
            {
                if (!keySeen[k])
                {
                    continue;
                }

                var code = codes[k];
                var cells = map.AsSpan(k * periodCells, periodCells);
                for (var p = 0; p < cells.Length; p++)
                {
                    if (cells[p] == -2)
                    {
                        coordinateArray[g] = new GroupCoordinates(key == 0 ? code : -1, key == 1 ? code : -1, key == 2 ? code : -1, key == 3 ? code : -1, periods[p]);
                        into[at++] = g;
                        cells[p] = g++;
                    }
                }
            }
        });
        return true;
    }

    /// <summary>
    /// The batch's dense cell space for the fused paths, or null when they do not apply (more than one key column present,
    /// periods in another zone than UTC, or more than <paramref name="cellLimit"/> cells). Prepares the batch's period
    /// keys and clears <see cref="_touched"/>; the caller disposes the result.
    /// </summary>
    private FusedCellSpace? PrepareFused(KeyColumn[] columns, ReadOnlySpan<int> cardinality, long cells, ReadOnlyMemory<long> openedAt, long min, long max, int n, long cellLimit)
    {
        var dims = columns.Length;
        var key = PresentKey(columns);
        if (key == SeveralKeys)
        {
            return null;
        }

        var hasTime = _grouping.Period != PeriodUnit.None && !openedAt.IsEmpty && max >= 0;
        if (hasTime && !PeriodCalendar.IsUtc(_grouping.TimeZone))
        {
            return null;
        }

        var firstDay = 0;
        var dayOrdinal = hasTime ? RowPeriods.UtcDayOrdinals(min, max, _grouping.Period, _batchPeriodKeys, out firstDay) : null;
        if (!hasTime)
        {
            _batchPeriodKeys.Clear();
        }

        var periodCardinality = _batchPeriodKeys.Count + 1;
        cells *= periodCardinality;
        if (cells > cellLimit)
        {
            if (dayOrdinal is not null)
            {
                ArrayPool<int>.Shared.Return(dayOrdinal);
            }

            return null;
        }

        _batchPeriodIndex.Clear();
        for (var p = 0; p < _batchPeriodKeys.Count; p++)
        {
            _batchPeriodIndex.Add(-1);
        }

        var remaps = new int[dims][];
        var multiplier = new int[4];
        var m = periodCardinality;
        for (var j = 0; j < dims; j++)
        {
            remaps[j] = columns[j].IsEmpty ? [] : new int[columns[j].Dictionary.Count];
            remaps[j].AsSpan().Fill(int.MinValue);
            multiplier[j] = m;
            m *= cardinality[j];
        }

        _touched.Clear();
        // A first batch grows the group arrays once (to an estimate of its groups), not by repeated doubling while they
        // appear; later batches mostly meet known groups.
        if (_groups.Count == 0)
        {
            var expected = ExpectedCells(cells, n);
            ReserveGroups(expected);
            _touched.EnsureCapacity(expected);
        }

        var days = hasTime ? (int)(max / PeriodCalendar.TicksPerDay) - firstDay + 1 : 0;
        var denseCells = new DenseCells(hasTime ? openedAt : default, dayOrdinal, firstDay, days,
            key >= 0 ? columns[key].Codes : default, key >= 0 ? columns[key].Dictionary.Count : 0, key >= 0 ? multiplier[key] : 0,
            dayIsPeriod: _grouping.Period == PeriodUnit.Day,
            weekOffset: _grouping.Period == PeriodUnit.Week && hasTime ? DenseCells.WeekOffset(firstDay, days) : -1);
        return new FusedCellSpace(denseCells, (int)cells, key, remaps, multiplier, dayOrdinal);
    }

    /// <summary><see cref="PresentKey"/>: more than one key column is present.</summary>
    private const int SeveralKeys = -2;

    /// <summary>The index of the one key column present in the batch, −1 when none is, <see cref="SeveralKeys"/> when more are (the fused paths do not apply).</summary>
    private static int PresentKey(KeyColumn[] columns)
    {
        var key = -1;
        for (var j = 0; j < columns.Length; j++)
        {
            if (!columns[j].IsEmpty)
            {
                if (key >= 0)
                {
                    return SeveralKeys;
                }

                key = j;
            }
        }

        return key;
    }

    /// <summary>
    /// How many groups to reserve for a first batch of <paramref name="rows"/> rows over <paramref name="cells"/> dense
    /// cells: the distinct cells expected when rows fall on cells uniformly, cells · (1 − e^(−rows / cells)), plus 5 % and
    /// 64 (uneven data, as real data is, has fewer; more only grow the arrays once), at most 65,536. Reserving every cell
    /// instead made the first <c>Add</c> of 50,000 rows by agent × day (45,591 cells, about 30,400 groups) allocate 9.8 MB
    /// instead of 6.9 MB.
    /// </summary>
    internal static int ExpectedCells(long cells, int rows)
    {
        var bound = Math.Min(cells, Math.Min(rows, 1 << 16));
        var expected = (cells * -double.ExpM1(-(double)rows / cells) * 1.05) + 64;
        return (int)Math.Min(bound, Math.Ceiling(expected));
    }

    /// <summary>
    /// Writes the cells of the batch's rows and marks them in <paramref name="map"/> (<see cref="DenseCells.Mark"/>) on
    /// <paramref name="threads"/> threads by chunks (<see cref="RowChunks"/>), each thread also checking its chunks'
    /// scores; then returns false when a row fell outside a guessed opened_at range (nothing named, nothing changed), else
    /// throws for the first bad key code, else for the first bad score, before any state changes.
    /// </summary>
    private bool CellsOnThreads(InteractionBatch batch, KeyColumn[] columns, int key, int n, int threads, DenseCells cells, int[] gidArray, int[] map)
    {
        var firstBad = new int[threads];
        var scoresValid = new bool[threads];
        var chunks = RowChunksFor(n, threads);
        RunParallel(threads, t =>
        {
            var bad = -1;
            var valid = true;
            while (chunks.TryTake(t, out var start, out var end))
            {
                bad = FirstOf(bad, cells.Mark(start, end, gidArray, map));
                valid &= ScoresValid(batch, ScoredFcrFlags(batch), start, end - start);
            }

            firstBad[t] = bad;
            scoresValid[t] = valid;
        });
        if (cells.OutsideRange)
        {
            return false;
        }

        ThrowFirstBadCode(columns, key, firstBad);

        // The serial check names the first bad score (only when a chunk has one).
        CheckScoresBeforeGroups(batch, Array.IndexOf(scoresValid, false) < 0);
        return true;
    }

    /// <summary>Throws for the first row (the lowest of the threads' first bad rows; −1 = none) with a bad key code.</summary>
    private void ThrowFirstBadCode(KeyColumn[] columns, int key, int[] firstBad)
    {
        var first = -1;
        foreach (var bad in firstBad)
        {
            first = FirstOf(first, bad);
        }

        if (first >= 0)
        {
            ThrowBadCode(_keys[key].ToString(), first, columns[key].Codes.Span[first], columns[key].Dictionary.Count);
        }
    }

    /// <summary>The lower of two row indices where −1 means none.</summary>
    private static int FirstOf(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    private void AssignDense(InteractionBatch batch, KeyColumn[] columns, ReadOnlySpan<int> cardinality, int periodCardinality, int cells, int[][] remaps, Span<int> gid)
    {
        var dims = columns.Length;
        // dense = (period + 1) + Σ (code_j + 1) · multiplier_j
        Span<int> multiplier = stackalloc int[4];
        var m = periodCardinality;
        for (var j = 0; j < dims; j++)
        {
            multiplier[j] = m;
            m *= cardinality[j];
        }

        // The last present key column is added in the same loop as the map lookup (one pass less over the ids).
        var last = dims - 1;
        while (last >= 0 && columns[last].IsEmpty)
        {
            last--;
        }

        for (var j = 0; j < last; j++)
        {
            if (columns[j].IsEmpty)
            {
                continue;
            }

            var codes = columns[j].Codes.Span;
            var count = (uint)columns[j].Dictionary.Count;
            var mult = multiplier[j];
            for (var i = 0; i < gid.Length; i++)
            {
                var c = codes[i] + 1;
                if ((uint)c > count)
                {
                    ThrowBadCode(_keys[j].ToString(), i, codes[i], (int)count);
                }

                gid[i] += c * mult;
            }
        }

        var map = ArrayPool<int>.Shared.Rent(cells);
        try
        {
            map.AsSpan(0, cells).Fill(-1);
            var lastCodes = last >= 0 ? columns[last].Codes.Span : default;
            var lastCount = last >= 0 ? (uint)columns[last].Dictionary.Count : 0;
            var lastMultiplier = last >= 0 ? multiplier[last] : 0;
            // gid holds period ordinal + Σ (code_j + 1) · multiplier_j; the ordinal's + 1 is added here.
            // First the dense cell of every row, counting the distinct cells, so the group arrays grow once per batch
            // (not by repeated doubling while thousands of new groups are created one by one).
            var distinct = 0;
            if (last >= 0)
            {
                for (var i = 0; i < gid.Length; i++)
                {
                    var c = lastCodes[i] + 1;
                    if ((uint)c > lastCount)
                    {
                        ThrowBadCode(_keys[last].ToString(), i, lastCodes[i], (int)lastCount);
                    }

                    var d = gid[i] + 1 + (c * lastMultiplier);
                    gid[i] = d;
                    if (map[d] == -1)
                    {
                        map[d] = -2;
                        distinct++;
                    }
                }
            }
            else
            {
                for (var i = 0; i < gid.Length; i++)
                {
                    var d = gid[i] + 1;
                    gid[i] = d;
                    if (map[d] == -1)
                    {
                        map[d] = -2;
                        distinct++;
                    }
                }
            }

            CheckScoresBeforeGroups(batch, ScoresValid(batch, ScoredFcrFlags(batch), 0, gid.Length));
            ReserveGroups(distinct);
            _touched.EnsureCapacity(distinct);
            CellsToGroups(gid, map, columns, remaps, multiplier[..dims]);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(map);
        }
    }

    /// <summary>Replaces each row's dense cell by its group id, in row order: a cell seen for the first time is resolved (and its group noted as touched) there and then.</summary>
    private void CellsToGroups(Span<int> gid, int[] map, KeyColumn[] columns, int[][] remaps, ReadOnlySpan<int> multiplier)
    {
        for (var i = 0; i < gid.Length; i++)
        {
            var d = gid[i];
            var g = map[d];
            if (g < 0)
            {
                g = map[d] = ResolveDense(columns, remaps, multiplier, d);
                _touched.Add(g);
            }

            gid[i] = g;
        }
    }

    private int ResolveDense(KeyColumn[] columns, int[][] remaps, ReadOnlySpan<int> multiplier, int dense)
    {
        Span<int> batchCodes = stackalloc int[4];
        var rest = dense;
        for (var j = multiplier.Length - 1; j >= 0; j--)
        {
            batchCodes[j] = (rest / multiplier[j]) - 1;
            rest %= multiplier[j];
        }

        return ResolveGroup(columns, remaps, batchCodes[..multiplier.Length], rest - 1);
    }

    private void AssignHashed(KeyColumn[] columns, int[][] remaps, Span<int> gid)
    {
        var dims = columns.Length;
        var local = new Dictionary<GroupCoordinates, int>();
        Span<int> batchCodes = stackalloc int[4];
        for (var i = 0; i < gid.Length; i++)
        {
            for (var j = 0; j < dims; j++)
            {
                if (columns[j].IsEmpty)
                {
                    batchCodes[j] = -1;
                    continue;
                }

                var c = columns[j].Codes.Span[i];
                if (c < -1 || c >= columns[j].Dictionary.Count)
                {
                    ThrowBadCode(_keys[j].ToString(), i, c, columns[j].Dictionary.Count);
                }

                batchCodes[j] = c;
            }

            var key = GroupCoordinates.Create(batchCodes[..dims], gid[i]);
            if (!local.TryGetValue(key, out var g))
            {
                g = ResolveGroup(columns, remaps, batchCodes[..dims], gid[i]);
                local.Add(key, g);
                _touched.Add(g);
            }

            gid[i] = g;
        }
    }

    /// <summary>The accumulator's group of a combination of batch codes and batch period ordinal (texts looked up once per distinct code).</summary>
    private int ResolveGroup(KeyColumn[] columns, int[][] remaps, ReadOnlySpan<int> batchCodes, int periodOrdinal)
    {
        Span<int> codes = stackalloc int[4];
        for (var j = 0; j < batchCodes.Length; j++)
        {
            var c = batchCodes[j];
            if (c < 0)
            {
                codes[j] = -1;
                continue;
            }

            ref var mapped = ref remaps[j][c];
            if (mapped == int.MinValue)
            {
                mapped = MapKeyText(j, columns[j], c);
            }

            codes[j] = mapped;
        }

        var period = periodOrdinal >= 0 ? BatchPeriodIndex(periodOrdinal) : -1;
        return GroupOf(GroupCoordinates.Create(codes[..batchCodes.Length], period));
    }

    /// <summary>The accumulator's index of batch period <paramref name="ordinal"/>: one dictionary lookup per batch period, not per group.</summary>
    private int BatchPeriodIndex(int ordinal)
    {
        ref var cached = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_batchPeriodIndex)[ordinal];
        if (cached < 0)
        {
            cached = PeriodIndex(_batchPeriodKeys[ordinal]);
        }

        return cached;
    }

    /// <summary>The accumulator's index of the text of batch code <paramref name="code"/> of key column <paramref name="j"/>.</summary>
    private int MapKeyText(int j, KeyColumn column, int code)
    {
        var known = _keyTexts[j].Count;
        var mapped = _keyTexts[j].GetOrAdd(column.Dictionary[code]);
        if (mapped < known)
        {
            // The text was already known (two batch codes share it, or it came from elsewhere): combinations
            // may repeat from here on, so groups are looked up again.
            _appendWithoutIndex = false;
        }

        return mapped;
    }

    private int PeriodIndex(long key)
    {
        if (!_periodIndex.TryGetValue(key, out var index))
        {
            index = _periodKeys.Count;
            _periodKeys.Add(key);
            _periodIndex.Add(key, index);
        }

        return index;
    }

    /// <summary>Makes room for up to <paramref name="newGroups"/> more groups (an upper bound: some may exist already).</summary>
    private void ReserveGroups(int newGroups)
    {
        var needed = _groups.Count + newGroups;
        if (needed <= _states.Capacity)
        {
            return;
        }

        _states.Reserve(needed);
        var capacity = _states.Capacity;
        _groups.EnsureCapacity(capacity);
        if (!_appendWithoutIndex)
        {
            _groupIndex.EnsureCapacity(capacity);
        }
    }

    private int GroupOf(GroupCoordinates coordinates)
    {
        if (_appendWithoutIndex)
        {
            // A batch into an accumulator without groups, whose key codes map to distinct texts: every combination it
            // resolves is new, so no lookup is needed (the index is built when something first needs it).
            _groups.Add(coordinates);
            return _states.AddGroup();
        }

        EnsureGroupIndex();
        if (!_groupIndex.TryGet(coordinates, out var g))
        {
            g = _states.AddGroup();
            _groups.Add(coordinates);
            _groupIndex.AddNext(coordinates);
        }

        return g;
    }

    /// <summary>Adds the groups created without the index (see <see cref="GroupOf"/>) to it.</summary>
    private void EnsureGroupIndex()
    {
        if (_groupIndex.Count == _groups.Count)
        {
            return;
        }

        _groupIndex.EnsureCapacity(_groups.Count);
        for (var g = _groupIndex.Count; g < _groups.Count; g++)
        {
            _groupIndex.AddNext(_groups[g]);
        }
    }
}
