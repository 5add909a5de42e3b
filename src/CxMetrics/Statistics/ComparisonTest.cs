namespace CxMetrics;

/// <summary>The result of comparing a metric between two groups or periods (A − B) with a two-sided z-test.</summary>
/// <param name="Difference">A − B in the metric's unit (NPS points, or percentage points for proportions).</param>
/// <param name="StandardError">The standard error of the difference under the test's assumptions.</param>
/// <param name="Z">Difference / standard error (±∞ when the standard error is 0 and the difference is not; 0 when both are 0).</param>
/// <param name="PValue">The two-sided p-value P(|Z| ≥ |z|) under a standard normal.</param>
/// <param name="SmallSample">Whether either side has fewer observations than the threshold: the normal approximation may then be poor.</param>
public readonly record struct ComparisonTest(double Difference, double StandardError, double Z, double PValue, bool SmallSample)
{
    /// <summary>Whether the difference is significant at level <paramref name="alpha"/> (p &lt; alpha).</summary>
    /// <param name="alpha">The significance level, e.g. 0.05.</param>
    /// <returns><see langword="true"/> when p &lt; alpha.</returns>
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}
