namespace CxMetrics.Internal.Kernels;

/// <summary>
/// One pass over the first-response column for the batch call: its count and exact sum (as
/// <see cref="DurationSumKernel"/>) and the SLA breach counts against each row's own target (as <see cref="SlaKernel"/>).
/// </summary>
/// <remarks>
/// The batch call needs both from the same column; reading it once saves a fifth of the duration bytes an
/// all-metrics call reads. The scalar reference is the two separate kernels, so the definitions stay in one place;
/// lane bounds and flushing follow <see cref="DurationSumKernel"/>.
/// </remarks>
internal static partial class FirstResponseKernel
{
    /// <summary>Vectors summed into a lane before it is flushed: 512 · (2^53 − 1) &lt; 2^62 (as <see cref="DurationSumKernel"/>).</summary>
    private const int FlushBlocks = 512;

    /// <summary>
    /// Adds the first-response count and sum to <paramref name="totals"/> and the breach counts to <paramref name="sla"/>;
    /// returns the bitwise OR of the present first-response values (to check <see cref="Durations.MaxTicks"/> once).
    /// An empty <paramref name="target"/> measures no SLA.
    /// </summary>
    public static long Accumulate(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref DurationTotals totals, ref SlaCounts sla, KernelWidth width)
    {
        if (target.IsEmpty)
        {
            return DurationSumKernel.Accumulate(firstResponse, ref totals, width);
        }

        if (target.Length != firstResponse.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(target), target.Length, firstResponse.Length);
        }

        return width switch
        {
            KernelWidth.Vector512 => Vector512(firstResponse, target, ref totals, ref sla),
            KernelWidth.Vector256 => Vector256(firstResponse, target, ref totals, ref sla),
            KernelWidth.Vector128 => Vector128(firstResponse, target, ref totals, ref sla),
            _ => Scalar(firstResponse, target, ref totals, ref sla),
        };
    }

    /// <summary>The reference: the two separate scalar kernels.</summary>
    public static long Scalar(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref DurationTotals totals, ref SlaCounts sla)
    {
        SlaKernel.Scalar(firstResponse, target, ref sla);
        return DurationSumKernel.Scalar(firstResponse, ref totals);
    }
}
