using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CxMetrics.Internal;

/// <summary>
/// The dense cell of a row for at most one key column and a UTC period: <c>(period ordinal + 1) + (code + 1) ·
/// multiplier</c>, the period ordinal looked up by UTC day (0 for an unknown opened_at or without a period) in a table of
/// <c>days</c> days from <c>firstDay</c>.
/// </summary>
/// <remarks>
/// <para>The table may come from a range guessed from a sample of the rows (<see cref="InstantRange.Guess"/>): a known
/// instant on a day outside it sets <see cref="OutsideRange"/> (shared by every copy of this value and every thread) and
/// is counted on the table's last day (as the vector loop's unsigned min does), so its cell stays within the cell space;
/// the caller discards the cells and starts again from the exact range. Two instructions per eight rows (an unsigned max
/// and min) instead of a pass over opened_at for its range before the cells (measured 0 to 0.4 ms of channel × day's
/// 4.6-5.7 ms on one thread in four A/B runs; docs/grouping-performance-log.md, "Eighteenth session").</para>
/// <para>
/// <c>dayIsPeriod</c>: the periods are days, so <c>dayOrdinal</c> is the identity (day − first day) and the vectorized
/// loop skips its gather (one AVX2 gather per eight rows, the costliest instruction of the loop). <c>weekOffset</c>
/// (from <see cref="WeekOffset"/>, −1 = not used): the periods are ISO weeks, so the ordinal of day index i is
/// (i + weekOffset) / 7, computed by a multiply and a shift instead of the gather.</para>
/// </remarks>
internal readonly struct DenseCells(ReadOnlyMemory<long> openedAt, int[]? dayOrdinal, int firstDay, int days, ReadOnlyMemory<int> codes, int keyCount, int multiplier,
    bool dayIsPeriod = false, int weekOffset = -1)
{
    private readonly StrongBox<bool> _outside = new();

    /// <summary>Whether a known instant fell on a day outside the table (the cells written since are not to be used).</summary>
    public bool OutsideRange => _outside.Value;

    /// <summary>
    /// Days below this (from the first day, plus the offset) divide by 7 exactly as <c>(x · 37,450) &gt;&gt; 18</c>: the
    /// factor exceeds 2^18 / 7 by 3.3e-6 of x, which stays below the 1/7 that floor needs, and x · 37,450 fits an int.
    /// </summary>
    public const int WeekDivisionDays = 43_690;

    /// <summary>
    /// For ISO-week periods over <paramref name="days"/> days from <paramref name="firstDay"/> (days since 0001-01-01, a
    /// Monday): how many days the first day is past its week's Monday, so that the week ordinal of day index i is
    /// (i + offset) / 7; −1 when the span is too long for the multiply-shift division (<see cref="WeekDivisionDays"/>).
    /// </summary>
    public static int WeekOffset(int firstDay, int days) => days + 6 < WeekDivisionDays ? firstDay % 7 : -1;

    /// <summary>The divisor left after shifting the ticks of a day (864,000,000,000 = 2^14 · 52,734,375) right by 14.</summary>
    public const long DayDivisor = 52_734_375;

    /// <summary>
    /// Writes the cells of rows [<paramref name="start"/>, <paramref name="end"/>) to <paramref name="cells"/> (row i at
    /// <c>cells[i − start]</c>), eight rows per iteration where AVX2 is available (<paramref name="vectorize"/> = false
    /// forces the row loop: tests compare both). Returns the first row whose key code is outside the dictionary (cells up
    /// to it written, the rest not), or −1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe int Cells(int start, int end, Span<int> cells, bool vectorize = true)
    {
        var instants = openedAt.Span;
        var keys = codes.Span;
        var i = start;
        if (vectorize && Avx2.IsSupported && end - start >= 8)
        {
            var hasTime = dayOrdinal is not null;
            var hasKey = !keys.IsEmpty;
            var table = hasTime ? dayOrdinal! : [0];
            ref var t0 = ref MemoryMarshal.GetReference(instants);
            ref var k0 = ref MemoryMarshal.GetReference(keys);
            var first = Vector256.Create((long)firstDay);
            var inverse = Vector256.Create(1.0 / DayDivisor);
            var magic = Vector256.Create(0x4330000000000000L); // 2^52 as a double: exact integer <-> double for values below 2^52
            var two52 = Vector256.Create(4503599627370496.0);
            var one = Vector256.Create(1);
            var count = Vector256.Create((uint)keyCount);
            var multiply = Vector256.Create(multiplier);
            var offset = Vector256.Create(Math.Max(weekOffset, 0));
            var weekFactor = Vector256.Create(37_450);
            var lastDay = Vector256.Create((uint)Math.Max(days - 1, 0));
            var highest = Vector256<uint>.Zero; // the largest day index seen, unsigned: a day before the first is huge
            fixed (int* ordinals = table)
            {
                for (; i + 8 <= end; i += 8)
                {
                    var d = Vector256<int>.Zero; // period ordinal + 1 (0 = unknown)
                    if (hasTime)
                    {
                        var a = Vector256.LoadUnsafe(ref t0, (nuint)i);
                        var b = Vector256.LoadUnsafe(ref t0, (nuint)(i + 4));
                        var known = Vector256.Narrow(Vector256.GreaterThanOrEqual(a, Vector256<long>.Zero), Vector256.GreaterThanOrEqual(b, Vector256<long>.Zero));
                        var index = (Vector256.Narrow(Day(a, inverse, magic, two52) - first, Day(b, inverse, magic, two52) - first) & known).AsUInt32();
                        highest = Vector256.Max(highest, index);
                        index = Vector256.Min(index, lastDay);
                        var ordinal = dayIsPeriod ? index.AsInt32()
                            : weekOffset >= 0 ? Vector256.ShiftRightLogical((index.AsInt32() + offset) * weekFactor, 18)
                            : Avx2.GatherVector256(ordinals, index.AsInt32(), 4);
                        d = (ordinal + one) & known;
                    }

                    if (hasKey)
                    {
                        var c = Vector256.LoadUnsafe(ref k0, (nuint)i) + one;
                        if (Vector256.GreaterThanAny(c.AsUInt32(), count))
                        {
                            break; // the row loop below finds the first bad row
                        }

                        d += c * multiply;
                    }

                    d.StoreUnsafe(ref MemoryMarshal.GetReference(cells), (nuint)(i - start));
                }
            }

            if (Vector256.GreaterThanAny(highest, lastDay))
            {
                _outside.Value = true;
            }
        }

        for (; i < end; i++)
        {
            var d = Cell(i, instants, keys);
            if (d < 0)
            {
                return i;
            }

            cells[i - start] = d;
        }

        return -1;
    }

    /// <summary>
    /// The UTC day of four known (non-negative) instants: floor((t &gt;&gt; 14) · (1 / 52,734,375)) in double. Exact for
    /// every instant of DateTime's range: t &gt;&gt; 14 is below 2^48, so it converts to double exactly; away from a
    /// multiple of the divisor the quotient is at least 1/52,734,375 ≈ 1.9e-8 from an integer while the product's rounding
    /// error is below 8e-10; at the multiples themselves and one below them (midnight and the ticks before it) the result
    /// was checked for every day from 0001-01-01 to 9999-12-31 (<c>DenseCellsTests</c> does so at every test run).
    /// Lanes of unknown instants hold garbage (masked by the caller).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Day(Vector256<long> ticks, Vector256<double> inverse, Vector256<long> magic, Vector256<double> two52)
    {
        var u = Vector256.ShiftRightLogical(ticks, 14); // below 2^49
        var ud = (u | magic).AsDouble() - two52;
        return (Vector256.Floor(ud * inverse) + two52).AsInt64() - magic;
    }

    /// <summary>
    /// Writes the cells of rows [<paramref name="start"/>, <paramref name="end"/>) to <paramref name="cells"/> and marks
    /// each first seen cell of <paramref name="map"/> (−1) with −2 (only written when unmarked: threads share the map).
    /// Returns the first row whose key code is outside the dictionary, or −1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Mark(int start, int end, int[] cells, int[] map)
    {
        var bad = Cells(start, end, cells.AsSpan(start));
        var last = bad >= 0 ? bad : end;
        for (var i = start; i < last; i++)
        {
            var d = cells[i];
            if (map[d] == -1)
            {
                map[d] = -2;
            }
        }

        return bad;
    }

    /// <summary>The opened_at column the cells are computed from (empty without a period).</summary>
    public ReadOnlySpan<long> Instants => dayOrdinal is null ? default : openedAt.Span;

    /// <summary>The key codes the cells are computed from (empty without a key column).</summary>
    public ReadOnlySpan<int> Codes => codes.Span;

    /// <summary>Rows per block of <see cref="MapKnownToGroups"/>.</summary>
    public const int MapBlock = 8;

    /// <summary>
    /// Replaces rows' cells by their groups (<c>map[cell]</c>) block by block of <see cref="MapBlock"/> rows (one AVX2
    /// gather each) up to the first block with a cell that has no group yet (a negative entry), and returns how many rows
    /// were mapped (a multiple of the block, or every row). The caller resolves that block's cells row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe int MapKnownToGroups(Span<int> rows, int[] map)
    {
        var i = 0;
        if (!Avx2.IsSupported)
        {
            return 0;
        }

        // Every cell comes from Cells, which checked the key codes: each is an index into the map.
        ref var r0 = ref MemoryMarshal.GetReference(rows);
        fixed (int* groups = map)
        {
            for (; i + MapBlock <= rows.Length; i += MapBlock)
            {
                var g = Avx2.GatherVector256(groups, Vector256.LoadUnsafe(ref r0, (nuint)i), 4);
                if (Vector256.LessThanAny(g, Vector256<int>.Zero))
                {
                    return i;
                }

                g.StoreUnsafe(ref r0, (nuint)i);
            }
        }

        return i;
    }

    /// <summary>The cell of row <paramref name="i"/> (<paramref name="instants"/>: opened_at, <paramref name="keys"/>: the key codes), or −1 when its key code is outside the dictionary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Cell(int i, ReadOnlySpan<long> instants, ReadOnlySpan<int> keys)
    {
        var d = 0; // period ordinal + 1 (0 = unknown)
        if (dayOrdinal is not null)
        {
            var t = instants[i];
            if (t >= 0)
            {
                var day = (int)((ulong)t / PeriodCalendar.TicksPerDay) - firstDay;
                if ((uint)day >= (uint)days)
                {
                    _outside.Value = true;
                    day = days - 1;
                }

                d = dayOrdinal[day] + 1;
            }
        }

        if (!keys.IsEmpty)
        {
            var c = keys[i] + 1;
            if ((uint)c > (uint)keyCount)
            {
                return -1;
            }

            d += c * multiplier;
        }

        return d;
    }
}
