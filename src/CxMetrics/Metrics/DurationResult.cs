namespace CxMetrics;

/// <summary>
/// Mean and exact percentiles of a duration (handle time, time to first response, time to resolution), in seconds.
/// Every value is <see langword="null"/> when nothing was measured; the percentiles are also null when they were not asked for.
/// </summary>
/// <param name="Measured">Rows with the duration (for handle time: rows with talk time).</param>
/// <param name="MeanSeconds">The arithmetic mean.</param>
/// <param name="P50Seconds">The median, linear interpolation between closest ranks (numpy's default, Excel PERCENTILE.INC).</param>
/// <param name="P90Seconds">The 90th percentile, same rule.</param>
public readonly record struct DurationResult(long Measured, double? MeanSeconds, double? P50Seconds, double? P90Seconds);
