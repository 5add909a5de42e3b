using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal.Kernels;

/// <summary>
/// Handle time = talk + hold + wrap over rows with talk time; a missing hold or wrap counts as zero.
/// The hold and wrap columns may be empty (absent).
/// </summary>
/// <remarks>
/// The vector paths sum in 64-bit lanes flushed to the exact 128-bit total every <see cref="FlushBlocks"/> vectors:
/// a handle time of valid components is below 3 · 2^53, so a lane stays below 3 · 2^61. Larger components make the
/// returned OR exceed <see cref="Durations.MaxTicks"/> and the caller rejects the input.
/// One generic copy per combination of present hold and wrap columns keeps the loop free of column checks.
/// </remarks>
internal static partial class HandleTimeKernel
{
    /// <summary>Vectors summed into a lane before it is flushed: 256 · 3 · 2^53 &lt; 2^63.</summary>
    private const int FlushBlocks = 256;

    /// <summary>Adds count and exact sum; returns the OR of every present component (to check <see cref="Durations.MaxTicks"/> once).</summary>
    public static long Accumulate(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals) =>
        Accumulate(talk, hold, wrap, ref totals, KernelDispatch.Default);

    /// <summary>As <see cref="Accumulate(ReadOnlySpan{long}, ReadOnlySpan{long}, ReadOnlySpan{long}, ref DurationTotals)"/> at a given width.</summary>
    public static long Accumulate(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals, KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => Vector512(talk, hold, wrap, ref totals),
        KernelWidth.Vector256 => Vector256(talk, hold, wrap, ref totals),
        KernelWidth.Vector128 => Vector128(talk, hold, wrap, ref totals),
        _ => Scalar(talk, hold, wrap, ref totals),
    };

    /// <summary>Writes the handle time of every handled row into <paramref name="destination"/>; returns how many were written.</summary>
    public static int Gather(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, Span<long> destination) =>
        Gather(talk, hold, wrap, destination, KernelDispatch.Default);

    /// <summary>As <see cref="Gather(ReadOnlySpan{long}, ReadOnlySpan{long}, ReadOnlySpan{long}, Span{long})"/> at a given width.</summary>
    public static int Gather(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, Span<long> destination, KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => GatherVector512(talk, hold, wrap, destination),
        KernelWidth.Vector256 => GatherVector256(talk, hold, wrap, destination),
        KernelWidth.Vector128 => GatherVector128(talk, hold, wrap, destination),
        _ => GatherScalar(talk, hold, wrap, destination),
    };

    public static long Scalar(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ref DurationTotals totals)
    {
        CheckLengths(talk, hold, wrap);
        long count = 0, or = 0;
        Int128 sum = 0;
        for (var i = 0; i < talk.Length; i++)
        {
            var t = talk[i];
            if (t < 0)
            {
                continue;
            }

            var h = hold.IsEmpty ? 0 : Math.Max(hold[i], 0);
            var w = wrap.IsEmpty ? 0 : Math.Max(wrap[i], 0);
            count++;
            sum += t + h + w;
            or |= t | h | w;
        }

        totals.Count += count;
        totals.SumTicks += sum;
        return or;
    }

    public static int GatherScalar(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, Span<long> destination)
    {
        CheckLengths(talk, hold, wrap);
        var n = 0;
        for (var i = 0; i < talk.Length; i++)
        {
            var t = talk[i];
            if (t >= 0)
            {
                var h = hold.IsEmpty ? 0 : Math.Max(hold[i], 0);
                var w = wrap.IsEmpty ? 0 : Math.Max(wrap[i], 0);
                destination[n++] = t + h + w;
            }
        }

        return n;
    }

    /// <summary>Present hold and wrap columns must have one value per talk value (the vector paths read them unchecked).</summary>
    private static void CheckLengths(ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap)
    {
        if (!hold.IsEmpty && hold.Length != talk.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(hold), hold.Length, talk.Length);
        }

        if (!wrap.IsEmpty && wrap.Length != talk.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(wrap), wrap.Length, talk.Length);
        }
    }

    /// <summary>A column from row <paramref name="start"/> on, for the scalar remainder (an absent column stays absent).</summary>
    private static ReadOnlySpan<long> From(ReadOnlySpan<long> column, nuint start) => column.IsEmpty ? column : column[(int)start..];
}
