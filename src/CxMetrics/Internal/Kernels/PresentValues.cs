namespace CxMetrics.Internal.Kernels;

/// <summary>Copies the present (non-negative) values of a duration column, for exact percentiles.</summary>
internal static class PresentValues
{
    public static int Gather(ReadOnlySpan<long> ticks, Span<long> destination)
    {
        var n = 0;
        foreach (var v in ticks)
        {
            if (v >= 0)
            {
                destination[n++] = v;
            }
        }

        return n;
    }
}
