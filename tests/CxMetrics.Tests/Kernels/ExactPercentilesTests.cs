using CxMetrics.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

/// <summary>Exact percentiles against a sort-based oracle with numpy's "linear" rule.</summary>
[Trait("Category", "Kernel")]
public class ExactPercentilesTests
{
    /// <summary>The oracle: sort, h = (n − 1)·q, interpolate between x[⌊h⌋] and x[⌊h⌋ + 1] in seconds as numpy's <c>_lerp</c> does.</summary>
    private static double Oracle(long[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var a = sorted[lo] / 1e7;
        var b = sorted[hi] / 1e7;
        var t = h - lo;
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t); // numpy's _lerp
    }

    /// <summary>Value sets that stress the selection: duplicates, a narrow or huge range, outliers, sorted and reversed runs.</summary>
    public static Arbitrary<long[]> Values() => Arb.From(
        from length in Gen.Frequency((3, Gen.Choose(1, 200)), (2, Gen.Choose(129, 5000)), (1, Gen.Choose(5000, 60_000)))
        from seed in Gen.Choose(0, int.MaxValue)
        from shape in Gen.Choose(0, 6)
        select MakeValues(length, seed, shape));

    private static long[] MakeValues(int length, int seed, int shape)
    {
        var random = new Random(seed);
        var values = new long[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = shape switch
            {
                0 => random.NextInt64(0, Durations.MaxTicks),                  // the whole range
                1 => random.Next(0, 5),                                         // heavy duplicates
                2 => 1_000_000_000L + random.Next(0, 3000),                     // narrow range far from 0
                3 => random.Next(100) == 0 ? Durations.MaxTicks : random.Next(0, 10_000), // outliers
                4 => i,                                                          // sorted
                5 => length - i,                                                 // reversed
                _ => (long)(Math.Exp((random.NextDouble() * 3) + 15) * 100),    // log-normal-ish ticks
            };
        }

        return values;
    }

    [Property(Arbitrary = [typeof(ExactPercentilesTests)], MaxTest = 200)]
    public void ExactPercentiles_P50P90_MatchesSortOracle(long[] values)
    {
        var (p50, p90) = ExactPercentiles.P50P90(values.ToArray());
        Assert.Equal(Oracle(values, 0.5), p50);
        Assert.Equal(Oracle(values, 0.9), p90);
    }

    [Property(Arbitrary = [typeof(ExactPercentilesTests)], MaxTest = 100)]
    public void ExactPercentiles_Percentile_MatchesSortOracleAtAnyFraction(long[] values, byte permille)
    {
        var q = Math.Min((int)permille, 1000) / 1000.0;
        Assert.Equal(Oracle(values, q), ExactPercentiles.Percentile(values.ToArray(), q));
    }

    [Property(MaxTest = 100)]
    public void ExactPercentiles_SelectRanks_FindsEveryRank(long[] values, int seed)
    {
        if (values.Length == 0)
        {
            return;
        }

        var random = new Random(seed);
        var ranks = Enumerable.Range(0, 4).Select(_ => random.Next(values.Length)).Order().ToArray();
        var found = new long[ranks.Length];
        ExactPercentiles.SelectRanks(values.ToArray(), ranks, found);
        var sorted = values.Order().ToArray();
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), found);
    }

    [Fact]
    public void ExactPercentiles_P50P90_EvaluatesTheInterpolationAsNumpy()
    {
        // n = 4: p90 has h = 2.7, t = 0.7000000000000002 >= 0.5, so numpy's _lerp (numpy/lib/_function_base_impl.py) returns
        // b - (b - a)(1 - t) = 885.5509922300001; the textbook a + (b - a)t would give 885.55099223.
        long[] ticks = [3475229416, 4319487809, 6776577102, 9746481131];
        var (_, p90) = ExactPercentiles.P50P90(ticks);
        Assert.Equal(885.5509922300001, p90);
        Assert.NotEqual(885.55099223, p90);
    }

    [Fact]
    public void ExactPercentiles_Empty_IsNull()
    {
        Assert.Equal((null, null), ExactPercentiles.P50P90([]));
        Assert.Null(ExactPercentiles.Percentile([], 0.5));
    }

    [Fact]
    public void ExactPercentiles_Extremes_OfTheLongRange()
    {
        long[] values = [long.MinValue, long.MaxValue, 0, -1, 1, long.MaxValue - 1, .. Enumerable.Range(0, 300).Select(i => (long)i * 1_000_000_007L)];
        var sorted = values.Order().ToArray();
        for (var start = 0; start + 4 <= values.Length; start += 3)
        {
            int[] ranks = [start, start + 1, start + 2, start + 3];
            var found = new long[4];
            ExactPercentiles.SelectRanks(values.ToArray(), ranks, found); // radix path: 306 values, 4 ranks
            Assert.Equal(sorted[start..(start + 4)], found);
        }
    }

    /// <summary>Values split into 1..40 pieces at random places, each piece in its own array at a random offset (as runs lie in a chunked store).</summary>
    private static ValuePiece[] Split(long[] values, int seed)
    {
        var random = new Random(seed);
        var cuts = Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(values.Length + 1)).Append(0).Append(values.Length).Order().ToArray();
        var pieces = new List<ValuePiece>();
        for (var k = 0; k + 1 < cuts.Length; k++)
        {
            var length = cuts[k + 1] - cuts[k];
            var offset = random.Next(0, 5);
            var array = new long[offset + length + random.Next(0, 5)];
            Array.Fill(array, long.MinValue); // around the piece: values that must never be read
            values.AsSpan(cuts[k], length).CopyTo(array.AsSpan(offset));
            pieces.Add(new ValuePiece(array, offset, length));
        }

        return [.. pieces];
    }

    /// <summary>Collect limits from 0 (every bucket narrowed by another pass over the pieces) to the default.</summary>
    private static int CollectLimit(int seed) => ((seed >> 3) & 3) switch { 0 => 0, 1 => 1, 2 => 50, _ => 1 << 18 };

    [Property(Arbitrary = [typeof(ExactPercentilesTests)], MaxTest = 300)]
    public void ExactPercentiles_P50P90OfPieces_MatchesSortOracleAndLeavesThePieces(long[] values, int seed)
    {
        var pieces = Split(values, seed);
        var before = pieces.Select(p => p.Array.ToArray()).ToArray();
        var (p50, p90) = ExactPercentiles.P50P90InPieces(pieces, CollectLimit(seed));
        Assert.Equal(Oracle(values, 0.5), p50);
        Assert.Equal(Oracle(values, 0.9), p90);
        for (var k = 0; k < pieces.Length; k++)
        {
            Assert.Equal(before[k], pieces[k].Array);
        }
    }

    [Property(MaxTest = 100)]
    public void ExactPercentiles_SelectRanksOfPieces_FindsEveryRank(long[] values, int seed)
    {
        if (values.Length == 0)
        {
            Assert.Equal((null, null), ExactPercentiles.P50P90InPieces(Split(values, seed)));
            return;
        }

        // Repeat the values so that both the sort (<= 128) and the radix path (> 128) are reached.
        var all = Enumerable.Repeat(values, 1 + (seed & 7) * 30).SelectMany(v => v).ToArray();
        var random = new Random(seed);
        var ranks = Enumerable.Range(0, 4).Select(_ => random.Next(all.Length)).Order().ToArray();
        var found = new long[ranks.Length];
        ExactPercentiles.SelectRanksInPieces(Split(all, seed), ranks, found, CollectLimit(seed));
        var sorted = all.Order().ToArray();
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), found);
    }
}
