using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// Computes each row's period within a batch: a batch ordinal (0, 1, ... in time order, −1 for an unknown opened_at)
/// and the period key of every ordinal. Offsets of a time zone are read once per UTC day of the batch's range
/// (with the exact transition instant inside a day that has one), never per row.
/// </summary>
internal static class RowPeriods
{
    // openedAt: UTC ticks, negative = unknown; min and max: the smallest and largest known instant of the batch.
    public static void Compute(ReadOnlySpan<long> openedAt, long min, long max, PeriodUnit unit, TimeZoneInfo zone, Span<int> ordinals, List<long> keys)
    {
        keys.Clear();
        var d0 = (int)(min / PeriodCalendar.TicksPerDay);
        var d1 = (int)(max / PeriodCalendar.TicksPerDay);
        var utc = PeriodCalendar.IsUtc(zone);
        var ld0 = utc ? d0 : Math.Max(d0 - 1, 0);
        var ld1 = utc ? d1 : Math.Min(d1 + 1, PeriodCalendar.MaxDay);
        var localDays = ld1 - ld0 + 1;
        var dayOrdinal = DayOrdinals(ld0, localDays, unit, keys);
        try
        {
            if (utc)
            {
                AssignUtc(openedAt, dayOrdinal, ld0, ordinals);
            }
            else
            {
                AssignZoned(openedAt, d0, d1, zone, dayOrdinal, ld0, localDays, ordinals);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(dayOrdinal);
        }
    }

    /// <summary>
    /// For a UTC calendar: the period ordinal of every UTC day from <paramref name="firstDay"/> (the day of
    /// <paramref name="min"/>) to the day of <paramref name="max"/>, and the period key of every ordinal in
    /// <paramref name="keys"/>. The caller returns the array to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static int[] UtcDayOrdinals(long min, long max, PeriodUnit unit, List<long> keys, out int firstDay)
    {
        keys.Clear();
        firstDay = (int)(min / PeriodCalendar.TicksPerDay);
        return DayOrdinals(firstDay, (int)(max / PeriodCalendar.TicksPerDay) - firstDay + 1, unit, keys);
    }

    /// <summary>The period ordinal of each of <paramref name="days"/> days from <paramref name="firstDay"/>, appending each new period key to <paramref name="keys"/> (rented array).</summary>
    private static int[] DayOrdinals(int firstDay, int days, PeriodUnit unit, List<long> keys)
    {
        var dayOrdinal = ArrayPool<int>.Shared.Rent(days);
        long previous = long.MinValue;
        for (var d = 0; d < days; d++)
        {
            var key = PeriodCalendar.KeyOfDay(unit, firstDay + d);
            if (key != previous)
            {
                keys.Add(key);
                previous = key;
            }

            dayOrdinal[d] = keys.Count - 1;
        }

        return dayOrdinal;
    }

    private static void AssignUtc(ReadOnlySpan<long> openedAt, int[] dayOrdinal, int ld0, Span<int> ordinals)
    {
        for (var i = 0; i < openedAt.Length; i++)
        {
            var t = openedAt[i];
            ordinals[i] = t < 0 ? -1 : dayOrdinal[(int)(t / PeriodCalendar.TicksPerDay) - ld0];
        }
    }

    private static void AssignZoned(ReadOnlySpan<long> openedAt, int d0, int d1, TimeZoneInfo zone, int[] dayOrdinal, int ld0, int localDays, Span<int> ordinals)
    {
        var days = d1 - d0 + 1;
        var pool = ArrayPool<long>.Shared;
        var transition = pool.Rent(days);
        var before = pool.Rent(days);
        var after = pool.Rent(days);
        try
        {
            for (var d = 0; d < days; d++)
            {
                var start = (d0 + d) * PeriodCalendar.TicksPerDay;
                var end = Math.Min(start + PeriodCalendar.TicksPerDay - 1, DateTime.MaxValue.Ticks);
                var a = Offset(zone, start);
                var b = Offset(zone, end);
                before[d] = a;
                after[d] = b;
                transition[d] = a == b ? long.MaxValue : FirstWithOffset(zone, start, end, a);
            }

            var maxLocalDay = localDays - 1;
            for (var i = 0; i < openedAt.Length; i++)
            {
                var t = openedAt[i];
                if (t < 0)
                {
                    ordinals[i] = -1;
                    continue;
                }

                var k = (int)(t / PeriodCalendar.TicksPerDay) - d0;
                var local = t + (t < transition[k] ? before[k] : after[k]);
                var ld = Math.Clamp(local < 0 ? 0 : (int)(local / PeriodCalendar.TicksPerDay), ld0, ld0 + maxLocalDay) - ld0;
                ordinals[i] = dayOrdinal[ld];
            }
        }
        finally
        {
            pool.Return(transition);
            pool.Return(before);
            pool.Return(after);
        }
    }

    private static long Offset(TimeZoneInfo zone, long utcTicks) => zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;

    /// <summary>The first instant in [start, end] whose offset is no longer <paramref name="offsetAtStart"/> (one transition per UTC day at most).</summary>
    private static long FirstWithOffset(TimeZoneInfo zone, long start, long end, long offsetAtStart)
    {
        long lo = start, hi = end; // Offset(lo) == offsetAtStart, Offset(hi) != offsetAtStart.
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Offset(zone, mid) == offsetAtStart)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }
}
