using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// Batches with many groups (agent × day: thousands of groups, records far above
/// <see cref="MetricsAccumulator.BlockScatterRecordBytes"/>), where the block kernel prefetches each row's record and the
/// parallel paths copy the records (row runs) or list each thread's rows (group ranges). Every group must equal the core
/// on its rows, on 1-3 threads (the sum bound and <c>Result(threads)</c> on as many), with and without percentiles, an
/// SLA policy and absent columns.
/// </summary>
public class ManyGroupsPropertyTests
{
    private static readonly GroupingOptions AgentByDay = new() { Keys = [GroupKey.Agent], Period = PeriodUnit.Day };

    [Property(MaxTest = 6)]
    public void MetricsAccumulator_ManyGroups_EachGroupEqualsCore(int seed)
    {
        var rows = 12_000 + (int)(Math.Abs((long)seed * 7919) % 6000);
        var batch = SyntheticInteractions.Generate(rows, seed);
        if (seed % 3 == 1)
        {
            batch = CompactStateTests.WithoutSomeColumns(batch, seed);
        }

        // Both with percentiles (every row's group id is kept) and without (on several threads the rows keep their cells
        // and the block kernel looks their groups up).
        foreach (var percentiles in new[] { false, true })
        {
            CheckEveryGroup(batch, (seed % 2 == 0 ? MetricOptions.Default : MetricOptions.Default with { SlaPolicy = SyntheticInteractions.DefaultPolicy })
                with { IncludePercentiles = percentiles });
        }
    }

    /// <summary>
    /// Agent × day over 30 days (about 15,500 cells, 3 MB of records: the per-cell path, with each row's record
    /// prefetched, and on several threads the cells' records summed, marked and added on every thread): every group
    /// equals the core, on 1-3 threads, in one batch (a first batch: its cells resolved at once) and in two (the second
    /// batch's cells resolved one by one, onto groups that exist).
    /// </summary>
    [Property(MaxTest = 4)]
    public void MetricsAccumulator_ManyCells_EachGroupEqualsCore(int seed)
    {
        var batch = SyntheticInteractions.Generate(20_000 + (int)(Math.Abs((long)seed * 7919) % 6000), seed);
        FoldOntoDays(batch, 30);
        if (seed % 3 == 1)
        {
            batch = CompactStateTests.WithoutSomeColumns(batch, seed);
        }

        // The path under test: cells' records above what stays in cache and what one thread sums, within the per-cell limit.
        var recordBytes = new GroupStates(MetricOptions.Default).RecordStride * sizeof(uint);
        var cells = (batch.Agent.Dictionary.Count + 1L) * (30 + 3);
        Assert.True(cells * recordBytes <= MetricsAccumulator.ManyCellRecordBytes, $"{cells} cells");
        Assert.True(cells * recordBytes / 2 > Math.Max(MetricsAccumulator.BlockScatterRecordBytes, 1 << 20), $"{cells} cells");

        var metrics = (seed % 2 == 0 ? MetricOptions.Default : MetricOptions.Default with { SlaPolicy = SyntheticInteractions.DefaultPolicy })
            with { IncludePercentiles = false };
        CheckEveryGroup(batch, metrics);
        var half = batch.Length / 2;
        CheckEveryGroup(batch, metrics, split: half + (seed & 7));
    }

    /// <summary>Moves every known opened_at of a generated batch onto <paramref name="days"/> days from the generator's start (in place).</summary>
    private static void FoldOntoDays(InteractionBatch batch, int days)
    {
        var start = SyntheticInteractions.DefaultStart.UtcTicks;
        var opened = System.Runtime.InteropServices.MemoryMarshal.AsMemory(batch.OpenedAt).Span;
        for (var i = 0; i < opened.Length; i++)
        {
            if (opened[i] >= start)
            {
                opened[i] = start + ((opened[i] - start) % (days * TimeSpan.TicksPerDay));
            }
        }
    }

