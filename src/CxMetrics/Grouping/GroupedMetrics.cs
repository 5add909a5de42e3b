namespace CxMetrics;

/// <summary>Grouped metrics: the overall metrics of every contact beside one entry per group that occurs.</summary>
/// <param name="Overall">The metrics of every contact added (all groups together).</param>
/// <param name="Groups">
/// The groups, ordered by their key tuple: keys in <see cref="GroupingOptions.Keys"/> order, unknown (<see langword="null"/>)
/// first, then texts by ordinal (code point, case-sensitive) comparison; then the period, unknown first, then ascending in time.
/// Only combinations that occur are listed. Empty when neither keys nor a period were asked.
/// </param>
public sealed record GroupedMetrics(InteractionMetrics Overall, IReadOnlyList<MetricsGroup> Groups)
{
    /// <summary>The threshold <see cref="IsSmallSample"/> compares with (<see cref="GroupingOptions.SmallSampleThreshold"/>, default 30).</summary>
    public int SmallSampleThreshold { get; init; } = 30;

    /// <summary>
    /// Whether a metric computed from <paramref name="n"/> responses (CSAT, NPS, CES), known rows (FCR), handled rows (AHT)
    /// or measured rows (SLA, response and resolution times) is a small sample: <c>n &lt; <see cref="SmallSampleThreshold"/></c>.
    /// Writers report it as <c>"small_sample": true|false</c>.
    /// </summary>
    /// <param name="n">The metric's count: e.g. <see cref="NpsResult.Responses"/> or <see cref="DurationResult.Measured"/>.</param>
    /// <returns><see langword="true"/> when the sample is small.</returns>
    public bool IsSmallSample(long n) => n < SmallSampleThreshold;

    /// <summary>Computes grouped metrics of one batch in one pass (in parallel on large batches; the result does not depend on it).</summary>
    /// <param name="batch">The contacts.</param>
    /// <param name="metrics">The metric definitions.</param>
    /// <param name="grouping">How to group.</param>
    /// <returns>The overall and per-group metrics.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or a key code is outside its dictionary.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside its scale, a duration above <see cref="Durations.MaxTicks"/> or an instant outside <see cref="DateTime"/>'s range.</exception>
    public static GroupedMetrics Compute(InteractionBatch batch, MetricOptions metrics, GroupingOptions grouping)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(grouping);
        return Internal.ParallelGrouping.Compute(batch, metrics, grouping, Environment.ProcessorCount);
    }
}
