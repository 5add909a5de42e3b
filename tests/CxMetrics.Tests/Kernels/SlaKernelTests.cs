using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Kernels;

[Trait("Category", "Kernel")]
public class SlaKernelTests
{
    /// <summary>The oracle: a foreach over rows, own target first, then the policy's target of the row's priority.</summary>
    private static (long Measured, long Breached) Oracle(long[] response, long[] target, int[] priority, long[] targetByCode)
    {
        long measured = 0, breached = 0;
        for (var i = 0; i < response.Length; i++)
        {
            var t = target.Length > 0 ? target[i] : -1;
            if (t < 0 && priority.Length > 0 && priority[i] >= 0 && priority[i] < targetByCode.Length)
            {
                t = targetByCode[priority[i]];
            }

            if (response[i] >= 0 && t >= 0)
            {
                measured++;
                if (response[i] > t)
                {
                    breached++;
                }
            }
        }

        return (measured, breached);
    }

    private static (long, long) Run(ReadOnlySpan<long> response, ReadOnlySpan<long> target, KernelWidth width)
    {
        var counts = new SlaCounts { Measured = 9, Breached = 4 };
        SlaKernel.Accumulate(response, target, ref counts, width);
        return (counts.Measured - 9, counts.Breached - 4);
    }

    private static (long, long) RunWithPolicy(ReadOnlySpan<long> response, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, KernelWidth width)
    {
        var counts = new SlaCounts { Measured = 9, Breached = 4 };
        SlaKernel.AccumulateWithPolicy(response, target, priority, targetByCode, ref counts, width);
        return (counts.Measured - 9, counts.Breached - 4);
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

    private static int[] Priorities(Random random, int length, int codes) =>
        Enumerable.Range(0, length).Select(_ => random.Next(8) == 0 ? Missing.Key : random.Next(8) == 0 ? codes + random.Next(3) : random.Next(Math.Max(codes, 1))).ToArray();

    private static long[] Policy(Random random, int codes) =>
        Enumerable.Range(0, codes).Select(_ => random.Next(5) == 0 ? Missing.Duration : random.NextInt64(0, 36_000_000_000L)).ToArray();

    private static void AssertAllWidths(long[] response, long[] target, int[] priority, long[] policy)
    {
        var expected = Oracle(response, target, priority, []);
        var expectedWithPolicy = Oracle(response, target, priority, policy);
        foreach (var width in KernelTestData.Widths)
        {
            if (target.Length > 0)
            {
                var actual = Run(response, target, width);
                Assert.True(expected == actual, $"{width}, length {response.Length}: got {actual} instead of {expected}");
            }

            var withPolicy = RunWithPolicy(response, target, priority, policy, width);
            Assert.True(expectedWithPolicy == withPolicy, $"{width}, length {response.Length}, target {target.Length}, priority {priority.Length}, {policy.Length} codes: got {withPolicy} instead of {expectedWithPolicy}");
        }
    }

    [Property(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 150)]
    public void SlaKernel_EveryWidth_MatchesOracle(KernelCase c)
    {
        var random = c.Random();
        var (response, target) = Columns(c);
        var codes = random.Next(0, 24); // beyond MaxVectorPolicyCodes the vector paths fall back to scalar
        var priority = Priorities(random, c.Length, codes);
        var policy = Policy(random, codes);
        AssertAllWidths(response, target, priority, policy);
        AssertAllWidths(response, [], priority, policy);
        AssertAllWidths(response, target, [], policy);
    }

    [Fact]
    public void SlaKernel_LengthSweep_MatchesOracle()
    {
        var random = new Random(20261125);
        for (var length = 0; length <= 300; length++)
        {
            var (response, target) = Columns(new KernelCase(length, length, 25, true));
            var priority = Priorities(random, length, 4);
            var policy = Policy(random, 4);
            AssertAllWidths(response, target, priority, policy);
            AssertAllWidths(response, [], priority, policy);
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void SlaKernel_GuardPage_DoesNotReadPastTheSpans(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(3);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var (response, target) = Columns(new KernelCase(length, length, 10, true));
            var priority = Priorities(random, length, 4);
            var policy = Policy(random, 4);
            using GuardedBuffer<long> r = new(response), t = new(target);
            using var p = new GuardedBuffer<int>(priority);
            Assert.Equal(Oracle(response, target, [], []), Run(r.Span, t.Span, width));
            Assert.Equal(Oracle(response, target, priority, policy), RunWithPolicy(r.Span, t.Span, p.Span, policy, width));
            Assert.Equal(Oracle(response, [], priority, policy), RunWithPolicy(r.Span, [], p.Span, policy, width));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void SlaKernel_PoisonedTail_IsNotRead(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var (response, target) = Columns(new KernelCase(length, length, 10, false));
            long[] r = [.. response, .. new long[40]], t = [.. target, .. new long[40]];
            int[] p = [.. Enumerable.Repeat(0, length), .. new int[40]];
            long[] policy = [1000];
            var clean = (Run(r.AsSpan(0, length), t.AsSpan(0, length), width), RunWithPolicy(r.AsSpan(0, length), [], p.AsSpan(0, length), policy, width));
            r.AsSpan(length).Fill(5000); // breaches either target if read
            t.AsSpan(length).Fill(1);
            Assert.Equal(clean, (Run(r.AsSpan(0, length), t.AsSpan(0, length), width), RunWithPolicy(r.AsSpan(0, length), [], p.AsSpan(0, length), policy, width)));
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.WidthData), MemberType = typeof(KernelTestData))]
    public void SlaKernel_ExactlyOnTarget_IsMetAndOneTickOverBreaches(string widthName)
    {
        var width = Enum.Parse<KernelWidth>(widthName);
        var target = Enumerable.Repeat(Durations.FromSeconds(86400), 100).ToArray();
        var response = target.Select((t, i) => i % 2 == 0 ? t : t + 1).ToArray();
        Assert.Equal((100L, 50L), Run(response, target, width));
    }
}
