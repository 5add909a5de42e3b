using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

/// <summary>One span-level score call: a column and the options of all three metrics (each on its own scale).</summary>
public sealed record SpanScoreCase(KernelCase Column, NpsOptions Nps, CsatOptions Csat, CesOptions Ces);

/// <summary>
/// The span-level CSAT, NPS and CES calls use threshold counts (<see cref="ScoreThresholdKernel"/>) instead of the
/// histogram: at every width they must return exactly what the histogram path (Accumulate + Finish, still used by the
/// batch and grouped calls) returns, and throw the same exception with the same message for an out-of-scale value.
/// </summary>
[Trait("Category", "Kernel")]
public class SpanScoreMetricsTests
{
    public static Gen<SpanScoreCase> Cases() =>
        from column in KernelTestData.Cases()
        from detractorMax in Gen.Choose(0, 9)
        from promoterMin in Gen.Choose(detractorMax + 1, 10)
        from csat in Scale()
        from ces in Scale()
        select new SpanScoreCase(
            column,
            new NpsOptions { DetractorMax = detractorMax, PromoterMin = promoterMin },
            new CsatOptions { ScaleMin = csat.Min, ScaleMax = csat.Max, SatisfiedThreshold = csat.Threshold },
            new CesOptions { ScaleMin = ces.Min, ScaleMax = ces.Max, EasyThreshold = ces.Threshold });

    /// <summary>The defaults and common variants half the time, else any valid scale and threshold.</summary>
    private static Gen<(int Min, int Max, int Threshold)> Scale() => Gen.Frequency(
        (1, Gen.Elements((1, 5, 4), (1, 5, 5), (1, 7, 5), (1, 5, 1), (0, 10, 10), (1, 10, 8), (0, 1, 1))),
        (1, from min in Gen.Choose(0, 9)
            from max in Gen.Choose(min + 1, 10)
            from threshold in Gen.Choose(min, max)
            select (min, max, threshold)));

    private static NpsResult NpsByHistogram(byte[] scores, NpsOptions options, KernelWidth width)
    {
        var counts = default(ScoreCounts);
        NetPromoterScore.Accumulate(scores, ref counts, width);
        return NetPromoterScore.Finish(counts, options);
    }

    private static CsatResult CsatByHistogram(byte[] scores, CsatOptions options, KernelWidth width)
    {
        var counts = default(ScoreCounts);
        CustomerSatisfaction.Accumulate(scores, options, ref counts, width);
        return CustomerSatisfaction.Finish(counts, options);
    }

    private static CesResult CesByHistogram(byte[] scores, CesOptions options, KernelWidth width)
    {
        var counts = default(ScoreCounts);
        CustomerEffortScore.Accumulate(scores, options, ref counts, width);
        return CustomerEffortScore.Finish(counts, options);
    }

    /// <summary>Both calls return equal results, or both throw the same exception type with the same message and parameter.</summary>
    private static void AssertSame<T>(Func<T> histogram, Func<T> threshold, string label)
    {
        T expected;
        try
        {
            expected = histogram();
        }
        catch (ArgumentException e)
        {
            var actual = Assert.Throws(e.GetType(), () => threshold());
            Assert.True(e.Message == actual.Message, $"{label}: message '{actual.Message}' instead of '{e.Message}'");
            Assert.Equal(e.ParamName, ((ArgumentException)actual).ParamName);
            return;
        }

        var result = threshold();
        Assert.True(Equals(expected, result), $"{label}: {result} instead of {expected}");
    }

    private static void AssertAllMetrics(byte[] scores, SpanScoreCase c)
    {
        foreach (var width in KernelTestData.Widths)
        {
            var label = $"{width}, length {scores.Length}";
            AssertSame(() => NpsByHistogram(scores, c.Nps, width), () => NetPromoterScore.Compute(scores, c.Nps, width), $"NPS {c.Nps}, {label}");
            AssertSame(() => CsatByHistogram(scores, c.Csat, width), () => CustomerSatisfaction.Compute(scores, c.Csat, width), $"CSAT {c.Csat}, {label}");
            AssertSame(() => CesByHistogram(scores, c.Ces, width), () => CustomerEffortScore.Compute(scores, c.Ces, width), $"CES {c.Ces}, {label}");
        }

        // The public calls (default width) too.
        AssertSame(() => NpsByHistogram(scores, c.Nps, KernelWidth.Scalar), () => NetPromoterScore.Compute(scores, c.Nps), "public NPS");
        AssertSame(() => CsatByHistogram(scores, c.Csat, KernelWidth.Scalar), () => CustomerSatisfaction.Compute(scores, c.Csat), "public CSAT");
        AssertSame(() => CesByHistogram(scores, c.Ces, KernelWidth.Scalar), () => CustomerEffortScore.Compute(scores, c.Ces), "public CES");
    }

