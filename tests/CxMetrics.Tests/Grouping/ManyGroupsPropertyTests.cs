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
    /// Two agent codes with the same text are one agent: their cells are one group each day, so the first batch's marked
    /// cells cannot simply be numbered on the threads (that path must give way to the one-by-one resolution).
    /// </summary>
    [Property(MaxTest = 3)]
    public void MetricsAccumulator_ManyGroups_DuplicateKeyTexts_EachGroupEqualsCore(int seed)
    {
        var generated = SyntheticInteractions.Generate(12_000 + (int)(Math.Abs((long)seed * 31) % 4000), seed);
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
    }

    private static void CheckEveryGroup(InteractionBatch batch, MetricOptions metrics)
    {
        var expected = CoreByGroup(batch, metrics);
        foreach (var (threads, sharedRecordBytes) in new[] { (1, -1L), (2, long.MaxValue), (3, long.MaxValue), (2, 0L), (3, 0L) })
        {
            using var accumulator = new MetricsAccumulator(metrics, AgentByDay);
            // Two threads guess the opened_at range from the first and last rows only: rows fall outside, and the assignment
            // starts again from the exact range.
            accumulator.AddOnThreads(batch, threads, minRowsPerThread: 1000, sharedRecordBytes: sharedRecordBytes, rangeSamples: threads == 2 ? 2 : MetricsAccumulator.RangeSamples);

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
                Assert.True(core == group.Metrics, $"{threads} threads, split {sharedRecordBytes}, group {GroupingTestData.Describe(group)}:\ncore {core}\n!=\ngrouped {group.Metrics}");
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
