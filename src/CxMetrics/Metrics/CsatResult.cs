namespace CxMetrics;

/// <summary>CSAT of a set of contacts. Every value is <see langword="null"/> when there are no responses.</summary>
/// <param name="Responses">Rows with a CSAT answer.</param>
/// <param name="Satisfied">Answers at or above the satisfied threshold.</param>
/// <param name="Percent">100 · satisfied / responses (top-box percentage).</param>
/// <param name="Mean">The mean answer on the scale.</param>
/// <param name="Ci95">The 95% Wilson interval of <paramref name="Percent"/>.</param>
public readonly record struct CsatResult(long Responses, long Satisfied, double? Percent, double? Mean, ConfidenceInterval? Ci95);
