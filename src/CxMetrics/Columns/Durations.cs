namespace CxMetrics;

/// <summary>
/// Durations are stored as 64-bit integer ticks of 100 ns (the unit of <see cref="TimeSpan.Ticks"/>).
/// </summary>
/// <remarks>
/// Integer ticks make every sum exact: totals do not depend on the SIMD width, the number of threads or
/// the order of rows, and a value such as 86400.001 s (864,000,010,000 ticks) stays strictly greater
/// than an 86400 s target. A present duration is in <c>0..<see cref="MaxTicks"/></c>; a negative value
/// (canonically <see cref="Missing.Duration"/>) means "not measured".
/// </remarks>
public static class Durations
{
    /// <summary>Ticks per second (10,000,000).</summary>
    public const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>
    /// The largest duration a column may hold: 2^53 − 1 ticks, about 28.5 years. The bound lets the kernels sum
    /// in 64-bit lanes without overflow checks per row (and check it with one OR per vector); larger values are
    /// rejected with an error.
    /// </summary>
    public const long MaxTicks = (1L << 53) - 1;

    /// <summary>
    /// The double nearest to <see cref="MaxTicks"/> in seconds (900,719,925.474099159...): above 2^29 s a double's spacing
    /// is wider than a tick, so this one double stands for the largest duration and for the tick after it, and
    /// <see cref="FromSeconds"/> reads it as <see cref="MaxTicks"/> (so <c>FromSeconds(ToSeconds(MaxTicks))</c> round-trips).
    /// </summary>
    internal const double MaxSeconds = MaxTicks / (double)TicksPerSecond;

    /// <summary>Converts seconds to ticks, rounding to the nearest tick (100 ns).</summary>
    /// <param name="seconds">A non-negative number of seconds, at most <see cref="ToSeconds"/>(<see cref="MaxTicks"/>).</param>
    /// <returns>The duration in ticks.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, not finite or above the largest duration.</exception>
    public static long FromSeconds(double seconds)
    {
        if (!TryFromSeconds(seconds, out var ticks))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A duration must be between 0 and Durations.MaxTicks.");
        }

        return ticks;
    }

    /// <summary>As <see cref="FromSeconds"/>; false when the value is negative, not finite or above the largest duration.</summary>
    internal static bool TryFromSeconds(double seconds, out long ticks)
    {
        if (!(seconds >= 0) || !(seconds <= MaxSeconds))
        {
            ticks = 0;
            return false;
        }

        // The product of MaxSeconds rounds to 2^53: the one double above MaxTicks that stands for it.
        ticks = Math.Min((long)Math.Round(seconds * TicksPerSecond, MidpointRounding.AwayFromZero), MaxTicks);
        return true;
    }

    /// <summary>
    /// Reads a plain decimal number of seconds (<c>60</c>, <c>0.5</c>, <c>.5</c>, <c>5.</c>: digits with an optional
    /// '.', no sign, exponent, spaces or thousands separator) exactly, rounding to the nearest tick with a half
    /// rounded up, as the file readers read duration cells (no binary floating point in between, so
    /// <c>0.00000015</c> is 2 ticks and <c>900000000.1234567</c> is exact). False when the text is not such a number or
    /// is above <see cref="MaxTicks"/>.
    /// </summary>
    internal static bool TryParseSeconds(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        long whole = 0, fraction = 0;
        int i = 0, digits = 0;
        var roundUp = false;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
        {
            whole = Math.Min((whole * 10) + (text[i] - '0'), (MaxTicks / TicksPerSecond) + 1);
        }

        if (i < text.Length && text[i] == '.')
        {
            var place = 0;
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, place++, digits++)
            {
                if (place < 7)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                }
                else if (place == 7)
                {
                    roundUp = text[i] >= '5';
                }
            }

            for (; place < 7; place++)
            {
                fraction *= 10;
            }
        }

        if (i != text.Length || digits == 0 || whole > MaxTicks / TicksPerSecond)
        {
            return false;
        }

        ticks = (whole * TicksPerSecond) + fraction + (roundUp ? 1 : 0);
        return ticks <= MaxTicks;
    }

    /// <summary>Converts ticks to seconds.</summary>
    /// <param name="ticks">A duration in ticks.</param>
    /// <returns>The duration in seconds.</returns>
    public static double ToSeconds(long ticks) => ticks / (double)TicksPerSecond;

    /// <summary>Whether a column value is a present duration (not negative).</summary>
    /// <param name="ticks">A column value.</param>
    /// <returns><see langword="true"/> when the value is measured.</returns>
    public static bool IsPresent(long ticks) => ticks >= 0;
}
