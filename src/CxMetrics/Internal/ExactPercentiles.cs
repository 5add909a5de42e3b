using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// Exact p50 and p90 by radix selection (O(n), two passes over the values in practice), with linear interpolation between closest ranks:
/// for n sorted values x and fraction q, h = (n − 1)·q and the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
/// (numpy's default "linear" method, Excel PERCENTILE.INC).
/// </summary>
internal static class ExactPercentiles
{
    /// <summary>Bits of the key each radix pass looks at: 2048 buckets, an 8 KB histogram that stays in L1.</summary>
    private const int RadixBits = 11;

    /// <summary>Selection is for a few ranks at a time; asked for more, it sorts.</summary>
    private const int MaxRanks = 16;

    /// <summary>Values a pass over pieces copies out of one bucket at most (2 MB); a fuller bucket gets another pass instead.</summary>
    private const int CollectLimit = 1 << 18;

    /// <summary>At or below this many values a sort is cheaper than another histogram pass.</summary>
    private const int SortThreshold = 128;

    /// <summary>The p50 and p90 in seconds of the tick values; reorders <paramref name="values"/>. Empty input gives nulls.</summary>
    public static (double? P50, double? P90) P50P90(Span<long> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return (null, null);
        }

        Span<int> ranks = stackalloc int[4];
        var (t50, t90) = P50P90Ranks(n, ranks);
        Span<long> found = stackalloc long[4];
        SelectRanks(values, ranks, found);
        return (Interpolate(found[0], found[1], t50), Interpolate(found[2], found[3], t90));
    }

    /// <summary>
    /// The ranks p50 and p90 interpolate between, for n &gt; 0 values (h = (n − 1)·q; ⌊h⌋ and ⌊h⌋ + 1, clipped), written to
    /// <paramref name="ranks"/> (4), and the two interpolation fractions.
    /// </summary>
    private static (double T50, double T90) P50P90Ranks(int n, Span<int> ranks)
    {
        var h50 = (n - 1) * 0.5;
        var lo50 = (int)Math.Floor(h50);
        var h90 = (n - 1) * 0.9;
        var lo90 = (int)Math.Floor(h90);
        ranks[0] = lo50;
        ranks[1] = Math.Min(lo50 + 1, n - 1);
        ranks[2] = lo90;
        ranks[3] = Math.Min(lo90 + 1, n - 1);
        return (h50 - lo50, h90 - lo90);
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
        Span<int> ranks = [lo, Math.Min(lo + 1, n - 1)];
        Span<long> found = stackalloc long[2];
        SelectRanks(values, ranks, found);
        return Interpolate(found[0], found[1], h - lo);
    }

    /// <summary>
    /// Sets <c>results[j]</c> to the <c>ranks[j]</c>-th smallest value (0-based) of <paramref name="values"/>;
    /// <paramref name="ranks"/> must be ascending and within the span. Reorders <paramref name="values"/>.
    /// </summary>
    /// <remarks>
    /// MSD radix selection on <c>value − min</c>: one pass builds a histogram of the top <see cref="RadixBits"/> bits of
    /// the value range, the prefix sums name the bucket of every rank, one more pass copies the (few) values of those
    /// buckets to a pooled scratch buffer, and each bucket is solved the same way (its range is at least 1024 times
    /// narrower) or sorted once small. Deterministic O(n) for every input: no pivots, no bad cases.
    /// </remarks>
    public static void SelectRanks(Span<long> values, ReadOnlySpan<int> ranks, Span<long> results)
    {
        if (values.Length <= SortThreshold || ranks.Length > MaxRanks)
        {
            values.Sort();
            for (var j = 0; j < ranks.Length; j++)
            {
                results[j] = values[ranks[j]];
            }

            return;
        }

        var min = TensorPrimitives.Min<long>(values);
        var max = TensorPrimitives.Max<long>(values);
        SelectInRange(new OneSpan(values), min, max, filtered: false, ranks, results, int.MaxValue);
    }

    /// <summary>
    /// <see cref="SelectRanks(Span{long}, ReadOnlySpan{int}, Span{long})"/> over values that lie in several pieces (a group's
    /// runs in a chunked store), without first copying them into one span. Does not reorder the pieces' values.
    /// </summary>
    /// <param name="pieces">The values.</param>
    /// <param name="ranks">Ascending ranks within the values.</param>
    /// <param name="results">Receives the value of each rank.</param>
    /// <param name="collectLimit">Values copied out of one bucket at most (tests lower it to reach the narrowing passes).</param>
    public static void SelectRanksInPieces(ReadOnlySpan<ValuePiece> pieces, ReadOnlySpan<int> ranks, Span<long> results, int collectLimit = CollectLimit)
    {
        long total = 0;
        foreach (var piece in pieces)
        {
            total += piece.Length;
        }

        if (total <= SortThreshold || ranks.Length > MaxRanks)
        {
            // Small: the span path sorts, so on a copy; the store's values stay as they are.
            using var copy = SpanOwner<long>.Allocate(checked((int)total));
            var at = 0;
            foreach (var piece in pieces)
            {
                piece.Span.CopyTo(copy.Span[at..]);
                at += piece.Length;
            }

            SelectRanks(copy.Span, ranks, results);
            return;
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var piece in pieces)
        {
            if (piece.Length > 0)
            {
                min = Math.Min(min, TensorPrimitives.Min<long>(piece.Span));
                max = Math.Max(max, TensorPrimitives.Max<long>(piece.Span));
            }
        }

        SelectInRange(new PieceList(pieces), min, max, filtered: false, ranks, results, collectLimit);
    }

    /// <summary>
    /// One radix pass over the values of <paramref name="parts"/> in [<paramref name="min"/>, <paramref name="max"/>]
    /// (<paramref name="filtered"/>: the parts also hold values outside it, which are skipped; the ranks count only values
    /// inside). Kept buckets of up to <paramref name="collectLimit"/> values are copied out and solved as a span; a larger one (one
    /// value range can hold most of a skewed metric's values) is narrowed by another pass over the pieces instead, so the
    /// scratch memory stays bounded whatever the data.
    /// </summary>
    private static void SelectInRange<TParts>(scoped TParts parts, long min, long max, bool filtered, ReadOnlySpan<int> ranks, Span<long> results, int collectLimit)
        where TParts : IValueParts, allows ref struct
    {
        if (min == max)
        {
            results[..ranks.Length].Fill(min);
            return;
        }

        var plan = new RadixPlan(min, max);
        var range = unchecked((ulong)max - (ulong)min);
        Span<int> counts = stackalloc int[1 << RadixBits];
        counts = counts[..plan.Buckets];
        counts.Clear();
        for (var p = 0; p < parts.Count; p++)
        {
            if (filtered)
            {
                HistogramInRange(parts[p], plan.Min, range, plan.Shift, counts);
            }
            else
            {
                Histogram(parts[p], plan.Min, plan.Shift, counts);
            }
        }

        var r = ranks.Length;
        Span<int> buckets = stackalloc int[(4 * r) + 1];
        var kept = plan.Keep(counts, ranks, buckets);
        var rankBucket = buckets[..r];
        var keptBucket = buckets.Slice(r, r);
        var keptBefore = buckets.Slice(2 * r, r);
        var keptStart = buckets.Slice(3 * r, r + 1);

        // The kept buckets small enough to copy out, with their places in the scratch buffer.
        Span<int> smallBuckets = stackalloc int[r];
        Span<int> smallStart = stackalloc int[r + 1];
        Span<int> smallOf = stackalloc int[r];
        var small = 0;
        smallStart[0] = 0;
        for (var k = 0; k < kept; k++)
        {
            var count = keptStart[k + 1] - keptStart[k];
            smallOf[k] = -1;
            if (count <= collectLimit && plan.Shift != 0)
            {
                smallOf[k] = small;
                smallBuckets[small] = keptBucket[k];
                smallStart[small + 1] = smallStart[small] + count;
                small++;
            }
        }

        using var scratch = SpanOwner<long>.Allocate(smallStart[small]);
        if (small > 0)
        {
            Span<byte> slot = stackalloc byte[plan.Buckets];
            slot.Clear();
            Span<int> next = stackalloc int[r];
            for (var i = 0; i < small; i++)
            {
                slot[smallBuckets[i]] = (byte)(i + 1);
                next[i] = smallStart[i];
            }

            for (var p = 0; p < parts.Count; p++)
            {
                if (filtered)
                {
                    CollectInRange(parts[p], plan.Min, range, plan.Shift, slot, scratch.Span, next);
                }
                else
                {
                    Collect(parts[p], plan.Min, plan.Shift, slot, scratch.Span, next, smallBuckets[..small]);
                }
            }
        }

        Span<int> subRanks = stackalloc int[r];
        Span<long> subResults = stackalloc long[r];
        for (var k = 0; k < kept; k++)
        {
            var m = 0;
            for (var j = 0; j < r; j++)
            {
                if (rankBucket[j] == k)
                {
                    subRanks[m++] = ranks[j] - keptBefore[k];
                }
            }

            if (plan.Shift == 0)
            {
                subResults[..m].Fill((long)(plan.Min + (ulong)keptBucket[k])); // a bucket of width 1 holds one distinct value
            }
            else if (smallOf[k] < 0)
            {
                // Too many values to copy: the bucket's own value range, another pass over the parts.
                var low = plan.Min + ((ulong)keptBucket[k] << plan.Shift);
                var high = Math.Min(low + ((1UL << plan.Shift) - 1), (ulong)max);
                SelectInRange(parts, (long)low, (long)high, filtered: true, subRanks[..m], subResults, collectLimit);
            }
            else
            {
                var i = smallOf[k];
                SelectRanks(scratch.Span[smallStart[i]..smallStart[i + 1]], subRanks[..m], subResults);
            }

            m = 0;
            for (var j = 0; j < r; j++)
            {
                if (rankBucket[j] == k)
                {
                    results[j] = subResults[m++];
                }
            }
        }
    }

    /// <summary>The p50 and p90 in seconds of the values in <paramref name="pieces"/> (left as they are). No values gives nulls.</summary>
    /// <param name="pieces">The values.</param>
    /// <param name="collectLimit">As for <see cref="SelectRanksInPieces"/>.</param>
    public static (double? P50, double? P90) P50P90InPieces(ReadOnlySpan<ValuePiece> pieces, int collectLimit = CollectLimit)
    {
        long total = 0;
        foreach (var piece in pieces)
        {
            total += piece.Length;
        }

        if (total == 0)
        {
            return (null, null);
        }

        var n = checked((int)total);
        Span<int> ranks = stackalloc int[4];
        var (t50, t90) = P50P90Ranks(n, ranks);
        Span<long> found = stackalloc long[4];
        SelectRanksInPieces(pieces, ranks, found, collectLimit);
        return (Interpolate(found[0], found[1], t50), Interpolate(found[2], found[3], t90));
    }

    /// <summary>Where a selection pass reads its values: one span, or the runs of a chunked store.</summary>
    private interface IValueParts
    {
        int Count { get; }

        ReadOnlySpan<long> this[int part] { get; }
    }

    private readonly ref struct OneSpan(ReadOnlySpan<long> values) : IValueParts
    {
        private readonly ReadOnlySpan<long> _values = values;

        public int Count => 1;

        public ReadOnlySpan<long> this[int part] => _values;
    }

    private readonly ref struct PieceList(ReadOnlySpan<ValuePiece> pieces) : IValueParts
    {
        private readonly ReadOnlySpan<ValuePiece> _pieces = pieces;

        public int Count => _pieces.Length;

        public ReadOnlySpan<long> this[int part] => _pieces[part].Span;
    }

    /// <summary>One radix pass: the bucket width (a shift) over <c>value − min</c>, and which buckets hold the ranks.</summary>
    private readonly struct RadixPlan
    {
        public RadixPlan(long min, long max)
        {
            Min = (ulong)min;
            var range = unchecked((ulong)max - (ulong)min);
            Shift = Math.Max(0, 64 - BitOperations.LeadingZeroCount(range) - RadixBits);
            Buckets = (int)(range >> Shift) + 1;
        }

        public ulong Min { get; }

        public int Shift { get; }

        public int Buckets { get; }

        /// <summary>
        /// From the histogram, fills <paramref name="buckets"/> (4·r + 1 ints for r ranks): the kept bucket index of every rank,
        /// the kept buckets, the count of values before each kept bucket and the kept buckets' starts in the scratch buffer
        /// (r + 1 entries). Returns the number of kept buckets (at most one per rank).
        /// </summary>
        public int Keep(ReadOnlySpan<int> counts, ReadOnlySpan<int> ranks, Span<int> buckets)
        {
            var n = ranks.Length;
            var rankBucket = buckets[..n];
            var keptBucket = buckets.Slice(n, n);
            var keptBefore = buckets.Slice(2 * n, n);
            var keptStart = buckets.Slice(3 * n, n + 1);
            keptStart[0] = 0;
            var kept = 0;
            var before = 0;
            var r = 0;
            for (var b = 0; b < counts.Length && r < n; b++)
            {
                var count = counts[b];
                var first = r;
                while (r < n && ranks[r] < before + count)
                {
                    rankBucket[r++] = kept;
                }

                if (r > first)
                {
                    keptBucket[kept] = b;
                    keptBefore[kept] = before;
                    keptStart[kept + 1] = keptStart[kept] + count;
                    kept++;
                }

                before += count;
            }

            return kept;
        }
    }

    /// <summary>Counts the values per bucket <c>(value − min) &gt;&gt; shift</c>. Its own method: a loop inside the caller's
    /// <c>using</c> region would keep its locals on the stack.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Histogram(ReadOnlySpan<long> values, ulong min, int shift, Span<int> counts)
    {
        ref var c0 = ref MemoryMarshal.GetReference(counts);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        for (nuint i = 0; i < (nuint)values.Length; i++)
        {
            Unsafe.Add(ref c0, (nint)(unchecked((ulong)Unsafe.Add(ref v0, i) - min) >> shift))++;
        }
    }

    /// <summary>
    /// Copies every value whose bucket has a slot (1-based, 0 = skip) to <c>target[next[slot − 1]++]</c>. The kept
    /// buckets hold a few percent of the values at most, so whole vectors without one are skipped with a compare each.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Collect(ReadOnlySpan<long> values, ulong min, int shift, ReadOnlySpan<byte> slot, Span<long> target, Span<int> next, ReadOnlySpan<int> keptBuckets)
    {
        ref var s0 = ref MemoryMarshal.GetReference(slot);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        var n = (nuint)values.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated && keptBuckets.Length is > 0 and <= 4)
        {
            var vmin = Vector256.Create(min);
            // Unused slots repeat the first bucket, so four compares cover one to four kept buckets.
            var b0 = Vector256.Create((ulong)keptBuckets[0]);
            var b1 = Vector256.Create((ulong)keptBuckets[Math.Min(1, keptBuckets.Length - 1)]);
            var b2 = Vector256.Create((ulong)keptBuckets[Math.Min(2, keptBuckets.Length - 1)]);
            var b3 = Vector256.Create((ulong)keptBuckets[^1]);
            var step = (nuint)Vector256<ulong>.Count;
            for (; n - i >= step; i += step)
            {
                var bucket = Vector256.ShiftRightLogical(Vector256.LoadUnsafe(ref v0, i).AsUInt64() - vmin, shift);
                var hit = Vector256.Equals(bucket, b0) | Vector256.Equals(bucket, b1) | Vector256.Equals(bucket, b2) | Vector256.Equals(bucket, b3);
                if (hit != Vector256<ulong>.Zero)
                {
                    CollectScalar(ref v0, i, i + step, min, shift, ref s0, target, next);
                }
            }
        }

        CollectScalar(ref v0, i, n, min, shift, ref s0, target, next);
    }

    /// <summary><see cref="Histogram"/> of the values within <c>min..min + range</c> only.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HistogramInRange(ReadOnlySpan<long> values, ulong min, ulong range, int shift, Span<int> counts)
    {
        foreach (var v in values)
        {
            var d = unchecked((ulong)v - min);
            if (d <= range)
            {
                counts[(int)(d >> shift)]++;
            }
        }
    }

    /// <summary><see cref="Collect"/> of the values within <c>min..min + range</c> only.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CollectInRange(ReadOnlySpan<long> values, ulong min, ulong range, int shift, ReadOnlySpan<byte> slot, Span<long> target, Span<int> next)
    {
        foreach (var v in values)
        {
            var d = unchecked((ulong)v - min);
            if (d <= range && slot[(int)(d >> shift)] is var k && k != 0)
            {
                target[next[k - 1]++] = v;
            }
        }
    }

    private static void CollectScalar(ref long v0, nuint start, nuint end, ulong min, int shift, ref byte s0, Span<long> target, Span<int> next)
    {
        for (var i = start; i < end; i++)
        {
            var v = Unsafe.Add(ref v0, i);
            var k = Unsafe.Add(ref s0, (nint)(unchecked((ulong)v - min) >> shift));
            if (k != 0)
            {
                target[next[k - 1]++] = v;
            }
        }
    }

    /// <summary>
    /// Linear interpolation in seconds, evaluated as numpy's <c>_lerp</c> does (<c>a + (b − a)·t</c>, or <c>b − (b − a)·(1 − t)</c>
    /// when t ≥ 0.5, which keeps the result monotonic and exact at t = 1), so results match <c>numpy.percentile</c> to the bit.
    /// </summary>
    private static double Interpolate(long lower, long upper, double fraction)
    {
        var a = Durations.ToSeconds(lower);
        var b = Durations.ToSeconds(upper);
        var difference = b - a;
        return fraction >= 0.5 ? b - (difference * (1 - fraction)) : a + (difference * fraction);
    }
}
