namespace CxMetrics.Internal.Kernels;

/// <summary>
/// What the span-level score metrics need from a score column, without the full histogram: how many answers are
/// missing, how many reach up to two thresholds, and the sum of the answers. Filled by <see cref="ScoreThresholdKernel"/>.
/// </summary>
/// <remarks>
/// Every count is exact only when <see cref="AllValid"/> is true (every byte is <see cref="Missing.Score"/> or in the scale);
/// otherwise the counts are unspecified and the caller must reject the column.
/// </remarks>
internal readonly record struct ScoreThresholdCounts(long Missing, long AtLeastFirst, long AtLeastSecond, long Sum, bool AllValid)
{
    /// <summary>The answered rows of a column of <paramref name="rows"/> rows (valid columns only).</summary>
    public long Responses(int rows) => rows - Missing;
}
