namespace CxMetrics;

/// <summary>The metrics of one group: one combination of key texts and period that occurs in the data.</summary>
/// <param name="Keys">One text per <see cref="GroupingOptions.Keys"/> entry, in that order; <see langword="null"/> = unknown.</param>
/// <param name="Period">The period label (<c>2026-10-05</c>, <c>2026-W41</c>, <c>2026-10</c>); <see langword="null"/> when no period was asked or opened_at is unknown.</param>
/// <param name="Metrics">The metrics of the group's contacts, exactly as <see cref="InteractionMetrics.Compute(InteractionBatch, MetricOptions)"/> gives for those rows.</param>
public sealed record MetricsGroup(IReadOnlyList<string?> Keys, string? Period, InteractionMetrics Metrics);
