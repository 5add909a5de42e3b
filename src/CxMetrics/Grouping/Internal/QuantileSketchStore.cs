using System.Runtime.InteropServices;

namespace CxMetrics.Internal;

/// <summary>
/// DDSketch-style relative-error sketches of one duration metric for every group: a tick value v &gt; 0 falls in the
/// bucket of its binary exponent e and the top 7 bits k of its mantissa, i.e. [2^e·(1 + k/128), 2^e·(1 + (k+1)/128));
/// 0 has its own bucket. A bucket is reported as its midpoint, so every order statistic, and every interpolation
/// between two of them, is within 1/256 (≈ 0.39%) of the exact value. At most 7,169 buckets per group, whatever the row count.
/// Merging adds bucket counts.
/// </summary>
internal sealed class QuantileSketchStore
{
    public const double RelativeError = 1.0 / 256;
    private const int BucketBits = 16;
    private const int MaxBucket = (56 * 128) + 1;

    // (group << 16 | bucket) -> count.
    private readonly Dictionary<long, long> _counts = [];

    public Dictionary<long, long> Counts => _counts;

    public static int Bucket(long ticks)
    {
        if (ticks == 0)
        {
            return 0;
        }

        var bits = BitConverter.DoubleToInt64Bits(ticks);
        return (int)(bits >> 45) - (1023 << 7) + 1;
    }

    public static double BucketValueTicks(int bucket)
    {
        if (bucket == 0)
        {
            return 0;
        }

        var e = (bucket - 1) >> 7;
        var k = (bucket - 1) & 127;
        return Math.ScaleB(1 + ((k + 0.5) / 128), e);
    }

    public static bool IsValidBucket(int bucket) => bucket >= 0 && bucket <= MaxBucket;

    public void Add(int group, int bucket, long count)
    {
        ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, ((long)group << BucketBits) | (uint)bucket, out _);
        c += count;
    }

    public void AddValues(ReadOnlySpan<int> gid, ReadOnlySpan<long> ticks)
    {
        for (var i = 0; i < ticks.Length; i++)
        {
            var v = ticks[i];
            if (v >= 0)
            {
                Add(gid[i], Bucket(v), 1);
            }
        }
    }

    public void AddHandle(ReadOnlySpan<int> gid, ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap)
    {
        for (var i = 0; i < talk.Length; i++)
        {
            var t = talk[i];
            if (t >= 0)
            {
                var h = hold.IsEmpty ? 0 : Math.Max(hold[i], 0);
                var w = wrap.IsEmpty ? 0 : Math.Max(wrap[i], 0);
                Add(gid[i], Bucket(t + h + w), 1);
            }
        }
    }

    public void AddFrom(QuantileSketchStore other, ReadOnlySpan<int> groupMap)
    {
        foreach (var (key, count) in other._counts)
        {
            Add(groupMap[(int)(key >> BucketBits)], (int)(key & 0xFFFF), count);
        }
    }

    public static (int Group, int Bucket) Split(long key) => ((int)(key >> BucketBits), (int)(key & 0xFFFF));

    /// <summary>Approximate p50/p90 (seconds) of every group and overall, with the exact method's interpolation between ranks.</summary>
    public ((double? P50, double? P90) Overall, (double? P50, double? P90)[] Groups) Percentiles(int groups)
    {
        var perGroup = new List<(int Bucket, long Count)>?[groups];
        var overall = new long[MaxBucket + 1];
        foreach (var (key, count) in _counts)
        {
            var (g, b) = Split(key);
            (perGroup[g] ??= []).Add((b, count));
            overall[b] += count;
        }

        var result = new (double? P50, double? P90)[groups];
        for (var g = 0; g < groups; g++)
        {
            var list = perGroup[g];
            if (list is null)
            {
                continue;
            }

            list.Sort(static (a, b) => a.Bucket.CompareTo(b.Bucket));
            result[g] = P50P90(CollectionsMarshal.AsSpan(list));
        }

        var overallList = new List<(int, long)>();
        for (var b = 0; b <= MaxBucket; b++)
        {
            if (overall[b] > 0)
            {
                overallList.Add((b, overall[b]));
            }
        }

        return (P50P90(CollectionsMarshal.AsSpan(overallList)), result);
    }

    private static (double? P50, double? P90) P50P90(ReadOnlySpan<(int Bucket, long Count)> sorted)
    {
        long n = 0;
        foreach (var (_, c) in sorted)
        {
            n += c;
        }

        return n == 0 ? (null, null) : (Quantile(sorted, n, 0.5), Quantile(sorted, n, 0.9));
    }

    private static double Quantile(ReadOnlySpan<(int Bucket, long Count)> sorted, long n, double q)
    {
        var h = (n - 1) * q;
        var lo = (long)Math.Floor(h);
        var a = ValueAtRank(sorted, lo);
        var b = lo + 1 < n ? ValueAtRank(sorted, lo + 1) : a;
        return (a + ((b - a) * (h - lo))) / Durations.TicksPerSecond;
    }

    private static double ValueAtRank(ReadOnlySpan<(int Bucket, long Count)> sorted, long rank)
    {
        long seen = 0;
        foreach (var (bucket, count) in sorted)
        {
            seen += count;
            if (rank < seen)
            {
                return BucketValueTicks(bucket);
            }
        }

        return BucketValueTicks(sorted[^1].Bucket);
    }
}