    [Property(Arbitrary = [typeof(SpanScoreArbitraries)], MaxTest = 150)]
    public void SpanScoreMetrics_EveryWidth_MatchHistogramPath(SpanScoreCase c)
    {
        // 0..10 with edges: NPS is valid unless an edge byte is out of scale; CSAT and CES see both valid and invalid columns.
        AssertAllMetrics(KernelTestData.Scores(c.Column, 0, 10), c);
        AssertAllMetrics(KernelTestData.Scores(c.Column, c.Csat.ScaleMin, c.Csat.ScaleMax), c);
        AssertAllMetrics(KernelTestData.Scores(c.Column, c.Ces.ScaleMin, c.Ces.ScaleMax), c);
    }

    [Property(Arbitrary = [typeof(SpanScoreArbitraries)], MaxTest = 100)]
    public void SpanScoreMetrics_OutOfScaleValue_ThrowsTheHistogramPathsError(SpanScoreCase c)
    {
        // Valid NPS answers with one or two bytes above 10 (or below 255) at random positions: the first one is named.
        var column = c.Column with { Length = Math.Max(1, c.Column.Length), Edges = false };
        var scores = KernelTestData.Scores(column, 0, 10);
        var random = column.Random();
        for (var k = random.Next(1, 3); k > 0; k--)
        {
            scores[random.Next(scores.Length)] = (byte)random.Next(11, 255);
        }

        AssertAllMetrics(scores, c);
        foreach (var width in KernelTestData.Widths)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => NetPromoterScore.Compute(scores, c.Nps, width));
        }
    }

    [Fact]
    public void SpanScoreMetrics_InvalidOptions_Throw()
    {
        byte[] scores = [1, 2, Missing.Score];
        foreach (var width in KernelTestData.Widths)
        {
            Assert.Throws<ArgumentException>(() => NetPromoterScore.Compute(scores, new NpsOptions { DetractorMax = 9, PromoterMin = 9 }, width));
            Assert.Throws<ArgumentException>(() => CustomerSatisfaction.Compute(scores, new CsatOptions { SatisfiedThreshold = 6 }, width));
            Assert.Throws<ArgumentException>(() => CustomerEffortScore.Compute(scores, new CesOptions { ScaleMin = 3, ScaleMax = 3, EasyThreshold = 3 }, width));
        }
    }

    [Fact]
    public void SpanScoreMetrics_HandComputed_NpsAndMeans()
    {
        // {10,10,9,8,7,6,0,5,9,10} -> 5 promoters, 2 passives, 3 detractors, NPS 20; every width on a long repetition too.
        byte[] nps = [10, 10, 9, 8, 7, 6, 0, 5, 9, 10, Missing.Score];
        var repeated = Enumerable.Repeat(nps, 1000).SelectMany(x => x).ToArray();
        foreach (var width in KernelTestData.Widths)
        {
            var r = NetPromoterScore.Compute(nps, NpsOptions.Default, width);
            Assert.Equal((10L, 5L, 2L, 3L, 20.0), (r.Responses, r.Promoters, r.Passives, r.Detractors, r.Score!.Value));
            var big = NetPromoterScore.Compute(repeated, NpsOptions.Default, width);
            Assert.Equal((10_000L, 5000L, 2000L, 3000L), (big.Responses, big.Promoters, big.Passives, big.Detractors));

            var csat = CustomerSatisfaction.Compute([1, 2, 3, 4, 5, 5, Missing.Score], CsatOptions.Default, width);
            Assert.Equal((6L, 3L, 50.0, 20.0 / 6), (csat.Responses, csat.Satisfied, csat.Percent!.Value, csat.Mean!.Value));
            var ces = CustomerEffortScore.Compute([7, 7, 1, 5, Missing.Score, 4], CesOptions.Default, width);
            Assert.Equal((5L, 3L, 24.0 / 5, 60.0), (ces.Responses, ces.Easy, ces.Mean!.Value, ces.EasyPercent!.Value));
        }
    }
}

/// <summary>FsCheck arbitraries for the span-level score properties.</summary>
public static class SpanScoreArbitraries
{
    public static Arbitrary<SpanScoreCase> Case() => Arb.From(SpanScoreMetricsTests.Cases());
}
