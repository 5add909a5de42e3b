namespace CxMetrics;

/// <summary>The Wilson score interval for a proportion, in percent.</summary>
/// <remarks>
/// For x successes out of n with p = x / n: centre = (p + z²/2n) / (1 + z²/n),
/// half-width = z·sqrt(p(1 − p)/n + z²/4n²) / (1 + z²/n); the interval is 100·(centre ∓ half-width), clipped to [0, 100].
/// Unlike the normal (Wald) interval it stays inside [0, 100] and behaves at p = 0 or 1 and small n.
/// Source: E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22 (1927).
/// </remarks>
public static class WilsonInterval
{
    /// <summary>The two-sided 95% normal quantile the library uses everywhere: 1.959964.</summary>
    public const double Z95 = 1.959964;

    /// <summary>The 95% Wilson interval of <paramref name="successes"/> out of <paramref name="trials"/>, in percent.</summary>
    /// <param name="successes">Successes (0..trials).</param>
    /// <param name="trials">Trials.</param>
    /// <returns>The interval, or <see langword="null"/> when <paramref name="trials"/> is 0.</returns>
    public static ConfidenceInterval? Percent95(long successes, long trials) => Percent(successes, trials, Z95);

    /// <summary>The Wilson interval for a given normal quantile <paramref name="z"/>, in percent.</summary>
    /// <param name="successes">Successes (0..trials).</param>
    /// <param name="trials">Trials.</param>
    /// <param name="z">The normal quantile (1.959964 for 95%).</param>
    /// <returns>The interval, or <see langword="null"/> when <paramref name="trials"/> is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are inconsistent.</exception>
    public static ConfidenceInterval? Percent(long successes, long trials, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return null;
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        return new ConfidenceInterval(Math.Clamp(100 * (centre - half), 0, 100), Math.Clamp(100 * (centre + half), 0, 100));
    }
}
