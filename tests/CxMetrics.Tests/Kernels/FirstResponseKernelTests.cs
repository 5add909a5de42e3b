using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

[Trait("Category", "Kernel")]
public class FirstResponseKernelTests
{
    /// <summary>The oracle: a foreach over rows (count, exact sum and OR of present responses; measured and breached against the row's target).</summary>
    private static (long Count, Int128 Sum, long Or, long Measured, long Breached) Oracle(long[] response, long[] target)
    {
        long count = 0, or = 0, measured = 0, breached = 0;
        Int128 sum = 0;
        for (var i = 0; i < response.Length; i++)
        {
            var r = response[i];
            if (r < 0)
            {
                continue;
            }

            count++;
            sum += r;
            or |= r;
            if (target.Length > 0 && target[i] >= 0)
            {
                measured++;
                breached += r > target[i] ? 1 : 0;
            }
        }

        return (count, sum, or, measured, breached);
    }

    private static (long, Int128, long, long, long) Run(ReadOnlySpan<long> response, ReadOnlySpan<long> target, KernelWidth width)
    {
        // Start from non-zero totals: the kernel adds, it does not overwrite.
        var totals = new DurationTotals { Count = 3, SumTicks = 1000 };
        var sla = new SlaCounts { Measured = 9, Breached = 4 };
        var or = FirstResponseKernel.Accumulate(response, target, ref totals, ref sla, width);
        return (totals.Count - 3, totals.SumTicks - 1000, or, sla.Measured - 9, sla.Breached - 4);
    }

    /// <summary>Responses close to the targets (equal included), so strictly-greater matters.</summary>
    private static (long[] Response, long[] Target) Columns(KernelCase c)
    {
        var random = c.Random();
        var response = KernelTestData.Durations(c, 1);
        var target = KernelTestData.Durations(c, 2);
        for (var i = 0; i < response.Length; i++)
        {
            if (response[i] >= 0 && target[i] >= 0 && random.Next(3) == 0)
            {
                response[i] = Math.Max(0, target[i] + random.Next(-1, 2));
            }
        }

        return (response, target);
    }

    private static void AssertAllWidths(long[] response, long[] target)
    {
        var expected = Oracle(response, target);
        foreach (var width in KernelTestData.Widths)
        {
            var actual = Run(response, target, width);
            Assert.True(expected == actual, $"{width}, length {response.Length}, target {target.Length}: got {actual} instead of {expected}");
        }
    }

    [Property(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 150)]
    public void FirstResponseKernel_EveryWidth_MatchesOracle(KernelCase c)
    {
        var (response, target) = Columns(c);
        AssertAllWidths(response, target);
        AssertAllWidths(response, []);
    }

    [Fact]
    public void FirstResponseKernel_LengthSweep_MatchesOracle()
    {
        for (var length = 0; length <= 300; length++)
        {
            var (response, target) = Columns(new KernelCase(length, length, 25, true));
            AssertAllWidths(response, target);
        }
    }

    [Fact]
    public void FirstResponseKernel_EqualsTheSeparateKernels()
    {
        var (response, target) = Columns(new KernelCase(70_001, 11, 20, true));
        var totals = default(DurationTotals);
        var sla = default(SlaCounts);
        var or = DurationSumKernel.Accumulate(response, ref totals, KernelWidth.Scalar);
        SlaKernel.Accumulate(response, target, ref sla, KernelWidth.Scalar);
        foreach (var width in KernelTestData.Widths)
        {
            Assert.Equal((totals.Count, totals.SumTicks, or, sla.Measured, sla.Breached), Run(response, target, width));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void FirstResponseKernel_GuardPage_DoesNotReadPastTheSpans(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var (response, target) = Columns(new KernelCase(length, length, 10, true));
            using GuardedBuffer<long> r = new(response), t = new(target);
            Assert.Equal(Oracle(response, target), Run(r.Span, t.Span, width));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void FirstResponseKernel_ExactlyOnTarget_IsMetAndOneTickOverBreaches(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var target = Enumerable.Repeat(Durations.FromSeconds(86400), 100).ToArray();
        var response = target.Select((t, i) => i % 2 == 0 ? t : t + 1).ToArray();
        var (count, _, _, measured, breached) = Run(response, target, width);
        Assert.Equal((100L, 100L, 50L), (count, measured, breached));
    }

    [Fact]
    public void FirstResponseKernel_MismatchedLengths_Throw()
    {
        var totals = default(DurationTotals);
        var sla = default(SlaCounts);
        Assert.Throws<ArgumentException>(() => FirstResponseKernel.Accumulate(new long[5], new long[4], ref totals, ref sla, KernelWidth.Vector256));
    }
}
