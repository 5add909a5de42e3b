using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CxMetrics.Internal;

/// <summary>Throws from one place so that kernels stay small enough to inline.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowColumnLength(int actual, int expected) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A column has {actual} values but the batch has {expected} rows; every present column must have one value per row."));

    [DoesNotReturn]
    public static void ThrowLengthMismatch(string name, int actual, int expected) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{name}' has {actual} values, expected {expected} (one per row) or 0 (absent)."), name);

    [DoesNotReturn]
    public static void ThrowScoreOutOfScale(string column, int index, byte value, int min, int max) =>
        throw new ArgumentOutOfRangeException(column, value, string.Create(CultureInfo.InvariantCulture, $"{column}[{index}] = {value} is outside {min}..{max} and is not Missing.Score ({Missing.Score})."));

    [DoesNotReturn]
    public static void ThrowDurationTooLarge(string column, int index, long value) =>
        throw new ArgumentOutOfRangeException(column, value, string.Create(CultureInfo.InvariantCulture, $"{column}[{index}] = {value} ticks is above Durations.MaxTicks ({Durations.MaxTicks})."));

    [DoesNotReturn]
    public static void ThrowInvalidOptions(string message) => throw new ArgumentException(message);
}
