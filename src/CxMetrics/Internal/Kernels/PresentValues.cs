namespace CxMetrics.Internal.Kernels;

/// <summary>Copies the present (non-negative) values of a duration column, for exact percentiles.</summary>
/// <remarks>
/// The vector paths store a whole vector when every lane is present and there is room, else copy the present lanes
/// one by one; the destination is never written past its end.
/// </remarks>
internal static partial class PresentValues
{
    /// <summary>Copies the present values in order; returns how many were written.</summary>
    public static int Gather(ReadOnlySpan<long> ticks, Span<long> destination) => Gather(ticks, destination, KernelDispatch.Default);

    /// <summary>As <see cref="Gather(ReadOnlySpan{long}, Span{long})"/> at a given width.</summary>
    public static int Gather(ReadOnlySpan<long> ticks, Span<long> destination, KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => Vector512(ticks, destination),
        KernelWidth.Vector256 => Vector256(ticks, destination),
        KernelWidth.Vector128 => Vector128(ticks, destination),
        _ => Scalar(ticks, destination),
    };

    public static int Scalar(ReadOnlySpan<long> ticks, Span<long> destination)
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
