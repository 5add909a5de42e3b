using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>
/// The dense cell of a row for at most one key column and a UTC period: <c>(period ordinal + 1) + (code + 1) ·
/// multiplier</c>, the period ordinal looked up by UTC day (0 for an unknown opened_at or without a period).
/// </summary>
internal readonly struct DenseCells(ReadOnlyMemory<long> openedAt, int[]? dayOrdinal, int firstDay, ReadOnlyMemory<int> codes, int keyCount, int multiplier)
{
    /// <summary>The opened_at column (empty without a period).</summary>
    public ReadOnlySpan<long> Instants => openedAt.Span;

    /// <summary>The key column's codes (empty without a key column).</summary>
    public ReadOnlySpan<int> Keys => codes.Span;

    /// <summary>
    /// Writes the cells of rows [<paramref name="start"/>, <paramref name="end"/>) to <paramref name="cells"/> and marks
    /// each first seen cell of <paramref name="map"/> (−1) with −2 (only written when unmarked: threads share the map).
    /// Returns the first row whose key code is outside the dictionary, or −1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Mark(int start, int end, int[] cells, int[] map)
    {
        var instants = openedAt.Span;
        var keys = codes.Span;
        for (var i = start; i < end; i++)
        {
            var d = Cell(i, instants, keys);
            if (d < 0)
            {
                return i;
            }

            cells[i] = d;
            if (map[d] == -1)
            {
                map[d] = -2;
            }
        }

        return -1;
    }

    /// <summary>The cell of row <paramref name="i"/> (<paramref name="instants"/> = <see cref="Instants"/>, <paramref name="keys"/> = <see cref="Keys"/>), or −1 when its key code is outside the dictionary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Cell(int i, ReadOnlySpan<long> instants, ReadOnlySpan<int> keys)
    {
        var d = 0; // period ordinal + 1 (0 = unknown)
        if (dayOrdinal is not null)
        {
            var t = instants[i];
            if (t >= 0)
            {
                d = dayOrdinal[(int)((ulong)t / PeriodCalendar.TicksPerDay) - firstDay] + 1;
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
