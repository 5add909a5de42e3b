namespace CxMetrics.Internal;

/// <summary>The p50 and p90 of the three duration metrics, ready for <see cref="InteractionMetrics.Finish"/>.</summary>
internal readonly record struct DurationPercentiles(
    (double? P50, double? P90) Handle,
    (double? P50, double? P90) FirstResponse,
    (double? P50, double? P90) Resolution);
