namespace CxMetrics;

/// <summary>CES of a set of contacts. <see cref="Mean"/> and <see cref="EasyPercent"/> are <see langword="null"/> when there are no responses.</summary>
/// <param name="Responses">Rows with a CES answer.</param>
/// <param name="Easy">Answers at or above the easy threshold.</param>
/// <param name="Mean">The mean answer on the scale.</param>
/// <param name="EasyPercent">100 · easy / responses.</param>
public readonly record struct CesResult(long Responses, long Easy, double? Mean, double? EasyPercent);
