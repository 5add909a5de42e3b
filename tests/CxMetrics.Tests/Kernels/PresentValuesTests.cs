using CxMetrics.Internal.Kernels;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

[Trait("Category", "Kernel")]
public class PresentValuesTests
{
    private static void AssertAllWidths(long[] ticks)
    {
        var expected = ticks.Where(t => t >= 0).ToArray();
        foreach (var width in KernelTestData.Widths)
        {
            var destination = new long[expected.Length];
            var n = PresentValues.Gather(ticks, destination, width);
            Assert.True(expected.AsSpan().SequenceEqual(destination.AsSpan(0, n)), $"{width}, length {ticks.Length}: gathered {n} values, expected {expected.Length}");
        }
    }

    [Property(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 150)]
    public void PresentValues_EveryWidth_MatchesOracle(KernelCase c) => AssertAllWidths(KernelTestData.Durations(c));

    [Fact]
    public void PresentValues_LengthSweep_MatchesOracle()
    {
        for (var length = 0; length <= 300; length++)
        {
            AssertAllWidths(KernelTestData.Durations(new KernelCase(length, length, 30, true)));
            AssertAllWidths(KernelTestData.Durations(new KernelCase(length, length, 0, false)));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void PresentValues_GuardPage_DoesNotReadOrWritePastTheSpans(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var ticks = KernelTestData.Durations(new KernelCase(length, length, 5, true));
            var expected = ticks.Where(t => t >= 0).ToArray();
            using var source = new GuardedBuffer<long>(ticks);
            using var destination = new GuardedBuffer<long>(new long[expected.Length]);
            var n = PresentValues.Gather(source.Span, destination.Span, width);
            Assert.Equal(expected, destination.Span[..n].ToArray());
        }
    }
}
