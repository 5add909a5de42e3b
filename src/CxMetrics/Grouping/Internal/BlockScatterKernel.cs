using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CxMetrics.Internal.Kernels;

namespace CxMetrics.Internal;

/// <summary>
/// The grouped scatter of a contiguous run of rows in one pass, block by block, into the rows' group records. Each
/// block of <see cref="Block"/> rows first goes through a vectorized prepass that turns the columns into exactly what each row adds: the record offsets of its four score
/// answers, two packed words of duration/SLA counters and the three masked duration values, written to cache-resident
/// buffers (a per-thread scratch). A tight scalar loop then adds them to the rows' groups while the columns of a block further on are prefetched.
/// The per-row rules are those of <see cref="GroupedKernels.Scores{TRows, TColumns}"/> and
/// <see cref="GroupedKernels.DurationsAndSla{TRows, TColumns}"/>, which stay the reference (property-tested equal).
/// </summary>
/// <remarks>
/// <para>Why: the row-at-a-time kernels do the mask arithmetic one row at a time and eight read-modify-writes of 32-bit
/// counters per line; here the prepass does the arithmetic four rows per instruction and the row loop is about 23
/// instructions (JIT disassembly), with six read-modify-writes: four score counters, the packed SLA word, and one
/// 256-bit add of the line's last four words (three sums and the packed counts, which the prepass transposes into
/// row order). With the one-pass group assignment it took channel
/// × day over 1M rows from 16 to 11 ms in all (docs/grouping-performance-log.md). With many groups (records far above L2, e.g. agent ×
/// day) it also prefetches the record of the row 16 rows ahead, so the misses overlap. Into the small temporary records
/// of the per-cell path (<see cref="ScatterCells"/>) the four score answers are two pair counters
/// (<see cref="ScorePairLayout"/>): four read-modify-writes a row.</para>
/// <para>Packed counters: <see cref="PackedCounts"/> holds the handle, first-response and resolution counts in 21-bit
/// fields, <see cref="PackedSla"/> SLA measured and breached in 32-bit halves. A run is cut into chunks of fewer than
/// 2^21 rows and the packed words are moved into the line's 32-bit counters after each chunk (<see cref="Unpack"/>), so
/// no field can carry into the next and nothing outside this kernel ever sees a packed word.</para>
/// <para>Score answers: the score columns are validated before the scatter, so every byte is on its scale (at most 10)
/// or missing (255): <c>x &amp; 15</c> indexes a 16-entry table of record offsets (15 = the missing slot), one byte
/// shuffle per 32 rows.</para>
/// </remarks>
internal static unsafe class BlockScatterKernel
{
    /// <summary>
    /// Rows per block. Longer blocks read each column in longer runs, which the hardware prefetcher follows better
    /// (docs/grouping-performance-log.md, "Twentieth session"). Against 256 rows, A/B host medians for 1,000,000 rows
    /// over 30 days, with this scratch: channel × day one thread 4.57 -> 4.04 ms and `Compute` 2.78 -> 2.47 ms; agent ×
    /// day one thread 9.01 -> 8.66 ms (q25 8.02 -> 7.50) and `Compute` 5.88 -> 5.57 ms. Blocks of 512 and 1,024 rows
    /// gave less; 4,096 no more than 2,048. The block's buffers (57 bytes a row, <see cref="ScratchLength"/>) then leave
    /// L1 for L2.
    /// </summary>
    public const int Block = 2048;

    /// <summary>Line offset (uint) of the packed handle/first-response/resolution counts (21 bits each).</summary>
    public const int PackedCounts = 14;

    /// <summary>Line offset (uint) of the packed SLA measured (low 32 bits) and breached (high 32 bits) counts.</summary>
    public const int PackedSla = 6;

    /// <summary>
    /// How many blocks ahead the row loop prefetches the columns: the next one (2,048 rows). With blocks of 256 rows,
    /// four blocks ahead (1,024 rows) measured best, eight no better (docs/grouping-performance-log.md, "Nineteenth
    /// session").
    /// </summary>
    private const int PrefetchBlocks = 1;

    /// <summary>
    /// Ulongs of one scatter's scratch: the prepass runs (5 × 8 bytes a row), the four runs of score bins (4 bytes a row),
    /// the block's groups (4 bytes), a block of missing durations (8 bytes) and one of missing scores (1 byte).
    /// </summary>
    private const int ScratchLength = (7 * Block) + (Block / 8);

