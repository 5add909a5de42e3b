using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics;

/// <summary>How CES (customer effort score) answers are read: the scale and the "easy" threshold.</summary>
/// <remarks>
/// Defaults follow CES 2.0: a 1..7 agreement scale ("the company made it easy to handle my issue"), easy = 5..7.
/// A 1..5 variant is <c>new CesOptions { ScaleMax = 5, EasyThreshold = 4 }</c>. Scales must lie within 0..10.
/// </remarks>
public readonly record struct CesOptions
{
    /// <summary>Creates the default options (scale 1..7, easy at 5 and above).</summary>
    public CesOptions() { }

    /// <summary>The defaults: scale 1..7, easy at 5 and above.</summary>
    public static CesOptions Default => new();

    /// <summary>The lowest valid answer (default 1).</summary>
    public int ScaleMin { get; init; } = 1;

    /// <summary>The highest valid answer (default 7).</summary>
    public int ScaleMax { get; init; } = 7;

    /// <summary>Answers at or above this count as easy (default 5).</summary>
    public int EasyThreshold { get; init; } = 5;

    internal void Validate()
    {
        ScoreScale.Validate("CES", ScaleMin, ScaleMax);
        if (EasyThreshold < ScaleMin || EasyThreshold > ScaleMax)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"CES EasyThreshold {EasyThreshold} must lie within the scale {ScaleMin}..{ScaleMax}."));
        }
    }
}