    /// <summary>
    /// Two agent codes with the same text are one agent: their cells are one group each day, so the first batch's marked
    /// cells cannot simply be numbered on the threads (that path must give way to the one-by-one resolution).
    /// </summary>
    [Property(MaxTest = 3)]
    public void MetricsAccumulator_ManyGroups_DuplicateKeyTexts_EachGroupEqualsCore(int seed)
    {
        var generated = SyntheticInteractions.Generate(20_000 + (int)(Math.Abs((long)seed * 31) % 4000), seed);
        var texts = generated.Agent.Dictionary.ToArray();
        var twin = 1 + (int)(Math.Abs((long)seed) % (texts.Length - 1));
        texts[twin] = texts[0];
        var batch = new InteractionBatch(generated.Length)
        {
            Agent = new KeyColumn(generated.Agent.Codes, texts),
            OpenedAt = generated.OpenedAt,
            Csat = generated.Csat,
            Nps = generated.Nps,
            Ces = generated.Ces,
            FirstContactResolved = generated.FirstContactResolved,
            TalkTime = generated.TalkTime,
            HoldTime = generated.HoldTime,
            WrapTime = generated.WrapTime,
            FirstResponseTime = generated.FirstResponseTime,
            ResolutionTime = generated.ResolutionTime,
        };

        CheckEveryGroup(batch, MetricOptions.Default with { IncludePercentiles = false });
        FoldOntoDays(batch, 30);
        CheckEveryGroup(batch, MetricOptions.Default with { IncludePercentiles = false });
    }

    /// <summary>
    /// Adds <paramref name="batch"/> (rows before <paramref name="split"/> first, then the rest, when given) on 1-3 threads
    /// and checks every group against the core on its rows.
    /// </summary>
    private static void CheckEveryGroup(InteractionBatch batch, MetricOptions metrics, int split = 0)
    {
        var expected = CoreByGroup(batch, metrics);
        var parts = split > 0
            ? new[] { GroupingTestData.Select(batch, Enumerable.Range(0, split).ToArray()), GroupingTestData.Select(batch, Enumerable.Range(split, batch.Length - split).ToArray()) }
            : new[] { batch };
        foreach (var (threads, sharedRecordBytes) in new[] { (1, -1L), (2, long.MaxValue), (3, long.MaxValue), (2, 0L), (3, 0L) })
        {
            using var accumulator = new MetricsAccumulator(metrics, AgentByDay);
            foreach (var part in parts)
            {
                // Two threads guess the opened_at range from the first and last rows only: rows fall outside, and the
                // assignment starts again from the exact range.
                accumulator.AddOnThreads(part, threads, minRowsPerThread: 1000, sharedRecordBytes: sharedRecordBytes, rangeSamples: threads == 2 ? 2 : MetricsAccumulator.RangeSamples);
            }

            // The path under test: records too large to stay in cache (else this test covers nothing new).
            Assert.True((long)accumulator.GroupCount * new GroupStates(metrics).RecordStride * sizeof(uint) > MetricsAccumulator.BlockScatterRecordBytes);
            // ... and enough groups that the sum bound is read on every thread and Result(threads) sums and orders at once.
            Assert.True(accumulator.GroupCount >= 8192, $"{accumulator.GroupCount} groups");
            var result = accumulator.Result(threads);
            Assert.Equal(InteractionMetrics.Compute(batch, metrics), result.Overall);
            Assert.Equal(expected.Count, result.Groups.Count);
            foreach (var group in result.Groups)
            {
                var core = expected[(group.Keys[0], group.Period)];
                Assert.True(core == group.Metrics, $"{threads} threads, split {sharedRecordBytes}, batches {parts.Length}, group {GroupingTestData.Describe(group)}:\ncore {core}\n!=\ngrouped {group.Metrics}");
            }
        }
    }

    /// <summary>The naive reference: rows listed by (agent text, UTC day label), then the core on each list.</summary>
    private static Dictionary<(string?, string?), InteractionMetrics> CoreByGroup(InteractionBatch batch, MetricOptions metrics)
    {
        var rowsOf = new Dictionary<(string?, string?), List<int>>();
        for (var i = 0; i < batch.Length; i++)
        {
            var key = (GroupingTestData.KeyText(batch, GroupKey.Agent, i), GroupingTestData.PeriodLabel(batch, AgentByDay, i));
            if (!rowsOf.TryGetValue(key, out var list))
            {
                rowsOf[key] = list = [];
            }

            list.Add(i);
        }

        var core = new Dictionary<(string?, string?), InteractionMetrics>();
        foreach (var (key, list) in rowsOf)
        {
            core[key] = InteractionMetrics.Compute(GroupingTestData.Select(batch, list), metrics);
        }

        return core;
    }
}
