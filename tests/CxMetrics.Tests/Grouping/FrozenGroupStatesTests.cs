using System.Globalization;
using System.Runtime.Intrinsics;
using CxMetrics.Internal;
using CxMetrics.Tests.Metrics;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// A result's copy of the group records keeps counters 1, 2 or 4 bytes wide (<see cref="FrozenGroupStates"/>): whatever
/// width is guessed, every group must read back exactly as the accumulator's record, a counter too large for the guess
/// must make the copy wider (never wrap), and the vectorized narrowing must equal the scalar reference.
/// </summary>
[Trait("Category", "Kernel")]
public class FrozenGroupStatesTests
{
    /// <summary>Random records (counters up to 2^8, 2^16 or 2^32, random 64-bit sums), any guessed width: read back exactly, at the narrowest width that holds them.</summary>
    [Property(MaxTest = 300)]
    public void Write_AnyGuessedWidth_ReadsBackEveryGroupExactly(int seed)
    {
        var random = new Random(seed);
        var metrics = RandomScales(random);
        using var states = new GroupStates(metrics);
        var groups = random.Next(0, 400);
        states.AddGroups(groups);
        var largest = random.Next(3) switch { 0 => byte.MaxValue, 1 => ushort.MaxValue, _ => uint.MaxValue };
        var records = states.Records;
        uint largestCounter = 0;
        for (var g = 0; g < groups; g++)
        {
            var record = records.Slice(g * states.RecordStride, states.RecordStride);
            for (var i = 0; i < record.Length; i++)
            {
                var isSumOrPacked = i >= GroupStates.LineStride / 2 && i < GroupStates.LineStride;
                if (isSumOrPacked)
                {
                    // The sums' halves take any value; the packed counts (14, 15; and 6, 7 below) are zero outside a scatter.
                    record[i] = i < GroupStates.ResolutionSum + 2 ? (uint)random.NextInt64(0, 1L << 32) : 0;
                }
                else if (i != 6 && i != 7)
                {
                    // Mostly small, like real groups, sometimes up to the class's largest.
                    record[i] = random.Next(4) == 0 ? (uint)random.NextInt64(0, (long)largest + 1) : (uint)random.Next(0, 60);
                    largestCounter = Math.Max(largestCounter, record[i]);
                }
            }
        }

        var guessed = new[] { 1, 2, 4 }[random.Next(3)];
        var frozen = new FrozenGroupStates(new GroupStates(metrics), groups, guessed);
        var order = Enumerable.Range(0, groups).OrderBy(_ => random.Next()).ToArray();
        // Two writers, as the parallel result copies two halves, each with its own OR of counters.
        var firstWriter = Vector256<uint>.Zero;
        var secondWriter = Vector256<uint>.Zero;
        foreach (var g in order)
        {
            frozen.Write(g, states.Record(g), ref g % 2 == 0 ? ref firstWriter : ref secondWriter);
        }

        frozen.EndWriting(firstWriter);
        frozen.EndWriting(secondWriter);

        var needed = FrozenGroupStates.WidthFor(largestCounter);
        Assert.Equal(needed > guessed, frozen.Overflowed);
        states.Seal(frozen);

        Assert.False(frozen.Overflowed);
        Assert.Equal(Math.Max(needed, guessed), frozen.Width);
        for (var g = 0; g < groups; g++)
        {
            Assert.Equal(MetricsStateTests.Snapshot(states.Get(g)), MetricsStateTests.Snapshot(frozen.Get(g)));
        }
    }

    /// <summary>The vectorized narrowing writes what the scalar reference writes and reports the same OR of counters, at strides that are and are not whole vectors.</summary>
    [Property(MaxTest = 300)]
    public void Narrow_Vectorized_EqualsScalarReference(int seed)
    {
        var random = new Random(seed);
        var stride = GroupStates.LineStride + (4 * random.Next(0, 13));
        var record = new uint[stride];
        for (var i = 0; i < stride; i++)
        {
            // Any bits anywhere: the sums' lanes must never count as counters, whatever they hold.
            record[i] = random.Next(3) switch { 0 => (uint)random.Next(0, 256), 1 => (uint)random.Next(0, 65536), _ => (uint)random.NextInt64(0, 1L << 32) };
        }

        var bytes = new byte[stride];
        var expectedBytes = new byte[stride];
        Assert.Equal(FrozenGroupStates.NarrowScalar<byte>(record, expectedBytes), Or(FrozenGroupStates.Narrow(record, bytes)));
        Assert.Equal(expectedBytes, bytes);

        var shorts = new ushort[stride];
        var expectedShorts = new ushort[stride];
        Assert.Equal(FrozenGroupStates.NarrowScalar<ushort>(record, expectedShorts), Or(FrozenGroupStates.Narrow(record, shorts)));
        Assert.Equal(expectedShorts, shorts);
    }

