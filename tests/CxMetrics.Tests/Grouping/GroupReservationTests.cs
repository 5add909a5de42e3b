using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// A first batch reserves its group arrays once, for the distinct cells expected when rows fall on cells uniformly
/// (<c>MetricsAccumulator.ExpectedCells</c>): never more than the cells, the rows or 65,536, and close to what a uniform
/// batch really has (a smaller estimate only means one growth of the arrays; results never depend on it).
/// </summary>
public class GroupReservationTests
{
    /// <summary>Hand-checked: agent x day over 90 days (501 x 91 cells) at 50,000 rows: 45,591 · (1 − e^(−50,000/45,591)) = 30,365.03, · 1.05 + 64 = 31,947.3 → 31,948.</summary>
    [Fact]
    public void ExpectedCells_HandChecked()
    {
        Assert.Equal(31_948, MetricsAccumulator.ExpectedCells(501 * 91, 50_000));
        Assert.Equal(546, MetricsAccumulator.ExpectedCells(546, 1_000_000)); // channel x day: every cell
        Assert.Equal(45_591, MetricsAccumulator.ExpectedCells(501 * 91, 1_000_000));
        Assert.Equal(1 << 16, MetricsAccumulator.ExpectedCells(1L << 30, 1_000_000));
        Assert.Equal(10, MetricsAccumulator.ExpectedCells(1_000, 10));
        Assert.Equal(1, MetricsAccumulator.ExpectedCells(1, 1));
    }

    /// <summary>Within the bounds for any sizes, and at least the distinct cells of a uniform random batch in practice (checked by drawing one).</summary>
    [Property(MaxTest = 100)]
    public void ExpectedCells_WithinBounds_AndCoversAUniformBatch(int seed)
    {
        var random = new Random(seed);
        var cells = random.Next(1, 20_000);
        var rows = random.Next(1, 60_000);
        var expected = MetricsAccumulator.ExpectedCells(cells, rows);
        Assert.InRange(expected, 1, Math.Min(cells, Math.Min(rows, 1 << 16)));
        var seen = new HashSet<int>();
        for (var i = 0; i < rows; i++)
        {
            seen.Add(random.Next(cells));
        }

        Assert.True(seen.Count <= expected, $"{cells} cells, {rows} rows: {seen.Count} distinct, reserved {expected}");
    }
}
