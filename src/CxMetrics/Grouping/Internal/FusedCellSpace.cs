using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// One batch's dense cell space for the fused assignment (at most one key column, UTC periods): how to compute a row's
/// cell (<see cref="Cells"/>), how many cells there are, and what resolving a cell to a group needs (the cell → group
/// map, the batch-code remaps and the multipliers). Owns two pooled arrays, returned by <see cref="Dispose"/>.
/// </summary>
internal sealed class FusedCellSpace(DenseCells cells, int count, int key, int[][] remaps, int[] multiplier, int[]? dayOrdinal) : IDisposable
{
    private int[]? _map = Rent(count);
    private int[]? _dayOrdinal = dayOrdinal;

    /// <summary>Computes the cells of rows.</summary>
    public DenseCells Cells { get; } = cells;

    /// <summary>Number of dense cells.</summary>
    public int Count { get; } = count;

    /// <summary>The present key column's index in the grouping's keys, or −1 (no key column present).</summary>
    public int Key { get; } = key;

    /// <summary>Per key column, the batch code → accumulator key index (<c>int.MinValue</c> = not resolved yet).</summary>
    public int[][] Remaps { get; } = remaps;

    /// <summary>Per key column, the multiplier of its code + 1 in the cell number.</summary>
    public int[] Multiplier { get; } = multiplier;

    /// <summary>Cell → group id; −1 = no row seen yet (−2 = marked by <see cref="DenseCells.Mark"/>).</summary>
    public int[] Map => _map ?? throw new ObjectDisposedException(nameof(FusedCellSpace));

    /// <summary>Hands the cell → group map (a pooled array) to the caller, who returns it to the pool; the space no longer owns it.</summary>
    public int[] TakeMap()
    {
        var map = Map;
        _map = null;
        return map;
    }

    public void Dispose()
    {
        if (_map is not null)
        {
            ArrayPool<int>.Shared.Return(_map);
            _map = null;
        }

        if (_dayOrdinal is not null)
        {
            ArrayPool<int>.Shared.Return(_dayOrdinal);
            _dayOrdinal = null;
        }
    }

    private static int[] Rent(int count)
    {
        var map = ArrayPool<int>.Shared.Rent(count);
        map.AsSpan(0, count).Fill(-1);
        return map;
    }
}
