using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

/// <summary>One threshold-kernel request: a column, its scale, two thresholds (0..11) and whether to sum.</summary>
public sealed record ThresholdCase(KernelCase Column, int Min, int Max, int First, int Second, bool Sum)
{
    public override string ToString() => $"{Column}, scale {Min}..{Max}, thresholds {First} and {Second}, sum {Sum}";
}

/// <summary>
/// The span-level score kernel (<see cref="ScoreThresholdKernel"/>): every width equals the plain scalar reference and
/// a histogram oracle (<see cref="ScoreHistogramKernel.Scalar"/>), and flags exactly the columns the histogram rejects.
/// </summary>
[Trait("Category", "Kernel")]
public class ScoreThresholdKernelTests
{
    private static readonly (int Min, int Max)[] Scales = [(1, 5), (0, 10), (1, 7), (0, 1), (1, 10), (3, 3), (0, 0), (10, 10), (2, 9)];

    public static Gen<ThresholdCase> Cases() =>
        from column in KernelTestData.Cases()
        from scale in Gen.Elements(Scales)
        from first in Threshold(scale.Min, scale.Max)
        from second in Threshold(scale.Min, scale.Max)
        from sum in Gen.Elements(false, true)
        select new ThresholdCase(column, scale.Min, scale.Max, first, second, sum);

    /// <summary>Thresholds at the scale's edges (min, max, max + 1, 0, 11) half the time, else anywhere in 0..11.</summary>
    private static Gen<int> Threshold(int min, int max) => Gen.Frequency(
        (1, Gen.Elements(min, max, max + 1, 0, ScoreThresholdKernel.None, Math.Max(0, min - 1))),
        (1, Gen.Choose(0, ScoreThresholdKernel.None)));

    /// <summary>The oracle, from the existing histogram kernel's scalar reference: counts by value, validity = all recognized.</summary>
    internal static ScoreThresholdCounts Oracle(byte[] scores, int min, int max, int first, int second, bool sum)
    {
        var counts = default(ScoreCounts);
        var recognized = ScoreHistogramKernel.Scalar(scores, min, max, ref counts);
        if (recognized != scores.Length)
        {
            return new ScoreThresholdCounts(0, 0, 0, 0, AllValid: false);
        }

        var responses = counts.Total(min, max);
        return new ScoreThresholdCounts(
            scores.Length - responses,
            first <= max ? counts.Total(Math.Max(first, min), max) : 0,
            second <= max ? counts.Total(Math.Max(second, min), max) : 0,
            sum ? counts.WeightedTotal(min, max) : 0,
            AllValid: true);
    }

    private static void AssertAllWidths(byte[] scores, int min, int max, int first, int second, bool sum, string label)
    {
        var expected = Oracle(scores, min, max, first, second, sum);
        Assert.True(expected == ScoreThresholdKernel.Scalar(scores, min, max, first, second, sum), $"scalar reference, {label}: {ScoreThresholdKernel.Scalar(scores, min, max, first, second, sum)} instead of {expected}");
        foreach (var width in KernelTestData.Widths)
        {
            var actual = ScoreThresholdKernel.Count(scores, min, max, first, second, sum, width);
            Assert.True(expected == actual, $"{width}, {label}: {actual} instead of {expected}");
        }
    }

    [Property(Arbitrary = [typeof(ScoreThresholdArbitraries)], MaxTest = 200)]
    public void ScoreThresholdKernel_EveryWidth_MatchesScalarAndHistogram(ThresholdCase c)
    {
        var scores = KernelTestData.Scores(c.Column, c.Min, c.Max);
        AssertAllWidths(scores, c.Min, c.Max, c.First, c.Second, c.Sum, c.ToString());
    }

    [Property(Arbitrary = [typeof(ScoreThresholdArbitraries)], MaxTest = 100)]
    public void ScoreThresholdKernel_OneInvalidValueAnywhere_IsFlaggedAtEveryWidth(ThresholdCase c)
    {
        // A valid column (no edges) with one invalid byte at a random position: the body, the tail, or the last flush block.
        var column = c.Column with { Length = Math.Max(1, c.Column.Length), Edges = false };
        var scores = KernelTestData.Scores(column, c.Min, c.Max);
        var random = column.Random();
        var at = random.Next(scores.Length);
        var bad = (byte)random.Next(256);
        while (bad == Missing.Score || (bad >= c.Min && bad <= c.Max))
        {
            bad = (byte)random.Next(256);
        }

        AssertAllWidths(scores, c.Min, c.Max, c.First, c.Second, c.Sum, $"{c} valid");
        scores[at] = bad;
        Assert.False(Oracle(scores, c.Min, c.Max, c.First, c.Second, c.Sum).AllValid);
        AssertAllWidths(scores, c.Min, c.Max, c.First, c.Second, c.Sum, $"{c} with {bad} at {at}");
    }

