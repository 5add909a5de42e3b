using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// <see cref="BlockScatterKernel"/> (vectorized prepass, scalar prepass, packed counters, with and without prefetching
/// the records, with group ids, with dense cells and a cell → group map, or computing the cells from key codes itself,
/// all rows or chunks of rows taken by several threads) must leave exactly the records of the row-at-a-time reference kernels <see cref="GroupedKernels.Scores{TRows, TColumns}"/> and
/// <see cref="GroupedKernels.DurationsAndSla{TRows, TColumns}"/>, and return the same ORs.
/// </summary>
[Trait("Category", "Kernel")]
public class BlockScatterKernelTests
{
    [Property(MaxTest = 150)]
    public void BlockScatterKernel_Scatter_EqualsRowAtATimeKernels(int seed)
    {
        var random = new Random(seed);
        // Lengths around the block and vector sizes, and several blocks.
        int[] lengths = [0, 1, 3, 4, 5, 31, 32, 33, BlockScatterKernel.Block - 1, BlockScatterKernel.Block, BlockScatterKernel.Block + 1, random.Next(0, (3 * BlockScatterKernel.Block) + 100)];
        var n = lengths[random.Next(lengths.Length)];
        var groups = 1 + random.Next(40);
        var metrics = random.Next(3) switch
        {
            0 => MetricOptions.Default,
            1 => MetricOptions.Default with { Csat = new CsatOptions { ScaleMin = 0, ScaleMax = 10, SatisfiedThreshold = 9 }, Ces = new CesOptions { ScaleMin = 1, ScaleMax = 5, EasyThreshold = 4 } },
            _ => MetricOptions.Default with { Csat = new CsatOptions { ScaleMin = 1, ScaleMax = 3, SatisfiedThreshold = 3 } },
        };
        var states = new GroupStates(metrics);
        var stride = states.RecordStride;
        var bins = new byte[1024];
        GroupedKernels.ScoreBins(states.CsatMin, states.CsatMax, states.CsatAnswers, GroupStates.CsatMissing, bins.AsSpan(0, 256));
        GroupedKernels.ScoreBins(0, 10, states.NpsAnswers, GroupStates.NpsMissing, bins.AsSpan(256, 256));
        GroupedKernels.ScoreBins(states.CesMin, states.CesMax, states.CesAnswers, GroupStates.CesMissing, bins.AsSpan(512, 256));
        GroupedKernels.ScoreBins(0, 1, GroupStates.Fcr0, GroupStates.FcrMissing, bins.AsSpan(768, 256));
        var small = new byte[64];
        BlockScatterKernel.SmallBins(bins, small);
        var layout = new ScorePairLayout(states);
        var pairStride = layout.RecordStride;
        var pairTables = new byte[64];
        layout.Tables(pairTables);
        byte[] scales = [(byte)states.CsatMin, (byte)states.CsatMax, 0, 10, (byte)states.CesMin, (byte)states.CesMax, 0, 1];

        // The rows' dense cells and each cell's group (several cells may share one), for the mapped form of the kernel;
        // gid = the rows' groups, for the plain form and the reference.
        var groupOfCell = Fill(groups + random.Next(60), c => c < groups ? c : random.Next(groups));
        var cells = Fill(n, _ => random.Next(groupOfCell.Length));
        // A group may get runs of rows (as in time-ordered data), so the same record is hit back to back.
        if (random.Next(3) == 0)
        {
            Array.Sort(cells);
        }

        var gid = Fill(n, i => groupOfCell[cells[i]]);

        var csat = Scores(random, n, states.CsatMin, states.CsatMax);
        var nps = Scores(random, n, 0, 10);
        var ces = Scores(random, n, states.CesMin, states.CesMax);
        var fcr = Scores(random, n, 0, 1);
        var huge = random.Next(4) == 0;
        var talk = DurationColumn(random, n, huge);
        var hold = DurationColumn(random, n, huge);
        var wrap = DurationColumn(random, n, huge);
        var response = DurationColumn(random, n, huge);
        var resolution = DurationColumn(random, n, huge);
        var target = DurationColumn(random, n, huge);
        var priority = random.Next(2) == 0 ? Fill(n, _ => random.Next(-1, 5)) : [];
        long[] table = priority.Length > 0 ? [Missing.Duration, 60 * TimeSpan.TicksPerSecond, random.Next(0, 1000), Missing.Duration] : [Missing.Duration];

        // Any column may be absent.
        csat = Absent(random, csat);
        nps = Absent(random, nps);
        ces = Absent(random, ces);
        fcr = Absent(random, fcr);
        talk = Absent(random, talk);
        hold = Absent(random, hold);
        wrap = Absent(random, wrap);
        response = Absent(random, response);
        resolution = Absent(random, resolution);
        target = Absent(random, target);

        var expected = new uint[groups * stride];
        GroupedKernels.Scores<AllRows, StridedColumns>(gid, default, n, expected, stride, bins, csat, nps, ces, fcr);
        var expectedOr = GroupedKernels.DurationsAndSla<AllRows, StridedColumns>(gid, default, n, expected, stride, talk, hold, wrap, response, resolution, target, priority, table);

        foreach (var vectorize in new[] { true, false })
        {
            // A small chunk forces the packed counters to be moved out several times.
            var chunk = random.Next(2) == 0 ? BlockScatterKernel.Chunk : 1 + random.Next(700);
            foreach (var (prefetch, mapped) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                var records = new uint[groups * stride];
                var or = BlockScatterKernel.Scatter(mapped ? cells : gid, records, stride, small, csat, nps, ces, fcr, talk, hold, wrap, response, resolution, target,
                    priority, table, groups, prefetch, vectorize, chunk, mapped ? groupOfCell : default);
                Assert.Equal(expected, records);
                Assert.Equal(expectedOr, or);

                // Rows handed out in chunks (RowChunks) to one to three threads at once, each into its own records,
                // then added: the same records and ORs whichever thread took which chunk.
                var takers = 1 + random.Next(3);
                var chunks = new RowChunks(n, 1 + random.Next(900), random.Next(2) == 0 ? takers : 1 + random.Next(3));
                var copies = new uint[takers][];
                var ors = new (long, long, long)[takers];
                var rows = mapped ? cells : gid;
                var map = mapped ? groupOfCell : null;
                Parallel.For(0, takers, new ParallelOptions { MaxDegreeOfParallelism = takers }, t =>
                {
                    copies[t] = new uint[groups * stride];
                    ors[t] = BlockScatterKernel.Scatter(rows, copies[t], stride, small, csat, nps, ces, fcr, talk, hold, wrap, response, resolution, target,
                        priority, table, groups, prefetch, vectorize, chunk, map, chunks, t % chunks.Parts);
                });
                for (var t = 1; t < takers; t++)
                {
                    GroupStates.AddWords(copies[0], copies[t]);
                    ors[0] = (ors[0].Item1 | ors[t].Item1, ors[0].Item2 | ors[t].Item2, ors[0].Item3 | ors[t].Item3);
                }

                Assert.Equal(expected, copies[0]);
                Assert.Equal(expectedOr, ors[0]);
                Assert.True(chunks.Exhausted);
            }

            // The kernel computing each block's cells itself (ScatterCells; here key code = cell - 1 and no period), by
            // one to three threads taking chunks: one record per cell with the scores counted as pairs (ScorePairLayout),
            // which folded into group records and added into the cells' groups are the groups'.
            // Without pairs, the cells' records are group records.
            var codes = Fill(n, i => cells[i] - 1);
            var keyCount = groupOfCell.Length - 1;
            foreach (var pairs in new[] { true, false })
            {
                var (perCell, cellsOr, noBad, scoresInvalid) = ScatterCells(codes, keyCount, pairs, csat);
                Assert.Equal(-1, noBad);
                Assert.False(scoresInvalid);
                var folded = new uint[groups * stride];
                var cellStride = pairs ? pairStride : stride;
                for (var c = 0; c < groupOfCell.Length; c++)
                {
                    var cell = perCell.AsSpan(c * cellStride, cellStride);
                    if (pairs)
                    {
                        layout.ToGroupRecord(cell);
                    }

                    GroupStates.AddWords(folded.AsSpan(groupOfCell[c] * stride, stride), cell[..stride]);
                }

                Assert.Equal(expected, folded);
                Assert.Equal(expectedOr, cellsOr);
            }

            // Key codes outside the dictionary: the lowest such row is reported, whichever thread met it.
            if (n > 0)
            {
                var bad = (int[])codes.Clone();
                var firstBad = random.Next(n);
                bad[firstBad] = keyCount + random.Next(3);
                for (var k = random.Next(3); k > 0; k--)
                {
                    bad[random.Next(firstBad, n)] = keyCount + 1;
                }

                Assert.Equal(firstBad, ScatterCells(bad, keyCount, random.Next(2) == 0, csat).FirstBad);
            }

            // A CSAT value off its scale (or an absent column made of one) is reported, whichever thread met it.
            if (n > 0)
            {
                var badScores = csat.Length > 0 ? (byte[])csat.Clone() : Fill(n, _ => Missing.Score);
                badScores[random.Next(n)] = (byte)(random.Next(2) == 0 ? states.CsatMax + 1 + random.Next(5) : random.Next(200, 255));
                Assert.True(ScatterCells(codes, keyCount, random.Next(2) == 0, badScores).ScoresInvalid);
            }

            (uint[] Records, (long, long, long) Or, int FirstBad, bool ScoresInvalid) ScatterCells(int[] keyCodes, int keys, bool pairs, byte[] csatColumn)
            {
                var cellStride = pairs ? pairStride : stride;
                var dense = new DenseCells(default, null, 0, 0, keyCodes, keys, 1);
                var takers = 1 + random.Next(3);
                var chunks = random.Next(3) == 0 ? null : new RowChunks(n, 1 + random.Next(900), takers);
                takers = chunks is null ? 1 : takers;
                var copies = new uint[takers][];
                var ors = new (long, long, long)[takers];
                var firstBad = new int[takers];
                var invalid = new bool[takers];
                Parallel.For(0, takers, new ParallelOptions { MaxDegreeOfParallelism = takers }, t =>
                {
                    copies[t] = new uint[(keys + 1) * cellStride];
                    firstBad[t] = -1;
                    ors[t] = BlockScatterKernel.ScatterCells(dense, n, ref firstBad[t], scales, ref invalid[t], copies[t], cellStride, pairs ? pairTables : small, csatColumn, nps, ces, fcr, talk, hold, wrap, response, resolution, target,
                        priority, table, keys + 1, vectorize, chunk, chunks, t, pairs);
                });
                var lowest = -1;
                for (var t = 0; t < takers; t++)
                {
                    if (t > 0)
                    {
                        GroupStates.AddWords(copies[0], copies[t]);
                        ors[0] = (ors[0].Item1 | ors[t].Item1, ors[0].Item2 | ors[t].Item2, ors[0].Item3 | ors[t].Item3);
                    }

                    lowest = firstBad[t] < 0 ? lowest : lowest < 0 ? firstBad[t] : Math.Min(lowest, firstBad[t]);
                }

                return (copies[0], ors[0], lowest, Array.IndexOf(invalid, true) >= 0);
            }
        }
    }

    private static T[] Fill<T>(int n, Func<int, T> value)
    {
        var array = new T[n];
        for (var i = 0; i < n; i++)
        {
            array[i] = value(i);
        }

        return array;
    }

    private static byte[] Scores(Random random, int n, int min, int max)
    {
        var missingRate = random.NextDouble();
        return Fill(n, _ => random.NextDouble() < missingRate ? Missing.Score : (byte)random.Next(min, max + 1));
    }

    private static long[] DurationColumn(Random random, int n, bool huge)
    {
        var missingRate = random.NextDouble();
        return Fill(n, _ => random.Next(8) switch
        {
            _ when random.NextDouble() < missingRate => random.Next(2) == 0 ? Missing.Duration : -1 - random.Next(1000),
            0 => 0,
            1 => Durations.MaxTicks,
            2 => Durations.MaxTicks - random.Next(1000),
            _ => huge ? Durations.MaxTicks - random.NextInt64(1L << 40) : random.NextInt64(10_000L * TimeSpan.TicksPerSecond),
        });
    }

    private static T[] Absent<T>(Random random, T[] column) => random.Next(6) == 0 ? [] : column;
}
