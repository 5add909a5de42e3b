using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

[Trait("Category", "Kernel")]
public class DurationSumKernelTests
{
    /// <summary>The oracle: LINQ over the present values, summed in 128 bits.</summary>
    private static (long Count, Int128 Sum, long Or) Oracle(long[] ticks)
    {
        var present = ticks.Where(t => t >= 0).ToArray();
        return (present.LongLength, present.Aggregate(Int128.Zero, (s, t) => s + t), present.Aggregate(0L, (o, t) => o | t));
    }

    private static (long Count, Int128 Sum, long Or) Run(ReadOnlySpan<long> ticks, KernelWidth width)
    {
        var totals = new DurationTotals { Count = 3, SumTicks = 30 }; // the kernel adds to what is there
        var or = DurationSumKernel.Accumulate(ticks, ref totals, width);
        return (totals.Count - 3, totals.SumTicks - 30, or);
    }

    private static void AssertAllWidths(long[] ticks)
    {
        var expected = Oracle(ticks);
        foreach (var width in KernelTestData.Widths)
        {
            var actual = Run(ticks, width);
            Assert.True(expected == actual, $"{width}, length {ticks.Length}: got {actual} instead of {expected}");
        }
    }

    [Property(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 150)]
    public void DurationSumKernel_EveryWidth_MatchesOracle(KernelCase c) => AssertAllWidths(KernelTestData.Durations(c));

    [Fact]
    public void DurationSumKernel_LengthSweep_MatchesOracle()
    {
        var random = new Random(20261124);
        for (var length = 0; length <= 300; length++)
        {
            var ticks = new long[length];
            for (var i = 0; i < length; i++)
            {
                ticks[i] = random.Next(4) == 0 ? KernelTestData.MissingDuration(random) : KernelTestData.EdgeDuration(random);
            }

            AssertAllWidths(ticks);
        }
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(65540)]
    [InlineData(300_001)]
    public void DurationSumKernel_AllMaxTicks_FlushesBeforeLanesOverflow(int length)
    {
        // 512 vectors of MaxTicks per lane is just below 2^62; a missing flush would wrap the 64-bit lanes.
        var ticks = new long[length];
        ticks.AsSpan().Fill(Durations.MaxTicks);
        AssertAllWidths(ticks);
        Assert.Equal((Int128)length * Durations.MaxTicks, Run(ticks, KernelWidth.Vector512).Sum);
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void DurationSumKernel_GuardPage_DoesNotReadPastTheSpan(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var ticks = KernelTestData.Durations(new KernelCase(length, length, 10, true));
            using var buffer = new GuardedBuffer<long>(ticks);
            Assert.Equal(Oracle(ticks), Run(buffer.Span, width));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void DurationSumKernel_PoisonedTail_IsNotRead(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var buffer = new long[length + 40];
            KernelTestData.Durations(new KernelCase(length, length, 10, false)).CopyTo(buffer, 0);
            var clean = Run(buffer.AsSpan(0, length), width);
            buffer.AsSpan(length).Fill(12345);
            Assert.Equal(clean, Run(buffer.AsSpan(0, length), width));
            Assert.Equal(Oracle(buffer[..length]), clean);
        }
    }
}
