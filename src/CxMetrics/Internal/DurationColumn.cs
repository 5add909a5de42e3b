namespace CxMetrics.Internal;

/// <summary>Rejects duration values above <see cref="Durations.MaxTicks"/>, naming the first one.</summary>
internal static class DurationColumn
{
    public static void CheckOr(string column, long orOfPresentValues, ReadOnlySpan<long> ticks)
    {
        if (orOfPresentValues > Durations.MaxTicks)
        {
            ThrowFirstTooLarge(column, ticks);
        }
    }

    private static void ThrowFirstTooLarge(string column, ReadOnlySpan<long> ticks)
    {
        for (var i = 0; i < ticks.Length; i++)
        {
            if (ticks[i] > Durations.MaxTicks)
            {
                ThrowHelper.ThrowDurationTooLarge(column, i, ticks[i]);
            }
        }
    }
}
