namespace CxMetrics.Reporting;

/// <summary>The difference between two groups' figures (b − a) with a two-sided z test.</summary>
/// <param name="Difference">b − a, in the figure's unit (points for NPS, percentage points for rates).</param>
/// <param name="StandardError">Standard error of the difference (unpooled), in the same unit.</param>
/// <param name="Z">Test statistic: the difference over its standard error under the null hypothesis of no difference.</param>
/// <param name="PValue">Two-sided p-value of the z test.</param>
/// <param name="Ci95">95% interval of the difference (z = 1.959964, unpooled standard error).</param>
public sealed record ComparisonResult(double Difference, double StandardError, double Z, double PValue, ConfidenceInterval Ci95)
{
    /// <summary>Whether the difference is significant at the 5% level (p &lt; 0.05).</summary>
    public bool IsSignificant => PValue < 0.05;
}
