using System.Globalization;
using System.Runtime.CompilerServices;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Culture-invariant parsers of the value forms of a contacts file, over UTF-8 bytes (no allocation). Each returns
/// <see langword="null"/> on success or the reason a value is invalid (reasons that quote a bound are built only then).
/// The caller handles the empty cell (missing) before calling.
/// </summary>
internal static class ValueParser
{
    public const string NotANumberOfSeconds = "is not a number of seconds (plain decimal with '.', no sign, exponent or thousands separator)";
    public const string NegativeDuration = "is negative";
    public const string DurationTooLarge = "is above the largest duration (2^53-1 ticks of 100 ns, about 28.5 years)";
    public const string NotABoolean = "is not a boolean (true/false, 1/0, yes/no)";
    public const string NotAnInstant = "is not an instant YYYY-MM-DDThh:mm:ss[.fraction] with Z, +hh:mm or -hh:mm";
    public const string NotAWholeNumber = "is not a whole number";
    public const string NotANumber = "is not a number";

    private const long MaxWholeSeconds = Durations.MaxTicks / Durations.TicksPerSecond;

    /// <summary>An integer score within <paramref name="min"/>..<paramref name="max"/> (leading zeros allowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? Score(ReadOnlySpan<byte> s, int min, int max, out byte value)
    {
        if (s.Length == 1)
        {
            var d = s[0] - '0';
            if ((uint)d <= 9 && d >= min && d <= max)
            {
                value = (byte)d;
                return null;
            }
        }

        return ScoreSlow(s, min, max, out value);
    }

    private static string? ScoreSlow(ReadOnlySpan<byte> s, int min, int max, out byte value)
    {
        value = Missing.Score;
        if (s.Length > 1 && s[0] == '-' && s[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is outside {min}..{max}");
        }

        var v = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return LooksDecimal(s) ? NotAWholeNumber : NotANumber;
            }

            v = Math.Min((v * 10) + d, 1_000_000);
        }

        if (v < min || v > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"is outside {min}..{max}");
        }

        value = (byte)v;
        return null;
    }

    private static bool LooksDecimal(ReadOnlySpan<byte> s)
    {
        var start = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        var digits = 0;
        var dots = 0;
        for (var i = start; i < s.Length; i++)
        {
            if (s[i] == '.')
            {
                dots++;
            }
            else if ((uint)(s[i] - '0') <= 9)
            {
                digits++;
            }
            else
            {
                return false;
            }
        }

        return digits > 0 && (dots == 1 || start == 1);
    }

    /// <summary>Seconds as a plain decimal (<c>12</c>, <c>12.5</c>, <c>.5</c>, <c>012.</c>) to ticks, rounding half up past 7 decimals.</summary>
    public static string? Duration(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = Missing.Duration;
        if (s.Length > 0 && s[0] == '-')
        {
            return UnsignedDecimal(s[1..], out _) is null or DurationTooLarge ? NegativeDuration : NotANumberOfSeconds;
        }

        var reason = UnsignedDecimal(s, out var t);
        if (reason is null)
        {
            ticks = t;
        }

        return reason;
    }

    private static string? UnsignedDecimal(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        long whole = 0;
        var i = 0;
        var digits = 0;
        var tooLarge = false;
        for (; i < s.Length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                break;
            }

            digits++;
            whole = (whole * 10) + d;
            if (whole > MaxWholeSeconds)
            {
                tooLarge = true;
                whole = MaxWholeSeconds + 1;
            }
        }

        long fraction = 0;
        var roundUp = false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var place = 0;
            for (; i < s.Length; i++, place++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9)
                {
                    break;
                }

                digits++;
                if (place < 7)
                {
                    fraction = (fraction * 10) + d;
                }
                else if (place == 7)
                {
                    roundUp = d >= 5;
                }
            }

            for (; place < 7; place++)
            {
                fraction *= 10;
            }
        }

        if (i != s.Length || digits == 0)
        {
            return NotANumberOfSeconds;
        }

        if (tooLarge)
        {
            return DurationTooLarge;
        }

        ticks = (whole * Durations.TicksPerSecond) + fraction + (roundUp ? 1 : 0);
        return ticks > Durations.MaxTicks ? DurationTooLarge : null;
    }

    /// <summary>true/false, 1/0, yes/no in any case (ASCII).</summary>
    public static string? Boolean(ReadOnlySpan<byte> s, out byte flag)
    {
        flag = Missing.Flag;
        switch (s.Length)
        {
            case 1 when s[0] == '1':
                flag = 1;
                return null;
            case 1 when s[0] == '0':
                flag = 0;
                return null;
            case 2 when (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'o':
                flag = 0;
                return null;
            case 3 when (s[0] | 0x20) == 'y' && (s[1] | 0x20) == 'e' && (s[2] | 0x20) == 's':
                flag = 1;
                return null;
            case 4 when (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'r' && (s[2] | 0x20) == 'u' && (s[3] | 0x20) == 'e':
                flag = 1;
                return null;
            case 5 when (s[0] | 0x20) == 'f' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'l' && (s[3] | 0x20) == 's' && (s[4] | 0x20) == 'e':
                flag = 0;
                return null;
            default:
                return NotABoolean;
        }
    }

    /// <summary>
    /// <c>YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)</c> (T and Z in either case) to UTC ticks. The fraction is
    /// rounded half up to 100 ns; offsets up to ±14:00; seconds 00..59 (no leap second).
    /// </summary>
    public static string? Instant(ReadOnlySpan<byte> s, out long utcTicks)
    {
        utcTicks = Missing.Instant;
        if (s.Length < 20
            || !Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-'
            || !Digits(s, 8, 2, out var day) || (s[10] | 0x20) != 't' || !Digits(s, 11, 2, out var hour) || s[13] != ':'
            || !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second))
        {
            return NotAnInstant;
        }

        var i = 19;
        long fraction = 0;
        if (s[i] == '.')
        {
            i++;
            var place = 0;
            var roundUp = false;
            for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++, place++)
            {
                if (place < 7)
                {
                    fraction = (fraction * 10) + (s[i] - '0');
                }
                else if (place == 7)
                {
                    roundUp = s[i] >= '5';
                }
            }

            if (place == 0)
            {
                return NotAnInstant;
            }

            for (var p = place; p < 7; p++)
            {
                fraction *= 10;
            }

            fraction += roundUp ? 1 : 0;
        }

        long offsetTicks;
        if (i == s.Length - 1 && (s[i] | 0x20) == 'z')
        {
            offsetTicks = 0;
        }
        else if (i == s.Length - 6 && (s[i] == '+' || s[i] == '-') && Digits(s, i + 1, 2, out var oh) && s[i + 3] == ':' && Digits(s, i + 4, 2, out var om))
        {
            if (om > 59 || (oh * 60) + om > 14 * 60)
            {
                return NotAnInstant;
            }

            offsetTicks = ((oh * 60L) + om) * TimeSpan.TicksPerMinute * (s[i] == '-' ? -1 : 1);
        }
        else
        {
            return NotAnInstant;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return NotAnInstant;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction;
        var utc = local - offsetTicks;
        if (utc < 0 || utc > DateTime.MaxValue.Ticks)
        {
            return "is outside the range of dates (0001-01-01 to 9999-12-31 UTC)";
        }

        utcTicks = utc;
        return null;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
