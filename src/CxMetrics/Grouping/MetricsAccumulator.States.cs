using System.Buffers;
using System.Diagnostics;
using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    /// <summary>A thread scatters at least this many rows (below, splitting costs more than it saves).</summary>
    internal const int MinRowsPerThread = 131_072;

    /// <summary>
    /// The default split of a batch's scatter between threads (<see cref="AddOnThreads"/>): each thread scatters a run of
    /// rows into its own copy of the records while the copies of all threads together take at most
    /// <see cref="RowRunCopyBytes"/> and the records at most <see cref="RowRunBytesPerRow"/> bytes per row; else each thread
    /// owns a range of groups and scatters only their rows (which reads every column on every thread).
    /// </summary>
    internal const long SharedRecordBytes = -1;

    /// <summary>
    /// Row runs while the copies of all threads (the state's own records included) fit in this machine's 32 MB L3.
    /// Measured at 1M rows by agent × day (45,000 groups, 8.6 MB of records, 17.2 MB in two copies) on 2 cores: row
    /// runs min 10.1-11.0 ms, group ranges 11.7-12.3 ms (docs/grouping-performance-log.md, "Seventh session").
    /// </summary>
    private const long RowRunCopyBytes = 32L << 20;

    /// <summary>Row runs while the records are at most this many bytes per row (clearing and adding a copy costs about what scattering this many bytes of it does).</summary>
    private const long RowRunBytesPerRow = 16;

    /// <summary>Above this many bytes of group records, the threads' copies are added on every thread (each a part of the records).</summary>
    private const int ParallelSumRecordBytes = 1024 * 1024;

    /// <summary>Scatters every metric of the batch into the compact records of the rows' groups, and keeps percentile values.</summary>
    private void AccumulateStates(InteractionBatch batch, int[] gidArray, int n, int threads)
    {
        var gid = gidArray.AsSpan(0, n);
        if (_keys.Length == 0 && _grouping.Period == PeriodUnit.None && _repeat is null)
        {
            AccumulateSingleGroup(batch, gid);
            return;
        }

        var fcrFlags = ScoredFcrFlags(batch);
        if (!_scoresChecked)
        {
            ValidateScores(batch, fcrFlags);
        }

        var s = _states;
        s.BeginBatch(gid.Length);
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);

        // Exact percentiles lay values out by group, and need this batch's count per group: the counters before the scatter.
        var pool = ArrayPool<int>.Shared;
        var before = _exact is not null ? pool.Rent(3 * touched.Length) : null;
        try
        {
            if (before is not null)
            {
                for (var k = 0; k < touched.Length; k++)
                {
                    before[k] = (int)s.LineCounter(touched[k], GroupStates.HandleCount);
                    before[touched.Length + k] = (int)s.LineCounter(touched[k], GroupStates.FirstResponseCount);
                    before[(2 * touched.Length) + k] = (int)s.LineCounter(touched[k], GroupStates.ResolutionCount);
                }
            }

            var largest = Scatter(batch, gidArray, n, _repeat is null, threads);
            if (before is not null)
            {
                for (var k = 0; k < touched.Length; k++)
                {
                    before[k] = (int)(s.LineCounter(touched[k], GroupStates.HandleCount) - (uint)before[k]);
                    before[touched.Length + k] = (int)(s.LineCounter(touched[k], GroupStates.FirstResponseCount) - (uint)before[touched.Length + k]);
                    before[(2 * touched.Length) + k] = (int)(s.LineCounter(touched[k], GroupStates.ResolutionCount) - (uint)before[(2 * touched.Length) + k]);
                }
            }

            CheckSumBound(batch, gidArray, n, largest, threads);
            if (before is not null)
            {
                KeepValues(batch, gid, before.AsSpan(0, 3 * touched.Length));
            }
            else if (_sketches is not null)
            {
                KeepValues(batch, gid, default);
            }
        }
        finally
        {
            if (before is not null)
            {
                pool.Return(before);
            }
        }
    }

    /// <summary>
    /// After the batch's rows were scattered: when the 64-bit sums could have wrapped (a group's count times the largest
    /// value passes 2^64 − 1), moves the batch's sums to the wide 128-bit sums and flushes the rest (exact either way).
    /// </summary>
    private void CheckSumBound(InteractionBatch batch, int[] gidArray, int n, ulong largest, int threads)
    {
        var s = _states;
        RaiseSumBound(largest, threads);
        if (s.SumBound <= ulong.MaxValue)
        {
            return;
        }

        MapPendingCells(gidArray, n, threads);
        GroupedKernels.MoveSums(gidArray.AsSpan(0, n), s.Records, s.RecordStride, s.Wide, batch.TalkTime.Span, batch.HoldTime.Span, batch.WrapTime.Span, batch.FirstResponseTime.Span, batch.ResolutionTime.Span);
        s.FlushToWide();
    }

    /// <summary>
    /// Takes the touched groups' largest count and the batch's largest value into the sum bound; with many touched groups
    /// (agent × day: 15,000 records read) on several threads, each reads a part.
    /// </summary>
    private void RaiseSumBound(ulong largest, int threads)
    {
        var s = _states;
        var touched = _touched;
        if (threads == 1 || touched.Count < ParallelBoundGroups)
        {
            s.UpdateSumBound(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(touched), largest);
            return;
        }

        var counts = new uint[threads];
        var size = (touched.Count + threads - 1) / threads;
        RunParallel(threads, t =>
        {
            var start = Math.Min(t * size, touched.Count);
            counts[t] = s.LargestCount(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(touched).Slice(start, Math.Min(size, touched.Count - start)));
        });
        var max = 0u;
        foreach (var c in counts)
        {
            max = Math.Max(max, c);
        }

        s.RaiseSumBound(max, largest);
    }

    /// <summary>From this many touched groups the parallel paths read their counts for the sum bound on every thread.</summary>
    private const int ParallelBoundGroups = 8192;

    /// <summary>Whether rows start..+length of the score columns (and <paramref name="fcrFlags"/>, when not empty) are all on their scales or missing.</summary>
    private bool ScoresValid(InteractionBatch batch, ReadOnlySpan<byte> fcrFlags, int start, int length)
    {
        var csat = _metrics.Csat;
        var ces = _metrics.Ces;
        return ScoreValidation.AllValid(Part(batch.Csat.Span), csat.ScaleMin, csat.ScaleMax)
            && ScoreValidation.AllValid(Part(batch.Nps.Span), 0, 10)
            && ScoreValidation.AllValid(Part(batch.Ces.Span), ces.ScaleMin, ces.ScaleMax)
            && ScoreValidation.AllValid(Part(fcrFlags), 0, 1);

        ReadOnlySpan<byte> Part(ReadOnlySpan<byte> column) => column.IsEmpty ? column : column.Slice(start, length);
    }

    /// <summary>Rejects a score outside its scale before any state changes (the core names the first one, with its own message).</summary>
    private void ValidateScores(InteractionBatch batch, ReadOnlySpan<byte> fcrFlags)
    {
        var csat = _metrics.Csat;
        var ces = _metrics.Ces;
        if (!ScoresValid(batch, fcrFlags, 0, batch.Length))
        {
            var ignored = default(ScoreCounts);
            ScoreColumn.Accumulate("csat", batch.Csat.Span, csat.ScaleMin, csat.ScaleMax, ref ignored);
            ScoreColumn.Accumulate("nps", batch.Nps.Span, 0, 10, ref ignored);
            ScoreColumn.Accumulate("ces", batch.Ces.Span, ces.ScaleMin, ces.ScaleMax, ref ignored);
            ScoreColumn.Accumulate("fcr", fcrFlags, 0, 1, ref ignored);
        }
    }

    /// <summary>
    /// Scatters the batch into the group states on <paramref name="threads"/> threads (each a contiguous run of rows into its
    /// own copy of the records, added together afterwards: integer counts and modulo-2^64 sums, so the state is the same
    /// for any split), then checks the durations. Returns a bound of every value added to a 64-bit sum.
    /// </summary>
    private ulong Scatter(InteractionBatch batch, int[] gid, int n, bool fcrFlags, int threads)
    {
        var s = _states;
        (long Handle, long FirstResponse, long Resolution) or;
        if (threads == 1)
        {
            // Only the parallel fused assignment leaves cells for the kernel to map (see TryAssignFused).
            System.Diagnostics.Debug.Assert(_pendingCells is null, "one thread never gets pending cells");
            or = ScatterRows(batch, gid.AsSpan(0, n), default, fcrFlags, 0, n, s.Records);
        }
        else
        {
            or = ScatterParallel(batch, gid, n, fcrFlags, threads);
        }

        return CheckDurations(batch, or);
    }

    /// <summary>
    /// Throws for the first duration above <see cref="Durations.MaxTicks"/> when the ORs of the present values say there is
    /// one; returns a bound of every value added to a 64-bit sum.
    /// </summary>
    private static ulong CheckDurations(InteractionBatch batch, (long Handle, long FirstResponse, long Resolution) or)
    {
        if (or.Handle > Durations.MaxTicks)
        {
            DurationColumn.CheckOr("talk", or.Handle, batch.TalkTime.Span);
            DurationColumn.CheckOr("hold", or.Handle, batch.HoldTime.Span);
            DurationColumn.CheckOr("wrap", or.Handle, batch.WrapTime.Span);
        }

        DurationColumn.CheckOr("first_response", or.FirstResponse, batch.FirstResponseTime.Span);
        DurationColumn.CheckOr("resolution", or.Resolution, batch.ResolutionTime.Span);

        // Every present value is at most its column's OR (a handle time at most three of them; all checked ≤ 2^53 − 1).
        return Math.Max(3 * (ulong)or.Handle, Math.Max((ulong)or.FirstResponse, (ulong)or.Resolution));
    }

    private (long Handle, long FirstResponse, long Resolution) ScatterParallel(InteractionBatch batch, int[] gid, int n, bool fcrFlags, int threads)
    {
        var s = _states;
        var or = new (long Handle, long FirstResponse, long Resolution)[threads];
        var groupsPerThread = (s.Count + threads - 1) / threads;
        var recordBytes = s.RecordBytes;
        var rowRunLimit = _sharedRecordBytes >= 0 ? _sharedRecordBytes : Math.Min(RowRunCopyBytes / threads, RowRunBytesPerRow * n);
        if (recordBytes > rowRunLimit)
        {
            // Many groups: each thread owns a range of groups and visits only their rows (listed first), writing its own
            // part of the records: no copies and no sum of copies, and each thread's records are a fraction of the total.
            MapPendingCells(gid, n, threads);
            RunParallel(threads, t =>
            {
                var first = Math.Min(t * groupsPerThread, s.Count);
                var end = Math.Min(first + groupsPerThread, s.Count);
                var index = ArrayPool<int>.Shared.Rent(n);
                try
                {
                    var count = GroupedKernels.SelectRows(gid.AsSpan(0, n), first, end, index);
                    if (count > 0)
                    {
                        or[t] = ScatterRows(batch, gid.AsSpan(0, n), index.AsSpan(0, count), fcrFlags, 0, n, s.Records);
                    }
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(index);
                }
            });
        }
        else
        {
            ScatterRowRuns(batch, gid, n, fcrFlags, threads, or);
        }

        long orHandle = 0, orFirstResponse = 0, orResolution = 0;
        foreach (var (h, f, r) in or)
        {
            orHandle |= h;
            orFirstResponse |= f;
            orResolution |= r;
        }

        return (orHandle, orFirstResponse, orResolution);
    }

    /// <summary>
    /// The threads take chunks of rows (<see cref="RowChunks"/>: their own run first, then what is left of the others')
    /// and each scatters its chunks into its own copy of the records; the copies are then added (on every thread when
    /// they are large). A thread that finds no chunk left before it starts rents no copy.
    /// </summary>
    private void ScatterRowRuns(InteractionBatch batch, int[] gid, int n, bool fcrFlags, int threads, (long Handle, long FirstResponse, long Resolution)[] or)
    {
        var s = _states;
        using var copies = new RecordCopies(threads, s.Count * s.RecordStride);
        copies.Use(0, s);
        var chunks = RowChunksFor(n, threads);
        RunParallel(threads, t =>
        {
            if (t > 0)
            {
                if (chunks.Exhausted)
                {
                    return;
                }

                copies.Rent(t);
            }

            or[t] = ScatterRows(batch, gid.AsSpan(0, n), default, fcrFlags, 0, n, copies.Records(t), _pendingCells, chunks, t);
        });
        if (s.RecordBytes > ParallelSumRecordBytes)
        {
            RunParallel(threads, t => copies.SumIntoFirst(t, threads));
        }
        else
        {
            copies.SumIntoFirst();
        }
    }

    /// <summary>
    /// Rows per chunk of the parallel phases (<see cref="RowChunks"/>): 16,384 rows, eight blocks of the block kernel, about 40-80 µs of
    /// scatter on the 2-core VM, so a thread held up costs the call at most about that, while taking a chunk (an atomic
    /// increment) costs nothing. An eighth of <see cref="MinRowsPerThread"/>, so a thread's least share is eight chunks.
    /// </summary>
    internal const int ScatterChunkRows = 8 * BlockScatterKernel.Block;

    /// <summary>The rows of a parallel phase in chunks (<see cref="ScatterChunkRows"/>, lower in tests); on one thread, one chunk.</summary>
    private RowChunks RowChunksFor(int rows, int threads) => new(rows, threads == 1 ? Math.Max(rows, 1) : _chunkRows, threads);

    /// <summary>Runs body(0..threads − 1) at once (<see cref="WorkerTeam"/>); rethrows the first exception.</summary>
    private static void RunParallel(int threads, Action<int> body) => WorkerTeam.Run(threads, body);

    /// <summary>
    /// Scatters rows <paramref name="start"/>..+<paramref name="length"/> (or, when <paramref name="listed"/> is not empty,
    /// only the rows it lists: callers never pass an empty list for "no rows") into group records (the state's own or a
    /// thread's copy); returns the ORs of the present duration values.
    /// </summary>
    private (long Handle, long FirstResponse, long Resolution) ScatterRows(InteractionBatch batch, ReadOnlySpan<int> gid, ReadOnlySpan<int> listed, bool fcrFlags, int start, int length, Span<uint> records,
        ReadOnlySpan<int> groupOfCell = default, RowChunks? chunks = null, int part = 0)
    {
        var all = listed.IsEmpty;
        if (!all)
        {
            start = 0;
            length = gid.Length;
        }

        var s = _states;
        Span<byte> bins = stackalloc byte[4 * 256];
        FillScoreBins(bins);
        var rows = gid.Slice(start, length);
        var csat = Part(batch.Csat.Span);
        var nps = Part(batch.Nps.Span);
        var ces = Part(batch.Ces.Span);
        var fcr = fcrFlags ? Part(batch.FirstContactResolved.Span) : default;
        if (all)
        {
            var manyGroups = s.RecordBytes > BlockScatterRecordBytes;
            return ScatterBlocks(batch, rows, records, s.Count, bins, csat, nps, ces, fcr, start, length, manyGroups, groupOfCell, chunks, part);
        }

        // A thread's share of the groups (group ranges): its rows are listed, so the row-at-a-time kernels.
        var count = listed.Length;
        if (!csat.IsEmpty && !nps.IsEmpty && !ces.IsEmpty && !fcr.IsEmpty)
        {
            GroupedKernels.Scores<ListedRows, DenseColumns>(rows, listed, count, records, s.RecordStride, bins, csat, nps, ces, fcr);
        }
        else
        {
            GroupedKernels.Scores<ListedRows, StridedColumns>(rows, listed, count, records, s.RecordStride, bins, csat, nps, ces, fcr);
        }

        var priority = batch.Priority;
        var targets = PolicyTargets(priority, out var usePolicy, out var tableLength);
        try
        {
            var table = targets.AsSpan(0, tableLength);
            var codes = usePolicy ? Part(priority.Codes.Span) : default;
            var d = new DurationRows(batch, start, length);
            return d.AllPresent
                ? GroupedKernels.DurationsAndSla<ListedRows, DenseColumns>(rows, listed, count, records, s.RecordStride, d.Talk, d.Hold, d.Wrap, d.FirstResponse, d.Resolution, d.Target, codes, table)
                : GroupedKernels.DurationsAndSla<ListedRows, StridedColumns>(rows, listed, count, records, s.RecordStride, d.Talk, d.Hold, d.Wrap, d.FirstResponse, d.Resolution, d.Target, codes, table);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(targets);
        }

        ReadOnlySpan<T> Part<T>(ReadOnlySpan<T> column) => column.IsEmpty ? column : column.Slice(start, length);
    }

    /// <summary>
    /// Up to this many bytes of group records (e.g. channel × day: 450 groups, 86 KB) the records stay in L2; above, the
    /// block kernel prefetches each row's record ahead of its use (agent × day, 45,000 groups, 8.6 MB), also into the
    /// per-cell path's records (<see cref="ManyCellRecordBytes"/>).
    /// </summary>
    internal const long BlockScatterRecordBytes = 512 * 1024;

    /// <summary>The four 256-entry tables (CSAT, NPS, CES, FCR) of record offsets by score value (<see cref="GroupedKernels.ScoreBins"/>).</summary>
    private void FillScoreBins(Span<byte> bins)
    {
        var s = _states;
        GroupedKernels.ScoreBins(s.CsatMin, s.CsatMax, s.CsatAnswers, GroupStates.CsatMissing, bins[..256]);
        GroupedKernels.ScoreBins(0, 10, s.NpsAnswers, GroupStates.NpsMissing, bins.Slice(256, 256));
        GroupedKernels.ScoreBins(s.CesMin, s.CesMax, s.CesAnswers, GroupStates.CesMissing, bins.Slice(512, 256));
        GroupedKernels.ScoreBins(0, 1, GroupStates.Fcr0, GroupStates.FcrMissing, bins.Slice(768, 256));
    }

    /// <summary>
    /// Rows start..+length through <see cref="BlockScatterKernel"/> into <paramref name="groups"/> records
    /// (<paramref name="prefetchRecords"/>: they do not stay in cache; <paramref name="bins"/>: <see cref="FillScoreBins"/>);
    /// with <paramref name="computed"/>, the kernel computes the rows' cells itself (<paramref name="rows"/> unused) into
    /// records of the <see cref="ScorePairLayout"/> when <paramref name="pairs"/>, else of <see cref="GroupStates"/>, puts
    /// the first row with a bad key code in <c>firstBad[0]</c> and sets <c>scoresInvalid[0]</c> when a score is off its
    /// scale (<see cref="BlockScatterKernel.ScatterCells"/>).
    /// </summary>
    private (long Handle, long FirstResponse, long Resolution) ScatterBlocks(InteractionBatch batch, ReadOnlySpan<int> rows, Span<uint> records, int groups, ReadOnlySpan<byte> bins,
        ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr, int start, int length, bool prefetchRecords,
        ReadOnlySpan<int> groupOfCell, RowChunks? chunks, int part, DenseCells? computed = null, Span<int> firstBad = default, bool pairs = false,
        Span<bool> scoresInvalid = default)
    {
        var priority = batch.Priority;
        var targets = PolicyTargets(priority, out var usePolicy, out var tableLength);
        try
        {
            Span<byte> small = stackalloc byte[64];
            if (computed is not null && pairs)
            {
                _pairLayout!.Tables(small);
            }
            else
            {
                BlockScatterKernel.SmallBins(bins, small);
            }

            var d = new DurationRows(batch, start, length);
            var codes = usePolicy ? priority.Codes.Span.Slice(start, length) : default;
            var table = targets.AsSpan(0, tableLength);
            if (computed is { } cells)
            {
                Debug.Assert(start == 0, "The computed cells are those of the batch's rows from 0.");
                var c = _metrics.Csat;
                var e = _metrics.Ces;
                ReadOnlySpan<byte> scales = [(byte)c.ScaleMin, (byte)c.ScaleMax, 0, 10, (byte)e.ScaleMin, (byte)e.ScaleMax, 0, 1];
                return BlockScatterKernel.ScatterCells(cells, length, ref firstBad[0], scales, ref scoresInvalid[0], records, pairs ? _pairLayout!.RecordStride : _states.RecordStride,
                    small, csat, nps, ces, fcr, d.Talk, d.Hold, d.Wrap, d.FirstResponse, d.Resolution, d.Target, codes, table, groups, chunks: chunks, part: part, pairs: pairs, prefetchRecords: prefetchRecords);
            }

            return BlockScatterKernel.Scatter(rows, records, _states.RecordStride, small, csat, nps, ces, fcr, d.Talk, d.Hold, d.Wrap, d.FirstResponse, d.Resolution, d.Target,
                codes, table, groups, prefetchRecords, groupOfCell: groupOfCell, chunks: chunks, part: part);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(targets);
        }
    }

    /// <summary>
    /// The SLA policy's target of every priority code + 1 (index 0 = unknown priority = none), rented: the caller returns
    /// it. Without a policy or a priority column the table is just index 0 and <paramref name="usePolicy"/> is false.
    /// </summary>
    private long[] PolicyTargets(KeyColumn priority, out bool usePolicy, out int length)
    {
        var policy = _metrics.SlaPolicy;
        usePolicy = policy is not null && !priority.IsEmpty;
        var dictionary = usePolicy ? priority.Dictionary : [];
        length = dictionary.Count + 1;
        var targets = ArrayPool<long>.Shared.Rent(length);
        targets[0] = Missing.Duration;
        for (var code = 0; code < dictionary.Count; code++)
        {
            targets[code + 1] = policy!.GetTargetTicks(dictionary[code]);
        }

        return targets;
    }

    /// <summary>
    /// Without keys or period every row is in group 0: the core's own (vectorized) kernels accumulate the batch, with no
    /// scatter (a scatter into one group would serialize every increment on the previous one).
    /// </summary>
    private void AccumulateSingleGroup(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        var state = default(MetricsState);
        BatchAccumulation.Accumulate(batch, _metrics, ref state);
        _states.Add(0, state);
        Span<int> counts = stackalloc int[3];
        counts[0] = (int)state.Handle.Count;
        counts[1] = (int)state.FirstResponse.Count;
        counts[2] = (int)state.Resolution.Count;
        KeepValues(batch, gid, counts);
    }

    /// <summary>
    /// Keeps what percentiles need: the values (exact) or sketch buckets. <paramref name="batchCounts"/> holds, for exact
    /// values, this batch's handle, first-response and resolution counts of the touched groups (three runs of touched.Length).
    /// </summary>
    private void KeepValues(InteractionBatch batch, ReadOnlySpan<int> gid, ReadOnlySpan<int> batchCounts)
    {
        var talk = batch.TalkTime.Span;
        var hold = batch.HoldTime.Span;
        var wrap = batch.WrapTime.Span;
        var firstResponse = batch.FirstResponseTime.Span;
        var resolution = batch.ResolutionTime.Span;
        if (_exact is not null)
        {
            var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);
            var k = touched.Length;
            if (!talk.IsEmpty)
            {
                GatherExact(_exact[0], gid, talk, hold, wrap, batchCounts[..k], isHandle: true);
            }

            GatherExact(_exact[1], gid, firstResponse, default, default, batchCounts.Slice(k, k), isHandle: false);
            GatherExact(_exact[2], gid, resolution, default, default, batchCounts.Slice(2 * k, k), isHandle: false);
        }
        else if (_sketches is not null)
        {
            if (!talk.IsEmpty)
            {
                _sketches[0].AddHandle(gid, talk, hold, wrap);
            }

            _sketches[1].AddValues(gid, firstResponse);
            _sketches[2].AddValues(gid, resolution);
        }
    }

    private void GatherExact(ExactValueStore store, ReadOnlySpan<int> gid, ReadOnlySpan<long> ticks, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ReadOnlySpan<int> batchCount, bool isHandle)
    {
        if (ticks.IsEmpty)
        {
            return;
        }

        var groups = _states.Count;
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);
        var pool = ArrayPool<int>.Shared;
        var start = pool.Rent(groups);
        var position = pool.Rent(groups);
        var count = pool.Rent(groups);
        var total = 0;
        for (var k = 0; k < touched.Length; k++)
        {
            var g = touched[k];
            count[g] = batchCount[k];
            start[g] = total;
            position[g] = total;
            total += count[g] + 1; // one slack slot per group for the branch-free gather
        }

        var values = ArrayPool<long>.Shared.Rent(total);
        try
        {
            if (isHandle)
            {
                GroupedKernels.GatherHandle(gid, ticks, hold, wrap, position.AsSpan(0, groups), values);
            }
            else
            {
                GroupedKernels.GatherDurations(gid, ticks, position.AsSpan(0, groups), values);
            }

            store.AddBatch(values.AsSpan(0, total), touched, start.AsSpan(0, groups), count.AsSpan(0, groups));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(values);
            pool.Return(start);
            pool.Return(position);
            pool.Return(count);
        }
    }

    private void AddRepeatRows(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        var repeat = _repeat!;
        var customer = batch.Customer;
        var openedAt = batch.OpenedAt.Span;
        if (customer.IsEmpty || openedAt.IsEmpty)
        {
            return;
        }

        var codes = customer.Codes.Span;
        var dictionary = customer.Dictionary;
        var remap = ArrayPool<int>.Shared.Rent(Math.Max(dictionary.Count, 1));
        try
        {
            remap.AsSpan(0, dictionary.Count).Fill(-1);
            repeat.Reserve(codes.Length);
            for (var i = 0; i < codes.Length; i++)
            {
                var c = codes[i];
                var t = openedAt[i];
                if (c < 0 || t < 0)
                {
                    continue;
                }

                if (c >= dictionary.Count)
                {
                    ThrowBadCode("Customer", i, c, dictionary.Count);
                }

                var mapped = remap[c];
                if (mapped < 0)
                {
                    mapped = remap[c] = repeat.Customers.GetOrAdd(dictionary[c]);
                }

                repeat.Append(mapped, t, gid[i]);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(remap);
        }
    }
}
