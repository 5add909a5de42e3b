using System.Globalization;

namespace CxMetrics;

/// <summary>A two-sided confidence interval [<see cref="Lower"/>, <see cref="Upper"/>] in the unit of its metric (percent or NPS points).</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lower:0.##}, {Upper:0.##}]");
}
