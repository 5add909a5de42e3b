using System.Runtime.InteropServices;
using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    /// <summary>
    /// Up to this many bytes of the cells' temporary records in the <see cref="ScorePairLayout"/> (448 bytes a cell with
    /// the default scales, 2.3 times a group record) the per-cell path counts the score answers as pairs. Measured with the
    /// A/B host: channel x day over 30 days (186 cells, 83 KB) 9 % faster on one thread; over 90 days (546 cells, 245 KB)
    /// no change; agent x month over 90 days (2,004 cells, 898 KB) 11 % slower, as the larger records leave the caches.
    /// </summary>
    internal const long PairRecordBytes = 128 * 1024;

    /// <summary>
    /// Up to this many bytes of the cells' records (in <see cref="GroupStates"/>' layout) the per-cell path applies: agent ×
    /// day over 30 days (15,531 cells, 3.0 MB) takes it, over 90 days (45,591 cells, 8.8 MB) not. Measured with the A/B
    /// host (1,000,000 rows, medians, against the group-id path): 30 days in random order one thread 9.39 -> 8.90 ms and
    /// <c>Compute</c> 6.57 -> 5.38 ms; sorted by opened_at 6.71 -> 6.46 and 4.82 -> 3.87 ms; 90 days with a 16 MB limit
    /// one thread 13.76 -> 14.14 ms and <c>Compute</c> 9.89 -> 9.75 ms (no gain: two copies of 8.8 MB leave the caches).
    /// </summary>
    internal const long ManyCellRecordBytes = 4L << 20;

    /// <summary>
    /// The batch path without a group id per row (at most one key column present, UTC periods, the cells' records within
    /// <see cref="ManyCellRecordBytes"/>, e.g. channel × day, agent × day over a month) when nothing needs each row's
    /// group afterwards (no percentile values, sketches or repeat-contact rows). The rows' dense cells are computed
    /// (vectorized) block by block inside the scatter, the rows are scattered into one record per cell by
    /// <see cref="BlockScatterKernel.ScatterCells"/> (on each thread into its own copy, then added; the score answers
    /// counted as pairs while the records are small, <see cref="PairRecordBytes"/>; each row's record prefetched while
    /// they do not stay in cache, <see cref="BlockScatterRecordBytes"/>), and only then are the cells that got rows
    /// resolved to groups and their records added to the groups'. This saves the pass that maps every row's cell to its
    /// group, and on several threads the marking and mapping passes too. Same counts, sums and checks as
    /// <see cref="AssignGroups"/> then <see cref="AccumulateStates"/> (the property tests compare every group with the
    /// core); returns false when it does not apply, before changing anything. With a guessed opened_at range
    /// (<see cref="InstantRange.Guess"/>) a row outside it stops the scatter early and <see cref="FusedOutcome.OutsideRange"/>
    /// comes back, before any error is named or anything changed.
    /// </summary>
    private FusedOutcome TryAddByCells(InteractionBatch batch, long min, long max, int[] cellArray, int n, int threads)
    {
        if (_repeat is not null || _exact is not null || _sketches is not null || (_keys.Length == 0 && _grouping.Period == PeriodUnit.None))
        {
            return FusedOutcome.NotApplicable;
        }

        var s = _states;
        var layout = _pairLayout ??= new ScorePairLayout(s);
        var recordBytes = s.RecordStride * sizeof(uint);
        Span<int> cardinality = stackalloc int[4];
        var columns = KeyColumns(batch, cardinality, out var keyCells);
        _appendWithoutIndex = _groups.Count == 0;
        try
        {
            using var space = PrepareFused(columns, cardinality[..columns.Length], keyCells, batch.OpenedAt, min, max, n, ManyCellRecordBytes / recordBytes);
            if (space is null)
            {
                return FusedOutcome.NotApplicable;
            }

            // The cells' temporary records count the score answers as pairs while they stay small (PairRecordBytes).
            var cells = space.Count;
            var cellBytes = (long)cells * recordBytes;
            var pairs = (long)cells * layout.RecordStride * sizeof(uint) <= PairRecordBytes;
            var stride = pairs ? layout.RecordStride : s.RecordStride;
            using var copies = new RecordCopies(threads, cells * stride);
            var or = new (long Handle, long FirstResponse, long Resolution)[threads];

            // The threads take chunks of rows (RowChunks); copy 0 always exists (the sum goes there). The kernel computes
            // each block's cells itself and checks its scores; a bad key code, then a bad score, throws after the scatter,
            // which wrote only the copies.
            var cellsOf = space.Cells;
            var chunks = RowChunksFor(n, threads);
            var firstBad = new int[threads];
            var scoresInvalid = new bool[threads];
            RunParallel(threads, t =>
            {
                firstBad[t] = -1;
                if (t > 0 && chunks.Exhausted)
                {
                    return;
                }

                copies.Rent(t);
                Span<byte> bins = stackalloc byte[4 * 256];
                FillScoreBins(bins);
                or[t] = ScatterBlocks(batch, default, copies.Records(t), cells, bins,
                    batch.Csat.Span, batch.Nps.Span, batch.Ces.Span, batch.FirstContactResolved.Span, 0, n, prefetchRecords: cellBytes > BlockScatterRecordBytes, default, chunks, t,
                    cellsOf, firstBad.AsSpan(t, 1), pairs, scoresInvalid.AsSpan(t, 1));
            });
            if (cellsOf.OutsideRange)
            {
                return FusedOutcome.OutsideRange;
            }

            ThrowFirstBadCode(columns, space.Key, firstBad);
            CheckScoresBeforeGroups(batch, Array.IndexOf(scoresInvalid, true) < 0);

            // Many cells (agent × day): every step over the cells' records on every thread.
            var cellThreads = cellBytes > ParallelSumRecordBytes ? threads : 1;
            RunParallel(cellThreads, t => copies.SumIntoFirst(t, cellThreads));

            var all = or[0];
            for (var t = 1; t < threads; t++)
            {
                all = (all.Handle | or[t].Handle, all.FirstResponse | or[t].FirstResponse, all.Resolution | or[t].Resolution);
            }

            var largest = CheckDurations(batch, all);

            // The cells that got rows (every row counts one contact) are marked (with pairs, each cell's pair counters
            // folded into a group record first, at the start of the cell's span), resolved in cell order, and their
            // records added to their groups; with many cells, each thread marks and adds a range of cells (the cells
            // marked and resolved one by one on the calling thread took 0.74 ms of a 5.2 ms two-thread Add of agent × day).
            var map = space.Map;
            var perThread = (cells + cellThreads - 1) / cellThreads;
            RunParallel(cellThreads, t =>
            {
                for (var d = t * perThread; d < Math.Min(cells, (t + 1) * perThread); d++)
                {
                    var record = copies.Records(0).Slice(d * stride, stride);
                    if (pairs)
                    {
                        layout.ToGroupRecord(record);
                    }

                    if (s.Contacts(record) != 0)
                    {
                        map[d] = -2;
                    }
                }
            });

            // A first batch: every marked cell is a new group, resolved on the threads (one group per cell, so the threads
            // may add the records at once); else one by one, in cell order.
            var groupPerCell = TryResolveMarksOnThreads(space, columns, map, cellThreads);
            if (!groupPerCell)
            {
                for (var d = 0; d < cells; d++)
                {
                    if (map[d] == -2)
                    {
                        map[d] = ResolveCell(space, columns, d);
                    }
                }
            }

            SortTouched();
            s.BeginBatch(n);
            var addThreads = groupPerCell ? cellThreads : 1;
            var addRange = (cells + addThreads - 1) / addThreads;
            RunParallel(addThreads, t =>
            {
                for (var d = t * addRange; d < Math.Min(cells, (t + 1) * addRange); d++)
                {
                    if (map[d] >= 0)
                    {
                        s.AddRecord(map[d], copies.Records(0).Slice(d * stride, s.RecordStride));
                    }
                }
            });

            RaiseSumBound(largest, threads);
            if (s.SumBound > ulong.MaxValue)
            {
                // Rare (durations of years in groups of thousands of rows): the per-row undo needs each row's group.
                var rows = cellArray.AsSpan(0, n);
                cellsOf.Cells(0, n, rows);
                for (var i = 0; i < rows.Length; i++)
                {
                    rows[i] = map[rows[i]];
                }

                GroupedKernels.MoveSums(rows, s.Records, s.RecordStride, s.Wide, batch.TalkTime.Span, batch.HoldTime.Span, batch.WrapTime.Span, batch.FirstResponseTime.Span, batch.ResolutionTime.Span);
                s.FlushToWide();
            }

            return FusedOutcome.Done;
        }
        finally
        {
            _appendWithoutIndex = false;
        }
    }
}
