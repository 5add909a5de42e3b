using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// The vectorized dense cells (UTC day by a double estimate and an exact correction, period ordinal by gather) equal
/// the row loop, at midnights ± 1 tick, at the ends of DateTime's range, with unknown instants and bad key codes.
/// </summary>
[Trait("Category", "Kernel")]
public class DenseCellsTests
{
    /// <summary>The double estimate of the day is exact at every midnight of DateTime's range and at the last tick before it.</summary>
    [Fact]
    public void DenseCells_Cells_EveryMidnightAndTheTickBefore()
    {
        const int chunk = 1 << 18;
        for (var firstDay = 0; firstDay <= PeriodCalendar.MaxDay; firstDay += chunk)
        {
            var days = Math.Min(chunk, PeriodCalendar.MaxDay - firstDay + 1);
            var instants = new long[2 * days];
            for (var k = 0; k < days; k++)
            {
                var midnight = (long)(firstDay + k) * TimeSpan.TicksPerDay;
                instants[2 * k] = midnight;
                instants[(2 * k) + 1] = Math.Max(midnight - 1, 0);
            }

            var keys = new List<long>();
            var table = RowPeriods.UtcDayOrdinals(Math.Min(instants[0], instants[1]), instants[^2], PeriodUnit.Day, keys, out var first);
            var cells = new int[instants.Length];
            var dense = new DenseCells(instants, table, first, (int)(instants[^2] / TimeSpan.TicksPerDay) - first + 1, default, 0, 0);
            Assert.Equal(-1, dense.Cells(0, instants.Length, cells));
            Assert.False(dense.OutsideRange);
            for (var i = 0; i < instants.Length; i++)
            {
                // Each day is its own period: ordinal = day - first day, cell = ordinal + 1.
                Assert.Equal((int)(instants[i] / TimeSpan.TicksPerDay) - first + 1, cells[i]);
            }

            System.Buffers.ArrayPool<int>.Shared.Return(table);
        }
    }

    /// <summary>The week division by multiply and shift is exact for every day index (plus offset) it is used for.</summary>
    [Fact]
    public void WeekDivision_IsExactBelowTheLimit()
    {
        // Used only for day index + offset below the limit (WeekOffset: days + 6 < limit); a few past it, it is off by one.
        for (var x = 0; x < DenseCells.WeekDivisionDays; x++)
        {
            Assert.Equal(x / 7, (int)((uint)(x * 37_450) >> 18));
        }

        Assert.NotEqual(43_693 / 7, (int)((uint)(43_693 * 37_450) >> 18));
        Assert.Equal(-1, DenseCells.WeekOffset(0, DenseCells.WeekDivisionDays - 6));
        Assert.Equal(0, DenseCells.WeekOffset(0, DenseCells.WeekDivisionDays - 7));
        Assert.Equal(3, DenseCells.WeekOffset(3, 10)); // 0001-01-04 is a Thursday: three days past its Monday
    }

