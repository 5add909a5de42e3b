using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>
/// SLA breach rate: the share of measured contacts whose first response came strictly after its target.
/// </summary>
/// <remarks>
/// measured = rows with a first-response time and a target (the row's own target, else the target the
/// <see cref="SlaPolicy"/> gives its priority); breached = first response &gt; target (a response exactly on
/// target is met); breach_pct = 100 · breached / measured; ci95 = the 95% Wilson interval. Null when nothing was measured.
/// </remarks>
public static class SlaBreachRate
{
    /// <summary>Breach rate where every row carries its own target.</summary>
    /// <param name="firstResponse">Time to first response per row in ticks, negative for none.</param>
    /// <param name="target">The target per row in ticks, negative for none.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The columns' lengths differ.</exception>
    public static SlaResult Compute(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target)
    {
        if (target.Length != firstResponse.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(target), target.Length, firstResponse.Length);
        }

        var counts = default(SlaCounts);
        SlaKernel.Accumulate(firstResponse, target, ref counts);
        return Finish(counts);
    }

    /// <summary>Breach rate where rows without their own target take the target of their priority.</summary>
    /// <param name="firstResponse">Time to first response per row in ticks, negative for none.</param>
    /// <param name="target">The row's own target in ticks (negative for none), or empty when no row has one.</param>
    /// <param name="priorityCodes">The priority code of each row (<see cref="Missing.Key"/> for unknown).</param>
    /// <param name="targetByPriorityCode">The target in ticks for each priority code, negative for none.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The columns' lengths differ.</exception>
    public static SlaResult Compute(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priorityCodes, ReadOnlySpan<long> targetByPriorityCode)
    {
        if (!target.IsEmpty && target.Length != firstResponse.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(target), target.Length, firstResponse.Length);
        }

        if (!priorityCodes.IsEmpty && priorityCodes.Length != firstResponse.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(priorityCodes), priorityCodes.Length, firstResponse.Length);
        }

        var counts = default(SlaCounts);
        SlaKernel.AccumulateWithPolicy(firstResponse, target, priorityCodes, targetByPriorityCode, ref counts);
        return Finish(counts);
    }

    internal static SlaResult Finish(in SlaCounts counts) =>
        counts.Measured == 0
            ? new SlaResult(0, 0, null, null)
            : new SlaResult(counts.Measured, counts.Breached, 100.0 * counts.Breached / counts.Measured, WilsonInterval.Percent95(counts.Breached, counts.Measured));
}
