using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>The vectorized range of known instants equals the plain loop (unknown = negative, kept out of both ends).</summary>
[Trait("Category", "Kernel")]
public class InstantRangeTests
{
    [Property(MaxTest = 200)]
    public void InstantRange_Of_VectorizedEqualsScalar(int seed)
    {
        var random = new Random(seed);
        int[] lengths = [0, 1, 7, 8, 9, random.Next(0, 2000)];
        var n = lengths[random.Next(lengths.Length)];
        var unknownRate = random.Next(4) == 0 ? 1.0 : random.NextDouble();
        var instants = new long[n];
        for (var i = 0; i < n; i++)
        {
            instants[i] = random.NextDouble() < unknownRate
                ? (random.Next(2) == 0 ? Missing.Instant : -1 - random.NextInt64(1L << 50))
                : random.Next(5) == 0 ? 0 : random.NextInt64(DateTime.MaxValue.Ticks);
        }

        long lo = long.MaxValue, hi = Missing.Instant;
        foreach (var t in instants)
        {
            if (t >= 0)
            {
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }
        }

        Assert.Equal((lo, hi), InstantRange.Of(instants));
        Assert.Equal((lo, hi), InstantRange.Of(instants, vectorize: false));
    }
}
