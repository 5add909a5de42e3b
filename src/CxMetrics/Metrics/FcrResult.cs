namespace CxMetrics;

/// <summary>First contact resolution of a set of contacts. <see cref="Percent"/> and <see cref="Ci95"/> are <see langword="null"/> when nothing is known.</summary>
/// <param name="Known">Rows whose resolution is known (flag 0 or 1, or, in repeat-contact mode, not censored).</param>
/// <param name="Resolved">Rows resolved at first contact.</param>
/// <param name="Percent">100 · resolved / known.</param>
/// <param name="Ci95">The 95% Wilson interval of <paramref name="Percent"/>.</param>
/// <param name="Censored">In repeat-contact mode, rows too recent to judge (excluded from <paramref name="Known"/>); otherwise <see langword="null"/>.</param>
public readonly record struct FcrResult(long Known, long Resolved, double? Percent, ConfidenceInterval? Ci95, long? Censored = null);