    /// <summary>
    /// This thread's scratch (<see cref="ScratchLength"/>, 114 KB): too large for the stack of every caller's thread,
    /// so each thread that scatters keeps one pinned array, allocated at its first scatter (the library's worker threads
    /// live as long as the process).
    /// </summary>
    [ThreadStatic]
    private static ulong[]? t_scratch;

    /// <summary>Rows per chunk: fewer than 2^21, a multiple of <see cref="Block"/>.</summary>
    public const int Chunk = 1020 * Block;

    private const ulong FieldMask = (1UL << 21) - 1;

    /// <summary>
    /// Line offset (ulong) of the four words a row adds as one vector: the handle, first-response and resolution sums,
    /// then the packed counts (<see cref="PackedCounts"/>). The prepass writes them row by row (four ulongs per row,
    /// buffer 0 .. 4 × <see cref="Block"/>), the packed SLA word of row i at <c>Sla + i</c>.
    /// </summary>
    private const int Words = GroupStates.HandleSum / 2;

    /// <summary>Buffer offset (ulong) of the packed SLA words.</summary>
    private const int Sla = 4 * Block;

    /// <summary>
    /// Scatters rows 0..gid.Length of the given (already sliced) columns into <c>records</c> (<c>stride</c> uints per
    /// group, <see cref="GroupStates"/>' layout; <c>bins</c> holds four 16-entry tables of record offsets, CSAT, NPS, CES,
    /// FCR, indexed by <c>value &amp; 15</c>). <c>targetByCodePlusOne</c>: the SLA policy's target per priority code + 1
    /// (index 0 = unknown priority = none), used when <c>priority</c> is not empty; <c>prefetchRecords</c>: the records do
    /// not stay in cache (many groups), so each row's record is asked for ahead of its use; <c>vectorize</c> = false
    /// forces the scalar prepass (tests compare both); <c>chunkRows</c> (below 2^21) is how often the packed counters are
    /// moved out (tests lower it); <c>groupOfCell</c>, when not empty: <c>gid</c> holds each row's dense cell and its
    /// group is <c>groupOfCell[cell]</c>; <c>chunks</c>, when given: only the rows it hands out to thread <c>part</c>
    /// (the columns and <c>gid</c> are then the whole batch's, shared with other threads that take chunks of the same
    /// <see cref="RowChunks"/>), else every row. Returns the ORs of the present handle components, first-response and resolution values.
    /// </summary>
    public static (long Handle, long FirstResponse, long Resolution) Scatter(
        ReadOnlySpan<int> gid, Span<uint> records, int stride, ReadOnlySpan<byte> bins,
        ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr,
        ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap,
        ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> resolution, ReadOnlySpan<long> target,
        ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCodePlusOne, int groups, bool prefetchRecords, bool vectorize = true, int chunkRows = Chunk,
        ReadOnlySpan<int> groupOfCell = default, RowChunks? chunks = null, int part = 0)
    {
        var noBadRow = -1;
        var notChecked = false;
        return (prefetchRecords, groupOfCell.IsEmpty) switch
        {
            (true, true) => ScatterCore<C1, C0, C0>(gid.Length, gid, groupOfCell, default, ref noBadRow, default, ref notChecked, records, stride, bins, csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, target, priority, targetByCodePlusOne, groups, vectorize, chunkRows, chunks, part),
            (false, true) => ScatterCore<C0, C0, C0>(gid.Length, gid, groupOfCell, default, ref noBadRow, default, ref notChecked, records, stride, bins, csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, target, priority, targetByCodePlusOne, groups, vectorize, chunkRows, chunks, part),
            (true, false) => ScatterCore<C1, C1, C0>(gid.Length, gid, groupOfCell, default, ref noBadRow, default, ref notChecked, records, stride, bins, csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, target, priority, targetByCodePlusOne, groups, vectorize, chunkRows, chunks, part),
            (false, false) => ScatterCore<C0, C1, C0>(gid.Length, gid, groupOfCell, default, ref noBadRow, default, ref notChecked, records, stride, bins, csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, target, priority, targetByCodePlusOne, groups, vectorize, chunkRows, chunks, part),
        };
    }

