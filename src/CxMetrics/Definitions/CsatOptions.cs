using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics;

/// <summary>How CSAT answers are read: the scale and the "satisfied" threshold (top-box).</summary>
/// <remarks>
/// Defaults: scale 1..5, satisfied = 4 or 5 (top-2-box), the most common definition. Other common variants:
/// top-box only (<c>SatisfiedThreshold = 5</c>), a 1..10 scale with 8..10 satisfied, or a 1..7 scale.
/// Scales must lie within 0..10.
/// </remarks>
public readonly record struct CsatOptions
{
    /// <summary>Creates the default options (scale 1..5, satisfied at 4 and above).</summary>
    public CsatOptions() { }

    /// <summary>The defaults: scale 1..5, satisfied at 4 and above.</summary>
    public static CsatOptions Default => new();

    /// <summary>The lowest valid answer (default 1).</summary>
    public int ScaleMin { get; init; } = 1;

    /// <summary>The highest valid answer (default 5).</summary>
    public int ScaleMax { get; init; } = 5;

    /// <summary>Answers at or above this count as satisfied (default 4: top-2-box on 1..5).</summary>
    public int SatisfiedThreshold { get; init; } = 4;

    internal void Validate()
    {
        ScoreScale.Validate("CSAT", ScaleMin, ScaleMax);
        if (SatisfiedThreshold < ScaleMin || SatisfiedThreshold > ScaleMax)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"CSAT SatisfiedThreshold {SatisfiedThreshold} must lie within the scale {ScaleMin}..{ScaleMax}."));
        }
    }
}
