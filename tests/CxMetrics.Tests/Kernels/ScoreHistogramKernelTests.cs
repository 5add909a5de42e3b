using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

[Trait("Category", "Kernel")]
public class ScoreHistogramKernelTests
{
    private static readonly (int Min, int Max)[] Scales = [(1, 5), (0, 10), (1, 7), (0, 1), (1, 10), (3, 3), (0, 0), (10, 10)];

    /// <summary>The oracle: LINQ counts of each value, and of missing plus in-scale values.</summary>
    private static (long[] Counts, long Recognized) Oracle(byte[] scores, int min, int max)
    {
        var counts = new long[ScoreCounts.Length];
        for (var v = min; v <= max; v++)
        {
            counts[v] = scores.LongCount(s => s == v);
        }

        return (counts, scores.LongCount(s => s == Missing.Score || (s >= min && s <= max)));
    }

    private static (long[] Counts, long Recognized) Run(ReadOnlySpan<byte> scores, int min, int max, KernelWidth width)
    {
        var counts = default(ScoreCounts);
        counts[min] = 1000; // the kernel adds to what is there
        var recognized = ScoreHistogramKernel.Accumulate(scores, min, max, ref counts, width);
        counts[min] -= 1000;
        var array = new long[ScoreCounts.Length];
        for (var v = 0; v < array.Length; v++)
        {
            array[v] = counts[v];
        }

        return (array, recognized);
    }

    private static void AssertAllWidths(byte[] scores, int min, int max)
    {
        var (expected, expectedRecognized) = Oracle(scores, min, max);
        foreach (var width in KernelTestData.Widths)
        {
            var (actual, recognized) = Run(scores, min, max, width);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{width}, length {scores.Length}, scale {min}..{max}: got [{string.Join(",", actual)}] instead of [{string.Join(",", expected)}]");
            Assert.True(expectedRecognized == recognized, $"{width}, length {scores.Length}, scale {min}..{max}: recognized {recognized} instead of {expectedRecognized}");
        }
    }

    [Property(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 150)]
    public void ScoreHistogramKernel_EveryWidth_MatchesOracle(KernelCase c)
    {
        var (min, max) = Scales[c.Seed % Scales.Length];
        AssertAllWidths(KernelTestData.Scores(c, min, max), min, max);
    }

    [Fact]
    public void ScoreHistogramKernel_LengthSweep_MatchesOracle()
    {
        var random = new Random(20261123);
        for (var length = 0; length <= 1100; length++)
        {
            var scores = new byte[length];
            for (var i = 0; i < length; i++)
            {
                scores[i] = random.Next(5) == 0 ? Missing.Score : (byte)random.Next(0, 12);
            }

            AssertAllWidths(scores, 0, 10);
            AssertAllWidths(scores, 1, 5);
        }
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(260)]
    [InlineData(16320)]
    [InlineData(16321)]
    [InlineData(32767)]
    [InlineData(32768)]
    [InlineData(65540)]
    [InlineData(1_000_003)]
    public void ScoreHistogramKernel_AllMatch_DrivesLaneCountersToTheLimit(int length)
    {
        // Every byte equal: each lane counter gains 1 per vector, the most it can, so a late flush would wrap.
        foreach (var value in new byte[] { 0, 4, 10, Missing.Score, 200 })
        {
            var scores = new byte[length];
            scores.AsSpan().Fill(value);
            AssertAllWidths(scores, 0, 10);
            AssertAllWidths(scores, 4, 4);
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void ScoreHistogramKernel_GuardPage_DoesNotReadPastTheSpan(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(7);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var scores = new byte[length];
            random.NextBytes(scores);
            using var buffer = new GuardedBuffer<byte>(scores);
            var (expected, expectedRecognized) = Oracle(scores, 0, 10);
            var (actual, recognized) = Run(buffer.Span, 0, 10, width);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedRecognized, recognized);
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void ScoreHistogramKernel_PoisonedTail_IsNotRead(string widthName)
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

            var clean = Run(buffer.AsSpan(0, length), 1, 5, width);
            buffer.AsSpan(length).Fill(5); // an in-scale value: reading it would change the counts
            var poisoned = Run(buffer.AsSpan(0, length), 1, 5, width);
            Assert.Equal(clean.Counts, poisoned.Counts);
            Assert.Equal(Oracle(buffer[..length], 1, 5).Counts, poisoned.Counts);
        }
    }
}