    [Fact]
    public void ScoreThresholdKernel_LengthSweep_MatchesScalarAndHistogram()
    {
        var random = new Random(20261123);
        for (var length = 0; length <= 1100; length++)
        {
            var scores = new byte[length];
            for (var i = 0; i < length; i++)
            {
                scores[i] = random.Next(5) == 0 ? Missing.Score : (byte)random.Next(0, 11);
            }

            AssertAllWidths(scores, 0, 10, 9, 7, sum: false, $"length {length}, NPS");
            AssertAllWidths(scores, 0, 10, 4, ScoreThresholdKernel.None, sum: true, $"length {length}, 0..10 with sum");
            AssertAllWidths(scores, 1, 5, 4, ScoreThresholdKernel.None, sum: true, $"length {length}, 1..5 (mostly invalid)");
            ReplaceOutOfScale(scores, 1, 5);
            AssertAllWidths(scores, 1, 5, 4, ScoreThresholdKernel.None, sum: true, $"length {length}, CSAT");
            AssertAllWidths(scores, 1, 5, 2, 5, sum: true, $"length {length}, 1..5, two thresholds with sum");
        }
    }

    /// <summary>Maps every non-missing value outside <paramref name="min"/>..<paramref name="max"/> into the scale.</summary>
    private static void ReplaceOutOfScale(byte[] scores, int min, int max)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] != Missing.Score && (scores[i] < min || scores[i] > max))
            {
                scores[i] = (byte)(min + (scores[i] % (max - min + 1)));
            }
        }
    }

    [Theory]
    [InlineData(255)]
    [InlineData(8160)] // 255 vectors of 32 bytes
    [InlineData(8161)]
    [InlineData(16320)] // 255 vectors of 64 bytes
    [InlineData(16321)]
    [InlineData(32768)]
    [InlineData(65540)]
    [InlineData(1_000_003)]
    public void ScoreThresholdKernel_AllEqual_DrivesLaneCountersToTheLimit(int length)
    {
        // Every byte equal: each lane counter gains 1 per vector, the most it can, so a late flush would wrap; the
        // largest values drive the sum lanes to their limit too.
        foreach (var value in new byte[] { 0, 1, 4, 5, 9, 10, Missing.Score, 11, 128, 254 })
        {
            var scores = new byte[length];
            scores.AsSpan().Fill(value);
            AssertAllWidths(scores, 0, 10, 9, 7, sum: true, $"length {length}, all {value}, 0..10");
            AssertAllWidths(scores, 1, 5, 4, ScoreThresholdKernel.None, sum: true, $"length {length}, all {value}, 1..5");
            AssertAllWidths(scores, 10, 10, 10, 0, sum: true, $"length {length}, all {value}, 10..10");
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void ScoreThresholdKernel_GuardPage_DoesNotReadPastTheSpan(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(7);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var scores = new byte[length];
            for (var i = 0; i < length; i++)
            {
                scores[i] = random.Next(4) == 0 ? Missing.Score : (byte)random.Next(0, 11);
            }

            using var buffer = new GuardedBuffer<byte>(scores);
            Assert.Equal(Oracle(scores, 0, 10, 9, 7, sum: true), ScoreThresholdKernel.Count(buffer.Span, 0, 10, 9, 7, sum: true, width));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void ScoreThresholdKernel_PoisonedTail_IsNotRead(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(11);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var buffer = new byte[length + 200];
            for (var i = 0; i < length; i++)
            {
                buffer[i] = (byte)random.Next(1, 6);
            }

            var clean = ScoreThresholdKernel.Count(buffer.AsSpan(0, length), 1, 5, 4, 2, sum: true, width);
            buffer.AsSpan(length).Fill(5); // an in-scale value: reading it would change the counts and the sum
            Assert.Equal(clean, ScoreThresholdKernel.Count(buffer.AsSpan(0, length), 1, 5, 4, 2, sum: true, width));
            buffer.AsSpan(length).Fill(200); // an invalid value: reading it would flag the column
            Assert.Equal(clean, ScoreThresholdKernel.Count(buffer.AsSpan(0, length), 1, 5, 4, 2, sum: true, width));
            Assert.Equal(Oracle(buffer[..length], 1, 5, 4, 2, sum: true), clean);
        }
    }

    [Theory]
    [InlineData(-1, 5, 1, 1)]
    [InlineData(1, 11, 1, 1)]
    [InlineData(5, 4, 5, 5)]
    [InlineData(1, 5, -1, 1)]
    [InlineData(1, 5, 1, 12)]
    public void ScoreThresholdKernel_InvalidScaleOrThreshold_Throws(int min, int max, int first, int second)
    {
        foreach (var width in KernelTestData.Widths)
        {
            Assert.Throws<ArgumentException>(() => ScoreThresholdKernel.Count([1, 2], min, max, first, second, sum: true, width));
        }
    }
}

/// <summary>FsCheck arbitraries for the threshold-kernel properties.</summary>
public static class ScoreThresholdArbitraries
{
    public static Arbitrary<ThresholdCase> Case() => Arb.From(ScoreThresholdKernelTests.Cases());
}