    /// <summary>Only counters make the OR: a huge sum with small counters fits a byte; one counter of 256 does not.</summary>
    [Fact]
    public void Narrow_CountsCountersOnly()
    {
        var record = new uint[48];
        record[GroupStates.HandleSum] = uint.MaxValue;
        record[GroupStates.HandleSum + 1] = uint.MaxValue;
        record[GroupStates.CsatMissing] = 200;
        Assert.Equal(200u, Or(FrozenGroupStates.Narrow(record, new byte[48])));

        record[47] = 256;
        Assert.Equal(456u, Or(FrozenGroupStates.Narrow(record, new byte[48])));
    }

    /// <summary>
    /// End to end, where the guess must fail: no duration columns (so no line counts to guess from) and one group with
    /// thousands of rows among hundreds or thousands of one-row groups (three times the average is far below it). Every
    /// group must still equal the core, from an accumulator, from the one-shot compute and from a two-core result.
    /// </summary>
    [Theory]
    [InlineData(1_000, 600)]
    [InlineData(90_000, 600)]
    [InlineData(1_000, 5_000)]
    public void Result_OneHugeGroupAmongTinyOnes_EqualsCore(int hugeRows, int tiny)
    {
        var rows = hugeRows + tiny;
        var agents = Enumerable.Range(0, tiny + 1).Select(a => "agent" + a.ToString(CultureInfo.InvariantCulture)).ToArray();
        var codes = new int[rows];
        var csat = new byte[rows];
        var nps = new byte[rows];
        var random = new Random(hugeRows);
        for (var i = 0; i < rows; i++)
        {
            codes[i] = i < tiny ? i + 1 : 0;
            // Most of the huge group's answers are one value, so that counter needs the width its row count needs.
            csat[i] = random.Next(20) == 0 ? Missing.Score : i >= tiny && random.Next(10) != 0 ? (byte)5 : (byte)random.Next(1, 6);
            nps[i] = random.Next(3) == 0 ? Missing.Score : (byte)random.Next(0, 11);
        }

        var batch = new InteractionBatch(rows) { Csat = csat, Nps = nps, Agent = new KeyColumn(codes, agents) };
        var grouping = new GroupingOptions { Keys = [GroupKey.Agent] };
        var expected = GroupingTestData.Metrics;
        using var accumulator = new MetricsAccumulator(expected, grouping);
        accumulator.Add(batch);
        // From 4,096 groups the two-core result copies the records in pieces that two threads take in turn (each writer with its own OR).
        var results = new[] { accumulator.Result(), GroupedMetrics.Compute(batch, expected, grouping), ParallelGrouping.Compute(batch, expected, grouping, cores: 2, minRowsPerChunk: 64) };
        foreach (var result in results)
        {
            Assert.Equal(tiny + 1, result.Groups.Count);
            Assert.Equal(InteractionMetrics.Compute(batch, expected), result.Overall);
            var huge = result.Groups.Single(g => g.Keys[0] == "agent0");
            Assert.Equal(hugeRows, huge.Metrics.Contacts);
            Assert.Equal(InteractionMetrics.Compute(batch.Slice(tiny, hugeRows), expected), huge.Metrics);
            var one = result.Groups.Single(g => g.Keys[0] == "agent7");
            Assert.Equal(InteractionMetrics.Compute(batch.Slice(6, 1), expected), one.Metrics);
        }
    }

    private static uint Or(Vector256<uint> lanes)
    {
        uint or = 0;
        for (var lane = 0; lane < Vector256<uint>.Count; lane++)
        {
            or |= lanes[lane];
        }

        return or;
    }

    private static MetricOptions RandomScales(Random random) => random.Next(3) switch
    {
        0 => MetricOptions.Default,
        1 => MetricOptions.Default with { Csat = MetricOptions.Default.Csat with { ScaleMin = 0, ScaleMax = 10 } },
        _ => MetricOptions.Default with { Ces = MetricOptions.Default.Ces with { ScaleMin = 1, ScaleMax = 5 } },
    };
}
