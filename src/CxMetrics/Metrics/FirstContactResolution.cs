using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>
/// FCR, first contact resolution: the share of contacts resolved without another contact, from a per-row flag.
/// </summary>
/// <remarks>
/// known = rows whose flag is 0 or 1; pct = 100 · count(flag = 1) / known; ci95 = the 95% Wilson interval.
/// Null when nothing is known. (Repeat-contact FCR, derived from customers' later contacts, is a grouping option.)
/// </remarks>
public static class FirstContactResolution
{
    /// <summary>FCR of a flag column.</summary>
    /// <param name="flags">0 = not resolved at first contact, 1 = resolved, <see cref="Missing.Flag"/> = unknown.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not 0, 1 or missing.</exception>
    public static FcrResult Compute(ReadOnlySpan<byte> flags)
    {
        var counts = default(ScoreCounts);
        Accumulate(flags, ref counts);
        return Finish(counts);
    }

    internal static void Accumulate(ReadOnlySpan<byte> flags, ref ScoreCounts counts) =>
        ScoreColumn.Accumulate("fcr", flags, 0, 1, ref counts);

    internal static void Accumulate(ReadOnlySpan<byte> flags, ref ScoreCounts counts, KernelWidth width) =>
        ScoreColumn.Accumulate("fcr", flags, 0, 1, ref counts, width);

    internal static FcrResult Finish(in ScoreCounts counts)
    {
        var known = counts[0] + counts[1];
        var resolved = counts[1];
        return known == 0
            ? new FcrResult(0, 0, null, null)
            : new FcrResult(known, resolved, 100.0 * resolved / known, WilsonInterval.Percent95(resolved, known));
    }
}
