namespace CxMetrics;

/// <summary>First-response SLA breaches of a set of contacts. <see cref="BreachPercent"/> and <see cref="Ci95"/> are <see langword="null"/> when nothing was measured.</summary>
/// <param name="Measured">Rows with a first-response time and a target (their own, else the policy's for their priority).</param>
/// <param name="Breached">Measured rows whose first response is strictly greater than the target.</param>
/// <param name="BreachPercent">100 · breached / measured.</param>
/// <param name="Ci95">The 95% Wilson interval of <paramref name="BreachPercent"/>.</param>
public readonly record struct SlaResult(long Measured, long Breached, double? BreachPercent, ConfidenceInterval? Ci95);
