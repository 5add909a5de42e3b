using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

[Trait("Category", "Kernel")]
public class HandleTimeKernelTests
{
    /// <summary>The oracle: a foreach over rows; an empty hold or wrap column is absent (zero).</summary>
    private static (long Count, Int128 Sum, long Or, long[] Values) Oracle(long[] talk, long[] hold, long[] wrap)
    {
        var values = new List<long>();
        long or = 0;
        for (var i = 0; i < talk.Length; i++)
        {
            if (talk[i] < 0)
            {
                continue;
            }

            var h = hold.Length == 0 || hold[i] < 0 ? 0 : hold[i];
            var w = wrap.Length == 0 || wrap[i] < 0 ? 0 : wrap[i];
            values.Add(talk[i] + h + w);
            or |= talk[i] | h | w;
        }

        return (values.Count, values.Aggregate(Int128.Zero, (s, v) => s + v), or, values.ToArray());
    }

    private static (long Count, Int128 Sum, long Or) Run(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, KernelWidth width)
    {
        var totals = new DurationTotals { Count = 5, SumTicks = 50 };
        var or = HandleTimeKernel.Accumulate(talk, hold, wrap, ref totals, width);
        return (totals.Count - 5, totals.SumTicks - 50, or);
    }

    private static long[] Gather(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, int capacity, KernelWidth width)
    {
        var destination = new long[capacity];
        var n = HandleTimeKernel.Gather(talk, hold, wrap, destination, width);
        return destination[..n];
    }

    private static void AssertAllWidths(long[] talk, long[] hold, long[] wrap)
    {
        var expected = Oracle(talk, hold, wrap);
        foreach (var width in KernelTestData.Widths)
        {
            var actual = Run(talk, hold, wrap, width);
            Assert.True((expected.Count, expected.Sum, expected.Or) == actual, $"{width}, length {talk.Length}, hold {hold.Length}, wrap {wrap.Length}: got {actual} instead of {(expected.Count, expected.Sum, expected.Or)}");
            var gathered = Gather(talk, hold, wrap, (int)expected.Count, width);
            Assert.True(expected.Values.AsSpan().SequenceEqual(gathered), $"{width}, length {talk.Length}: gathered values differ");
        }
    }

    [Property(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 150)]
    public void HandleTimeKernel_EveryWidth_MatchesOracle(KernelCase c)
    {
        var talk = KernelTestData.Durations(c, 1);
        var hold = c.Seed % 4 == 1 ? [] : KernelTestData.Durations(c, 2);
        var wrap = c.Seed % 4 == 2 ? [] : KernelTestData.Durations(c, 3);
        AssertAllWidths(talk, hold, wrap);
    }

    [Fact]
    public void HandleTimeKernel_LengthSweep_MatchesOracleWithAndWithoutHoldAndWrap()
    {
        for (var length = 0; length <= 300; length++)
        {
            var c = new KernelCase(length, length, 20, true);
            var talk = KernelTestData.Durations(c, 1);
            var hold = KernelTestData.Durations(c, 2);
            var wrap = KernelTestData.Durations(c, 3);
            AssertAllWidths(talk, hold, wrap);
            AssertAllWidths(talk, [], wrap);
            AssertAllWidths(talk, hold, []);
            AssertAllWidths(talk, [], []);
        }
    }

    [Theory]
    [InlineData(2047)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(65540)]
    [InlineData(100_003)]
    public void HandleTimeKernel_AllMaxTicks_FlushesBeforeLanesOverflow(int length)
    {
        // Each row is 3 · MaxTicks; 256 vectors of them per lane stay below 2^63 only if the lanes are flushed in time.
        var column = new long[length];
        column.AsSpan().Fill(Durations.MaxTicks);
        AssertAllWidths(column, column, column);
        Assert.Equal((Int128)length * 3 * Durations.MaxTicks, Run(column, column, column, KernelWidth.Vector512).Sum);
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void HandleTimeKernel_GuardPage_DoesNotReadPastTheSpans(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var c = new KernelCase(length, length, 10, true);
            long[] talk = KernelTestData.Durations(c, 1), hold = KernelTestData.Durations(c, 2), wrap = KernelTestData.Durations(c, 3);
            using GuardedBuffer<long> t = new(talk), h = new(hold), w = new(wrap);
            var expected = Oracle(talk, hold, wrap);
            Assert.Equal((expected.Count, expected.Sum, expected.Or), Run(t.Span, h.Span, w.Span, width));
            using var destination = new GuardedBuffer<long>(new long[expected.Count]);
            var n = HandleTimeKernel.Gather(t.Span, h.Span, w.Span, destination.Span, width);
            Assert.Equal(expected.Values, destination.Span[..n].ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void HandleTimeKernel_PoisonedTail_IsNotRead(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var c = new KernelCase(length, length, 10, false);
            long[] talk = new long[length + 20], hold = new long[length + 20], wrap = new long[length + 20];
            KernelTestData.Durations(c, 1).CopyTo(talk, 0);
            KernelTestData.Durations(c, 2).CopyTo(hold, 0);
            KernelTestData.Durations(c, 3).CopyTo(wrap, 0);
            var clean = Run(talk.AsSpan(0, length), hold.AsSpan(0, length), wrap.AsSpan(0, length), width);
            talk.AsSpan(length).Fill(777);
            hold.AsSpan(length).Fill(777);
            wrap.AsSpan(length).Fill(777);
            Assert.Equal(clean, Run(talk.AsSpan(0, length), hold.AsSpan(0, length), wrap.AsSpan(0, length), width));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void HandleTimeKernel_Gather_NeverWritesPastTheDestination(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        // A destination shorter than the handled rows must fail loudly, not write past its end.
        var talk = new long[100];
        var destination = new long[120];
        destination.AsSpan(50).Fill(-7);
        Assert.ThrowsAny<Exception>(() => HandleTimeKernel.Gather(talk, [], [], destination.AsSpan(0, 50), width));
        Assert.All(destination[50..], v => Assert.Equal(-7, v));
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void HandleTimeKernel_Accumulate_RejectsMismatchedLengths(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var totals = default(DurationTotals);
        var ex = Assert.Throws<ArgumentException>(() => HandleTimeKernel.Accumulate(new long[10], new long[9], [], ref totals, width));
        Assert.Contains("hold", ex.Message, StringComparison.Ordinal);
    }
}
