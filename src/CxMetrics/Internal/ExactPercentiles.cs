namespace CxMetrics.Internal;

/// <summary>
/// Exact p50 and p90 by selection (expected O(n)), with linear interpolation between closest ranks:
/// for n sorted values x and fraction q, h = (n − 1)·q and the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
/// (numpy's default "linear" method, Excel PERCENTILE.INC).
/// </summary>
internal static class ExactPercentiles
{
    /// <summary>The p50 and p90 in seconds of the tick values; reorders <paramref name="values"/>. Empty input gives nulls.</summary>
    public static (double? P50, double? P90) P50P90(Span<long> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return (null, null);
        }

        var h90 = (n - 1) * 0.9;
        var lo90 = (int)Math.Floor(h90);
        Select(values, lo90);
        var a90 = values[lo90];
        var b90 = lo90 + 1 < n ? Min(values[(lo90 + 1)..]) : a90;

        var h50 = (n - 1) * 0.5;
        var lo50 = (int)Math.Floor(h50);
        long a50, b50;
        if (lo50 == lo90)
        {
            (a50, b50) = (a90, b90);
        }
        else
        {
            // Everything before lo90 is <= values[lo90], so the median lies in values[0..lo90].
            var prefix = values[..(lo90 + 1)];
            Select(prefix, lo50);
            a50 = prefix[lo50];
            b50 = Min(prefix[(lo50 + 1)..]);
        }

        return (Interpolate(a50, b50, h50 - lo50), Interpolate(a90, b90, h90 - lo90));
    }

    /// <summary>The percentile at fraction <paramref name="q"/> (0..1) of tick values, in seconds; reorders <paramref name="values"/>.</summary>
    public static double? Percentile(Span<long> values, double q)
    {
        var n = values.Length;
        if (n == 0)
        {
            return null;
        }

        var h = (n - 1) * q;
        var lo = (int)Math.Floor(h);
        Select(values, lo);
        var a = values[lo];
        var b = lo + 1 < n ? Min(values[(lo + 1)..]) : a;
        return Interpolate(a, b, h - lo);
    }

    private static double Interpolate(long lower, long upper, double fraction)
    {
        var a = Durations.ToSeconds(lower);
        var b = Durations.ToSeconds(upper);
        return a + ((b - a) * fraction);
    }

    private static long Min(ReadOnlySpan<long> values)
    {
        var min = long.MaxValue;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    /// <summary>
    /// Reorders <paramref name="values"/> so that values[k] is the k-th smallest, everything before it is not
    /// larger and everything after it is not smaller (introselect: quickselect with median-of-three pivots,
    /// falling back to a sort of the remaining range if partitions keep coming out unbalanced).
    /// </summary>
    public static void Select(Span<long> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        var budget = 2 * (64 - (int)ulong.LeadingZeroCount((ulong)values.Length));
        while (hi > lo)
        {
            if (hi - lo < 16 || budget-- == 0)
            {
                values[lo..(hi + 1)].Sort();
                return;
            }

            var mid = lo + ((hi - lo) >> 1);
            // Median of three to values[mid], then use it as the pivot.
            if (values[mid] < values[lo])
            {
                (values[mid], values[lo]) = (values[lo], values[mid]);
            }

            if (values[hi] < values[lo])
            {
                (values[hi], values[lo]) = (values[lo], values[hi]);
            }

            if (values[hi] < values[mid])
            {
                (values[hi], values[mid]) = (values[mid], values[hi]);
            }

            var pivot = values[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[lo..j] <= pivot <= values[i..hi], and values[j+1..i-1] == pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }
}