    [Property(MaxTest = 200)]
    public void DenseCells_Cells_VectorizedEqualsRowLoop(int seed)
    {
        var random = new Random(seed);
        int[] lengths = [0, 1, 7, 8, 9, 17, random.Next(0, 3000)];
        var n = lengths[random.Next(lengths.Length)];
        var unit = (PeriodUnit)random.Next(1, 4);
        // A range of days somewhere in DateTime's range (often near its ends).
        // Sometimes around the longest span whose weeks the multiply-shift divides (DenseCells.WeekDivisionDays).
        var spanDays = random.Next(8) == 0 ? random.Next(DenseCells.WeekDivisionDays - 20, DenseCells.WeekDivisionDays + 20) : 1 + random.Next(400);
        var firstDay = random.Next(4) switch
        {
            0 => 0,
            1 => PeriodCalendar.MaxDay - spanDays,
            _ => random.Next(PeriodCalendar.MaxDay - spanDays),
        };
        var unknownRate = random.NextDouble() * 0.5;
        var instants = new long[n];
        for (var i = 0; i < n; i++)
        {
            var day = (long)(firstDay + random.Next(spanDays));
            instants[i] = random.NextDouble() < unknownRate
                ? (random.Next(2) == 0 ? Missing.Instant : -1 - random.Next(1000))
                : random.Next(4) switch
                {
                    0 => day * TimeSpan.TicksPerDay,                          // midnight
                    1 => Math.Max((day * TimeSpan.TicksPerDay) - 1, 0),       // a tick before
                    2 => Math.Min((day * TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay - 1, DateTime.MaxValue.Ticks),
                    _ => (day * TimeSpan.TicksPerDay) + random.NextInt64(TimeSpan.TicksPerDay),
                };
            instants[i] = Math.Min(instants[i], DateTime.MaxValue.Ticks);
        }

        var keyCount = 1 + random.Next(600);
        var withKey = random.Next(4) != 0;
        var codes = new int[withKey ? n : 0];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = random.Next(-1, keyCount);
        }

        if (codes.Length > 0 && random.Next(3) == 0)
        {
            codes[random.Next(codes.Length)] = random.Next(2) == 0 ? keyCount + random.Next(5) : -2 - random.Next(5);
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var t in instants)
        {
            if (t >= 0)
            {
                min = Math.Min(min, t);
                max = Math.Max(max, t);
            }
        }

        var withTime = max >= 0 && random.Next(5) != 0;
        if (withTime && random.Next(3) == 0)
        {
            // A guessed range (InstantRange.Guess) that may leave rows out: any part of the instants' range.
            min = min + random.NextInt64(max - min + 1);
            max = min + random.NextInt64(max - min + 1);
        }

        var keys = new List<long>();
        var first = 0;
        var table = withTime ? RowPeriods.UtcDayOrdinals(min, max, unit, keys, out first) : null;
        var days = withTime ? (int)(max / TimeSpan.TicksPerDay) - first + 1 : 0;
        var multiplier = keys.Count + 1;
        // Day and week periods take the vectorized loop's paths without the gather; the row loop still reads the table.
        var weekOffset = unit == PeriodUnit.Week && withTime ? DenseCells.WeekOffset(first, days) : -1;
        DenseCells Space() => new(withTime ? instants : default, table, first, days, withKey ? codes : default, keyCount, multiplier,
            dayIsPeriod: unit == PeriodUnit.Day, weekOffset: weekOffset);
        var rowLoop = Space();
        var vectorized = Space();

        var expected = new int[n];
        var actual = new int[n];
        var expectedBad = rowLoop.Cells(0, n, expected, vectorize: false);
        var actualBad = vectorized.Cells(0, n, actual);
        Assert.Equal(expectedBad, actualBad);
        var written = expectedBad >= 0 ? expectedBad : n;
        Assert.Equal(expected.AsSpan(0, written).ToArray(), actual.AsSpan(0, written).ToArray());

        // The row loop itself against the definition: day = floor(ticks / ticks per day); a day outside the table is
        // reported (and its cell kept inside the cell space, on the table's last day).
        var outside = false;
        var cellCount = multiplier * (withKey ? keyCount + 1 : 1);
        for (var i = 0; i < written; i++)
        {
            var day = withTime && instants[i] >= 0 ? (int)(instants[i] / TimeSpan.TicksPerDay) - first : -1;
            if (day >= days || (withTime && instants[i] >= 0 && day < 0))
            {
                outside = true;
                Assert.InRange(expected[i], 0, cellCount - 1);
                continue;
            }

            var ordinal = day >= 0 ? table![day] + 1 : 0;
            Assert.Equal(ordinal + (withKey ? (codes[i] + 1) * multiplier : 0), expected[i]);
        }

        Assert.Equal(outside, rowLoop.OutsideRange);
        if (expectedBad < 0)
        {
            Assert.Equal(outside, vectorized.OutsideRange);
        }
        else
        {
            // The vector loop looks at whole vectors: it may also see a row of the bad row's vector past it.
            Assert.True(!outside || vectorized.OutsideRange);
        }
    }
}
