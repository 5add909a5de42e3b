using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics;

/// <summary>The bounds every survey scale must respect.</summary>
internal static class ScoreScale
{
    /// <summary>The largest answer any scale may have. Keeping scales within 0..10 lets every score state be 11 counts.</summary>
    public const int Max = 10;

    public static void Validate(string metric, int min, int max)
    {
        if (min < 0 || max > Max || min >= max)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"{metric} scale {min}..{max} is invalid: need 0 <= ScaleMin < ScaleMax <= {Max}."));
        }
    }
}
