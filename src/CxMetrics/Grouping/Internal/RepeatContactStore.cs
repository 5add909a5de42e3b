using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// What repeat-contact FCR needs, kept per row because it can only be decided once the data's latest instant is
/// known: (customer code in the accumulator's customer dictionary, opened_at, group id). 16 bytes per row.
/// </summary>
internal sealed class RepeatContactStore
{
    public int[] Customer = [];
    public long[] OpenedAt = [];
    public int[] Group = [];

    public int Count { get; private set; }

    public KeyTextDictionary Customers { get; } = new();

    public void Append(int customer, long openedAt, int group)
    {
        if (Count == Customer.Length)
        {
            var capacity = Math.Max(1024, Count * 2);
            Array.Resize(ref Customer, capacity);
            Array.Resize(ref OpenedAt, capacity);
            Array.Resize(ref Group, capacity);
        }

        Customer[Count] = customer;
        OpenedAt[Count] = openedAt;
        Group[Count] = group;
        Count++;
    }

    public void Reserve(int more)
    {
        var needed = Count + more;
        if (needed > Customer.Length)
        {
            var capacity = Math.Max(needed, Count * 2);
            Array.Resize(ref Customer, capacity);
            Array.Resize(ref OpenedAt, capacity);
            Array.Resize(ref Group, capacity);
        }
    }

    /// <summary>
    /// Decides every kept row: censored when opened_at + window is after <paramref name="latest"/>; otherwise resolved
    /// when the same customer opens no other contact in (opened_at, opened_at + window]. Adds to per-group counts
    /// (<c>fcr[g · 2 + resolved]</c>) and per-group censored counts.
    /// </summary>
    public void Decide(long window, long latest, Span<long> fcr, Span<long> censored)
    {
        var n = Count;
        if (n == 0)
        {
            return;
        }

        // Counting sort by customer, then sort each customer's contacts by time (pooled buffers).
        var customers = Customers.Count;
        var pool = ArrayPool<int>.Shared;
        var start = pool.Rent(customers + 1);
        var times = ArrayPool<long>.Shared.Rent(n);
        var groups = pool.Rent(n);
        try
        {
            start.AsSpan(0, customers + 1).Clear();
            for (var i = 0; i < n; i++)
            {
                start[Customer[i] + 1]++;
            }

            for (var c = 0; c < customers; c++)
            {
                start[c + 1] += start[c];
            }

            for (var i = 0; i < n; i++)
            {
                var at = start[Customer[i]]++;
                times[at] = OpenedAt[i];
                groups[at] = Group[i];
            }

            // start[c] is now the end of customer c; the start is start[c - 1] (0 for c = 0).
            var from = 0;
            for (var c = 0; c < customers; c++)
            {
                var to = start[c];
                if (to - from > 1)
                {
                    times.AsSpan(from, to - from).Sort(groups.AsSpan(from, to - from));
                }

                DecideCustomer(times.AsSpan(from, to - from), groups.AsSpan(from, to - from), window, latest, fcr, censored);
                from = to;
            }
        }
        finally
        {
            pool.Return(start);
            pool.Return(groups);
            ArrayPool<long>.Shared.Return(times);
        }
    }

    private static void DecideCustomer(ReadOnlySpan<long> times, ReadOnlySpan<int> groups, long window, long latest, Span<long> fcr, Span<long> censored)
    {
        var i = 0;
        while (i < times.Length)
        {
            // Contacts at the same instant do not repeat each other: the next contact is the first strictly later one.
            var t = times[i];
            var j = i + 1;
            while (j < times.Length && times[j] == t)
            {
                j++;
            }

            var isCensored = t > latest - window;
            var resolved = j == times.Length || times[j] - t > window;
            for (var k = i; k < j; k++)
            {
                if (isCensored)
                {
                    censored[groups[k]]++;
                }
                else
                {
                    fcr[(groups[k] * 2) + (resolved ? 1 : 0)]++;
                }
            }

            i = j;
        }
    }
}
