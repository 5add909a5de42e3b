namespace CxMetrics;

/// <summary>NPS of a set of contacts. <see cref="Score"/>, <see cref="StandardError"/> and <see cref="Ci95"/> are <see langword="null"/> when there are no responses.</summary>
/// <param name="Responses">Rows with an NPS answer.</param>
/// <param name="Promoters">Answers in the promoter band (default 9..10).</param>
/// <param name="Passives">Answers between the bands (default 7..8).</param>
/// <param name="Detractors">Answers in the detractor band (default 0..6).</param>
/// <param name="Score">100 · (promoters − detractors) / responses, in [−100, 100].</param>
/// <param name="StandardError">The standard error of the score in points.</param>
/// <param name="Ci95">Score ∓ 1.959964 · SE, clipped to [−100, 100].</param>
public readonly record struct NpsResult(long Responses, long Promoters, long Passives, long Detractors, double? Score, double? StandardError, ConfidenceInterval? Ci95);