    /// <summary>
    /// As <see cref="Scatter"/> without a group id per row: the kernel computes each block's dense cells itself
    /// (<paramref name="cells"/>, into a buffer right before the block's rows are added) and the records are one per
    /// cell (<paramref name="groups"/> = the cell count). <paramref name="prefetchRecords"/>: the records do not stay in
    /// cache (many cells, e.g. agent × day), so each row's record is asked for ahead of its use, as in
    /// <see cref="Scatter"/> (only in <see cref="GroupStates"/>' layout: pairs are for small records). With
    /// <paramref name="pairs"/> the records have the layout of <see cref="ScorePairLayout"/> (<paramref name="bins"/> = its
    /// <see cref="ScorePairLayout.Tables"/>, <paramref name="stride"/> its <see cref="ScorePairLayout.RecordStride"/>): two
    /// score read-modify-writes a row instead of four; else that of <see cref="GroupStates"/>, as <see cref="Scatter"/>.
    /// This saves writing every row's cell to memory and reading it back (8 bytes a row). A row whose key code is outside its
    /// dictionary is counted in cell 0 and the lowest such row (over the runs this call took) goes to
    /// <paramref name="firstBadRow"/> (left as is when there is none): the caller must then discard the records. When
    /// <paramref name="scales"/> is given (the smallest and largest answer of CSAT, NPS, CES and FCR, 8 bytes), each
    /// block's scores are checked too (a value must be on its scale or missing; the kernel only reads <c>value &amp; 15</c>,
    /// so a bad value lands in some counter of the discarded records) and <paramref name="scoresInvalid"/> is set when one
    /// is not: the caller then names it (this saves a pass over the score columns before the scatter). When a row's
    /// opened_at falls outside the cells' guessed range (<see cref="DenseCells.OutsideRange"/>, set by this or another
    /// thread), the scatter stops at the next block: the caller discards the records and starts again.
    /// </summary>
    public static (long Handle, long FirstResponse, long Resolution) ScatterCells(
        in DenseCells cells, int rows, ref int firstBadRow, ReadOnlySpan<byte> scales, ref bool scoresInvalid, Span<uint> records, int stride, ReadOnlySpan<byte> bins,
        ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr,
        ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap,
        ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> resolution, ReadOnlySpan<long> target,
        ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCodePlusOne, int groups, bool vectorize = true, int chunkRows = Chunk,
        RowChunks? chunks = null, int part = 0, bool pairs = true, bool prefetchRecords = false) =>
        prefetchRecords && !pairs
            ? ScatterCore<C1, C2, C0>(rows, default, default, cells, ref firstBadRow, scales, ref scoresInvalid, records, stride, bins, csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, target, priority, targetByCodePlusOne, groups, vectorize, chunkRows, chunks, part)
        : pairs
            ? ScatterCore<C0, C2, C1>(rows, default, default, cells, ref firstBadRow, scales, ref scoresInvalid, records, stride, bins, csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, target, priority, targetByCodePlusOne, groups, vectorize, chunkRows, chunks, part)
            : ScatterCore<C0, C2, C0>(rows, default, default, cells, ref firstBadRow, scales, ref scoresInvalid, records, stride, bins, csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, target, priority, targetByCodePlusOne, groups, vectorize, chunkRows, chunks, part);

