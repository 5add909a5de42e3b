using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics;

/// <summary>How NPS answers (0..10, "how likely are you to recommend us") are split into promoters, passives and detractors.</summary>
/// <remarks>Defaults are the standard NPS bands: promoters 9..10, passives 7..8, detractors 0..6.</remarks>
public readonly record struct NpsOptions
{
    /// <summary>Creates the standard bands.</summary>
    public NpsOptions() { }

    /// <summary>The standard bands: promoters 9..10, detractors 0..6.</summary>
    public static NpsOptions Default => new();

    /// <summary>Answers at or above this are promoters (default 9).</summary>
    public int PromoterMin { get; init; } = 9;

    /// <summary>Answers at or below this are detractors (default 6).</summary>
    public int DetractorMax { get; init; } = 6;

    internal void Validate()
    {
        if (DetractorMax < 0 || PromoterMin > 10 || DetractorMax >= PromoterMin)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"NPS bands need 0 <= DetractorMax < PromoterMin <= 10; got DetractorMax {DetractorMax}, PromoterMin {PromoterMin}."));
        }
    }
}