    /// <summary>
    /// <see cref="Scatter"/> of <paramref name="n"/> rows; <typeparamref name="TPrefetch"/> = <see cref="C1"/> prefetches each row's record;
    /// <typeparamref name="TMapped"/>: where a row's group comes from. <see cref="C0"/>: <c>gid</c>; <see cref="C1"/>:
    /// <c>gid</c> holds dense cells and a row's group is <c>groupOfCell[cell]</c>, looked up once per row into a block
    /// buffer (instead of a pass that writes every row's group id first); <see cref="C2"/>: <paramref name="computed"/>
    /// computes the block's cells into that buffer (<see cref="ScatterCells"/>). <typeparamref name="TPairs"/> =
    /// <see cref="C1"/>: a row's scores are two offsets into a <see cref="ScorePairLayout"/> record, else four.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long Handle, long FirstResponse, long Resolution) ScatterCore<TPrefetch, TMapped, TPairs>(
        int n, ReadOnlySpan<int> gid, ReadOnlySpan<int> groupOfCell, in DenseCells computed, ref int firstBadRow, ReadOnlySpan<byte> scales, ref bool scoresInvalid, Span<uint> records, int stride, ReadOnlySpan<byte> bins,
        ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr,
        ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap,
        ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> resolution, ReadOnlySpan<long> target,
        ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCodePlusOne, int groups, bool vectorize, int chunkRows, RowChunks? chunks, int part)
        where TPrefetch : struct, IConstant
        where TMapped : struct, IConstant
        where TPairs : struct, IConstant
    {
        var buffer = Scratch(); // five runs of 8-byte values, then four runs of bytes
        var blockGroups = (int*)(buffer + (5 * Block) + (Block / 2));
        ReadOnlySpan<long> missingDurations = new(buffer + (6 * Block), Block);
        ReadOnlySpan<byte> missingScores = new(buffer + (7 * Block), Block);
        var usePolicy = !priority.IsEmpty && targetByCodePlusOne.Length > 1;
        var vector = vectorize && !usePolicy && Vector256.IsHardwareAccelerated && Avx2.IsSupported;
        var or = default(Ors);
        var pairs = TPairs.Value != 0;
        var instants = computed.Instants;
        var codes = computed.Codes;
        fixed (uint* r0 = records)
        fixed (int* g0 = gid)
        fixed (int* m0 = groupOfCell)
        {
            // The packed counters take fewer than 2^21 rows between two moves (Unpack): at most chunkRows.
            var packedRows = 0;
            var taken = false;
            while (Take(chunks, part, n, ref taken, out var from, out var to))
            {
                for (var piece = from; piece < to; piece += chunkRows)
                {
                    var pieceEnd = Math.Min(to, piece + chunkRows);
                    if (packedRows + (pieceEnd - piece) > chunkRows)
                    {
                        Unpack(r0, stride, groups);
                        packedRows = 0;
                    }

                    packedRows += pieceEnd - piece;
                    for (var start = piece; start < pieceEnd; start += Block)
                    {
                        var m = Math.Min(Block, pieceEnd - start);
                        var t = Part(talk, missingDurations);
                        var h = Part(hold, missingDurations);
                        var w = Part(wrap, missingDurations);
                        var r = Part(firstResponse, missingDurations);
                        var z = Part(resolution, missingDurations);
                        var q = Part(target, missingDurations);
                        var a = PartBytes(csat, missingScores);
                        var b = PartBytes(nps, missingScores);
                        var c = PartBytes(ces, missingScores);
                        var d = PartBytes(fcr, missingScores);
                        if (!scales.IsEmpty && !scoresInvalid && !ScoresValid(a, b, c, d, scales))
                        {
                            scoresInvalid = true;
                        }

                        if (vector)
                        {
                            Prepass256(t, h, w, r, z, q, buffer, ref or);
                            Bins256(a, b, c, d, bins, (byte*)(buffer + (5 * Block)), pairs);
                        }
                        else
                        {
                            PrepassScalar(t, h, w, r, z, q, usePolicy ? priority.Slice(start, m) : default, targetByCodePlusOne, buffer, 0, ref or);
                            BinsScalar(a, b, c, d, bins, (byte*)(buffer + (5 * Block)), pairs);
                        }

                        // While this block's rows are added (L1/L2 work), the columns of the block PrefetchBlocks on stream
                        // in (past the end of this thread's run too: another thread's rows cost a wasted prefetch at most).
                        var next = start + (PrefetchBlocks * Block);
                        var ahead = next + Block <= n
                            ? new Ahead
                            {
                                Exists = true,
                                Gid = TMapped.Value == 2 ? Address(codes, next) : Address(gid, next),
                                OpenedAt = Address(instants, next),
                                Talk = Address(talk, next), Hold = Address(hold, next), Wrap = Address(wrap, next),
                                FirstResponse = Address(firstResponse, next), Resolution = Address(resolution, next), Target = Address(target, next),
                                Csat = Address(csat, next), Nps = Address(nps, next), Ces = Address(ces, next), Fcr = Address(fcr, next),
                            }
                            : default;
                        if (TMapped.Value == 2)
                        {
                            var bad = computed.Cells(start, start + m, new Span<int>(blockGroups, m), vectorize);
                            if (computed.OutsideRange)
                            {
                                // A row outside the guessed opened_at range (here or on another thread): the caller
                                // discards the records and starts again, so the rest is not worth scattering.
                                return default;
                            }

                            if (bad >= 0)
                            {
                                // Rows from the bad one on were not written: count them in cell 0 (the records are discarded).
                                firstBadRow = firstBadRow < 0 ? bad : Math.Min(firstBadRow, bad);
                                new Span<int>(blockGroups + (bad - start), m - (bad - start)).Clear();
                            }

                            AddRows<TPrefetch, TPairs>(blockGroups, m, r0, stride, buffer, in ahead);
                        }
                        else if (TMapped.Value == 1)
                        {
                            // The block's groups once, into a buffer: the row loop reads each row's group twice (for the
                            // prefetch 16 rows ahead, then for the add), and through the map that was two dependent loads each
                            // time (measured 6 % faster Compute by agent x day; docs/grouping-performance-log.md, "Tenth session").
                            var cellsOfBlock = g0 + start;
                            for (var k = 0; k < m; k++)
                            {
                                blockGroups[k] = m0[cellsOfBlock[k]];
                            }

                            AddRows<TPrefetch, TPairs>(blockGroups, m, r0, stride, buffer, in ahead);
                        }
                        else
                        {
                            AddRows<TPrefetch, TPairs>(g0 + start, m, r0, stride, buffer, in ahead);
                        }

                        ReadOnlySpan<long> Part(ReadOnlySpan<long> column, ReadOnlySpan<long> missing) => column.IsEmpty ? missing[..m] : column.Slice(start, m);
                        ReadOnlySpan<byte> PartBytes(ReadOnlySpan<byte> column, ReadOnlySpan<byte> missing) => column.IsEmpty ? missing[..m] : column.Slice(start, m);
                    }
                }
            }

            Unpack(r0, stride, groups);
        }

        return (or.Handle, or.FirstResponse, or.Resolution);
    }

    /// <summary>The next run of rows: from <paramref name="chunks"/> (as thread <paramref name="part"/>) when given, else all <paramref name="n"/> rows once.</summary>
    private static bool Take(RowChunks? chunks, int part, int n, ref bool taken, out int from, out int to)
    {
        if (chunks is not null)
        {
            return chunks.TryTake(part, out from, out to);
        }

        from = 0;
        to = n;
        var first = !taken;
        taken = true;
        return first && n > 0;
    }

    /// <summary>
    /// The four 16-entry tables the kernel indexes by <c>value &amp; 15</c>, from the four 256-entry tables of
    /// <see cref="GroupedKernels.ScoreBins"/> (validated columns hold a value on the scale, at most 10, or 255 -> entry 15).
    /// </summary>
    public static void SmallBins(ReadOnlySpan<byte> bins, Span<byte> small)
    {
        for (var k = 0; k < 4; k++)
        {
            for (var v = 0; v < 16; v++)
            {
                small[(16 * k) + v] = bins[(256 * k) + (v == 15 ? Missing.Score : v)];
            }
        }
    }

    /// <summary>Moves the packed counters of every group into the line's 32-bit counters and clears them.</summary>
    private static void Unpack(uint* records, int stride, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            var line = records + ((nint)g * stride);
            var counts = *(ulong*)(line + PackedCounts);
            var sla = *(ulong*)(line + PackedSla);
            line[GroupStates.HandleCount] += (uint)(counts & FieldMask);
            line[GroupStates.FirstResponseCount] += (uint)((counts >> 21) & FieldMask);
            line[GroupStates.ResolutionCount] += (uint)(counts >> 42);
            line[GroupStates.SlaMeasured] += (uint)sla;
            line[GroupStates.SlaBreached] += (uint)(sla >> 32);
            *(ulong*)(line + PackedCounts) = 0;
            *(ulong*)(line + PackedSla) = 0;
        }
    }

    /// <summary>This thread's scratch (<see cref="t_scratch"/>), its runs of missing durations and scores filled once.</summary>
    private static ulong* Scratch()
    {
        var scratch = t_scratch;
        if (scratch is null)
        {
            // Eight ulongs more, so the runs can start on a 64-byte line (vector stores that never straddle two lines).
            scratch = GC.AllocateUninitializedArray<ulong>(ScratchLength + 8, pinned: true);
            var values = scratch.AsSpan(LineStart(scratch), ScratchLength);
            MemoryMarshal.Cast<ulong, long>(values.Slice(6 * Block, Block)).Fill(Missing.Duration);
            MemoryMarshal.AsBytes(values[(7 * Block)..]).Fill(Missing.Score);
            t_scratch = scratch;
        }

        // Pinned (allocated on the pinned object heap): the address stays valid while the thread holds the array.
        return (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(scratch)) + LineStart(scratch);

        static int LineStart(ulong[] array) =>
            (int)((64 - ((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) & 63)) & 63) / sizeof(ulong);
    }

    /// <summary>Adds one block's prepared values to the rows' groups (<typeparamref name="TPairs"/> = <see cref="C1"/>: two score offsets a row, <see cref="ScorePairLayout"/>; else four).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRows<TPrefetch, TPairs>(int* gid, int rows, uint* records, int stride, ulong* buffer, in Ahead ahead)
        where TPrefetch : struct, IConstant
        where TPairs : struct, IConstant
    {
        var bins = (byte*)(buffer + (5 * Block));
        nint recordStride = stride;
        nint lastByte = (stride * sizeof(uint)) - 1;
        nint n = rows;
        for (nint j = 0; j < n; j += 8)
        {
            if (ahead.Exists)
            {
                // Eight rows are one 64-byte line of each duration column (and of opened_at, read when the kernel computes cells).
                var at = j * sizeof(long);
                Prefetch(ahead.OpenedAt, at);
                Prefetch(ahead.Talk, at);
                Prefetch(ahead.Hold, at);
                Prefetch(ahead.Wrap, at);
                Prefetch(ahead.FirstResponse, at);
                Prefetch(ahead.Resolution, at);
                Prefetch(ahead.Target, at);
                if ((j & 15) == 0)
                {
                    Prefetch(ahead.Gid, j * sizeof(int));
                }

                if ((j & 63) == 0)
                {
                    Prefetch(ahead.Csat, j);
                    Prefetch(ahead.Nps, j);
                    Prefetch(ahead.Ces, j);
                    Prefetch(ahead.Fcr, j);
                }
            }

            var end = Math.Min(j + 8, n);
            if (TPrefetch.Value != 0 && Sse.IsSupported && j + 8 + GroupedKernels.PrefetchDistance <= n)
            {
                // Many groups: every record is a cache miss, so ask for the records of rows further on now (the lines
                // a record spans: three from the 64-byte aligned start of the records; its last byte is in a fourth only
                // when the scales make a record longer than 192 bytes).
                for (var i = j; i < end; i++)
                {
                    var record = (byte*)(records + (gid[i + GroupedKernels.PrefetchDistance] * recordStride));
                    Sse.Prefetch0(record);
                    Sse.Prefetch0(record + 64);
                    Sse.Prefetch0(record + 128);
                    Sse.Prefetch0(record + lastByte);
                }
            }

            for (var i = j; i < end; i++)
            {
                var record = records + (gid[i] * recordStride);
                record[bins[i]]++;
                record[bins[i + Block]]++;
                if (TPairs.Value == 0)
                {
                    record[bins[i + (2 * Block)]]++;
                    record[bins[i + (3 * Block)]]++;
                }

                var line = (ulong*)record;
                line[PackedSla / 2] += buffer[i + Sla];
                var words = buffer + (i * 4);
                if (Vector256.IsHardwareAccelerated)
                {
                    // The line's last four words (the three sums, then the packed counts) in one 256-bit add: two
                    // memory operations instead of eight (the row loop is bound by its loads and stores).
                    (Vector256.Load(line + Words) + Vector256.Load(words)).Store(line + Words);
                }
                else
                {
                    line[Words] += words[0];
                    line[Words + 1] += words[1];
                    line[Words + 2] += words[2];
                    line[Words + 3] += words[3];
                }
            }
        }
    }

    /// <summary>Whether a block's scores are all on their scales (<paramref name="scales"/>: min and max of each column) or missing.</summary>
    private static bool ScoresValid(ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr, ReadOnlySpan<byte> scales) =>
        ScoreValidation.AllValid(csat, scales[0], scales[1]) && ScoreValidation.AllValid(nps, scales[2], scales[3])
        && ScoreValidation.AllValid(ces, scales[4], scales[5]) && ScoreValidation.AllValid(fcr, scales[6], scales[7]);

    /// <summary>
    /// The record offsets of a block's score answers, one table lookup per value (the reference of <see cref="Bins256"/>);
    /// <paramref name="pairs"/>: two offsets a row, CSAT's entry plus NPS's and CES's plus FCR's (<see cref="ScorePairLayout"/>).
    /// </summary>
    private static void BinsScalar(ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr, ReadOnlySpan<byte> bins, byte* destination, bool pairs)
    {
        for (var i = 0; i < csat.Length; i++)
        {
            var a = bins[csat[i] & 15];
            var b = bins[16 + (nps[i] & 15)];
            var c = bins[32 + (ces[i] & 15)];
            var d = bins[48 + (fcr[i] & 15)];
            if (pairs)
            {
                destination[i] = (byte)(a + b);
                destination[i + Block] = (byte)(c + d);
            }
            else
            {
                destination[i] = a;
                destination[i + Block] = b;
                destination[i + (2 * Block)] = c;
                destination[i + (3 * Block)] = d;
            }
        }
    }

    /// <summary>As <see cref="BinsScalar"/>, 32 values per byte shuffle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Bins256(ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr, ReadOnlySpan<byte> bins, byte* destination, bool pairs)
    {
        // vpshufb looks up within each 128-bit half: the same 16-entry table in both halves.
        var tableA = Vector256.Create(Vector128.Create(bins[..16]));
        var tableB = Vector256.Create(Vector128.Create(bins.Slice(16, 16)));
        var tableC = Vector256.Create(Vector128.Create(bins.Slice(32, 16)));
        var tableD = Vector256.Create(Vector128.Create(bins.Slice(48, 16)));
        var low = Vector256.Create((byte)15);
        ref var a0 = ref MemoryMarshal.GetReference(csat);
        ref var b0 = ref MemoryMarshal.GetReference(nps);
        ref var c0 = ref MemoryMarshal.GetReference(ces);
        ref var d0 = ref MemoryMarshal.GetReference(fcr);
        var n = (nuint)csat.Length;
        nuint i = 0;
        for (; i + 32 <= n; i += 32)
        {
            var a = Avx2.Shuffle(tableA, Vector256.LoadUnsafe(ref a0, i) & low);
            var b = Avx2.Shuffle(tableB, Vector256.LoadUnsafe(ref b0, i) & low);
            var c = Avx2.Shuffle(tableC, Vector256.LoadUnsafe(ref c0, i) & low);
            var d = Avx2.Shuffle(tableD, Vector256.LoadUnsafe(ref d0, i) & low);
            if (pairs)
            {
                // At most 195 (ScorePairLayout): the byte adds never wrap.
                (a + b).Store(destination + i);
                (c + d).Store(destination + i + Block);
            }
            else
            {
                a.Store(destination + i);
                b.Store(destination + i + Block);
                c.Store(destination + i + (2 * Block));
                d.Store(destination + i + (3 * Block));
            }
        }

        if (i < n)
        {
            var k = (int)i;
            BinsScalar(csat[k..], nps[k..], ces[k..], fcr[k..], bins, destination + k, pairs);
        }
    }

    /// <summary>
    /// The reference prepass, one row at a time (also the path with an SLA policy, whose per-priority target is a table
    /// lookup): handle = talk + hold + wrap when talk is present (a missing hold or wrap counts 0); SLA measured when the
    /// response and the row's target (else its priority's) are present, breached when response &gt; target.
    /// </summary>
    private static void PrepassScalar(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap,
        ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> resolution, ReadOnlySpan<long> target,
        ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCodePlusOne, ulong* buffer, int first, ref Ors or)
    {
        for (var i = 0; i < talk.Length; i++)
        {
            var t = talk[i];
            var h = Math.Max(hold[i], 0);
            var w = Math.Max(wrap[i], 0);
            var handled = t >= 0;
            var r = firstResponse[i];
            var z = resolution[i];
            var limit = target[i];
            if (limit < 0 && !priority.IsEmpty)
            {
                var code = (uint)(priority[i] + 1);
                limit = code < (uint)targetByCodePlusOne.Length ? targetByCodePlusOne[(int)code] : Missing.Duration;
            }

            var measured = r >= 0 && limit >= 0;
            var row = first + i;
            var words = buffer + (4 * row);
            words[0] = handled ? (ulong)(t + h + w) : 0;
            words[1] = r >= 0 ? (ulong)r : 0;
            words[2] = z >= 0 ? (ulong)z : 0;
            words[3] = (handled ? 1UL : 0) | ((r >= 0 ? 1UL : 0) << 21) | ((z >= 0 ? 1UL : 0) << 42);
            buffer[Sla + row] = (measured ? 1UL : 0) | ((measured && r > limit ? 1UL : 0) << 32);
            or.Handle |= handled ? t | h | w : 0;
            or.FirstResponse |= Math.Max(r, 0);
            or.Resolution |= Math.Max(z, 0);
        }
    }

    /// <summary>The prepass on 256-bit vectors (four rows per instruction), then a scalar remainder. No SLA policy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prepass256(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap,
        ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> resolution, ReadOnlySpan<long> target, ulong* buffer, ref Ors or)
    {
        ref var t0 = ref MemoryMarshal.GetReference(talk);
        ref var h0 = ref MemoryMarshal.GetReference(hold);
        ref var w0 = ref MemoryMarshal.GetReference(wrap);
        ref var r0 = ref MemoryMarshal.GetReference(firstResponse);
        ref var z0 = ref MemoryMarshal.GetReference(resolution);
        ref var q0 = ref MemoryMarshal.GetReference(target);
        var o0 = (long*)buffer;
        var n = (nuint)talk.Length;
        var step = (nuint)Vector256<long>.Count;
        Vector256<long> orH = default, orR = default, orZ = default;
        var one = Vector256.Create(1L);
        nuint i = 0;
        for (; i + step <= n; i += step)
        {
            var t = Vector256.LoadUnsafe(ref t0, i);
            var h = Vector256.LoadUnsafe(ref h0, i);
            var w = Vector256.LoadUnsafe(ref w0, i);
            var r = Vector256.LoadUnsafe(ref r0, i);
            var z = Vector256.LoadUnsafe(ref z0, i);
            var q = Vector256.LoadUnsafe(ref q0, i);
            var tMissing = Vector256.LessThan(t, Vector256<long>.Zero);
            h = Vector256.AndNot(h, Vector256.LessThan(h, Vector256<long>.Zero));
            w = Vector256.AndNot(w, Vector256.LessThan(w, Vector256<long>.Zero));
            orH |= Vector256.AndNot(t | h | w, tMissing);
            var rMissing = Vector256.LessThan(r, Vector256<long>.Zero);
            var zMissing = Vector256.LessThan(z, Vector256<long>.Zero);
            var response = Vector256.AndNot(r, rMissing);
            var resolved = Vector256.AndNot(z, zMissing);
            orR |= response;
            orZ |= resolved;
            var unmeasured = Vector256.LessThan(r | q, Vector256<long>.Zero);
            // A mask is all ones (-1) or 0, so "present" is mask + 1.
            var counts = (tMissing + one) | Vector256.ShiftLeft(rMissing + one, 21) | Vector256.ShiftLeft(zMissing + one, 42);
            var sla = (unmeasured + one) | Vector256.ShiftLeft(Vector256.AndNot(Vector256.GreaterThan(r, q), unmeasured) & one, 32);
            sla.Store(o0 + Sla + i);

            // Four rows' (handle, response, resolution, counts) transposed into four rows of four words, as the row
            // loop adds them (one 256-bit add per row instead of four).
            var handle = Vector256.AndNot(t + h + w, tMissing);
            var low = Avx2.UnpackLow(handle, response);      // h0 r0 h2 r2
            var high = Avx2.UnpackHigh(handle, response);    // h1 r1 h3 r3
            var lowZ = Avx2.UnpackLow(resolved, counts);     // z0 c0 z2 c2
            var highZ = Avx2.UnpackHigh(resolved, counts);   // z1 c1 z3 c3
            var words = o0 + (4 * i);
            Avx2.Permute2x128(low, lowZ, 0x20).Store(words);
            Avx2.Permute2x128(high, highZ, 0x20).Store(words + 4);
            Avx2.Permute2x128(low, lowZ, 0x31).Store(words + 8);
            Avx2.Permute2x128(high, highZ, 0x31).Store(words + 12);
        }

        for (var lane = 0; lane < Vector256<long>.Count; lane++)
        {
            or.Handle |= orH.GetElement(lane);
            or.FirstResponse |= orR.GetElement(lane);
            or.Resolution |= orZ.GetElement(lane);
        }

        if (i < n)
        {
            var k = (int)i;
            PrepassScalar(talk[k..], hold[k..], wrap[k..], firstResponse[k..], resolution[k..], target[k..], default, default, buffer, k, ref or);
        }
    }

    /// <summary>
    /// The address of row <paramref name="start"/> of a column, or 0 when absent. Only ever prefetched, never read
    /// through: a stale address (the GC moved the array meanwhile) is harmless, since a prefetch never faults.
    /// </summary>
    private static nint Address<T>(ReadOnlySpan<T> column, int start) =>
        start < column.Length ? (nint)Unsafe.AsPointer(ref Unsafe.AsRef(in column[start])) : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(nint address, nint byteOffset)
    {
        if (Sse.IsSupported && address != 0)
        {
            Sse.Prefetch0((byte*)(address + byteOffset));
        }
    }

    /// <summary>Where the prefetched block's columns start (0 = absent column; <see cref="Exists"/> = false: no such block).</summary>
    private struct Ahead
    {
        public bool Exists;

        /// <summary>The group ids, dense cells or (when the kernel computes the cells) key codes: 4 bytes a row.</summary>
        public nint Gid;
        public nint OpenedAt, Talk, Hold, Wrap, FirstResponse, Resolution, Target, Csat, Nps, Ces, Fcr;
    }

    private struct Ors
    {
        public long Handle;
        public long FirstResponse;
        public long Resolution;
    }
}
