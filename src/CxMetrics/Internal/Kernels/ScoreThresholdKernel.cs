using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal.Kernels;

/// <summary>
/// Counts, in one pass over a score column, the missing answers, the answers at or above two thresholds and (on request)
/// the sum of the answers, and checks that every byte is <see cref="Missing.Score"/> or within <c>min..max</c>.
/// This is all the span-level CSAT, NPS, CES and FCR calls need; the full histogram (<see cref="ScoreHistogramKernel"/>)
/// stays the state of the batch and grouped paths, which must not depend on the options.
/// </summary>
/// <remarks>
/// <para>
/// The vector paths view the bytes as signed, so <see cref="Missing.Score"/> (255) is −1 and lies below every answer:
/// "at least t" is one signed compare with t − 1 (never true for missing), and each counted condition costs a compare
/// and a subtract into a byte counter per lane, flushed to 64-bit totals every 255 vectors before a lane could wrap.
/// Validity costs a running signed maximum (catches 11..127 above the scale), a running signed minimum (catches
/// 128..254, i.e. −128..−2) and, when <c>min</c> &gt; 0, a running unsigned minimum (catches 0..min − 1); missing (−1 or
/// 255) moves none of them past its bound.
/// The sum adds the raw bytes with a sum-of-absolute-differences against zero into 64-bit lanes (psadbw) and then
/// removes 255 per missing answer, so no masking is needed.
/// </para>
/// <para>
/// A second threshold above <c>max</c> counts nothing in a valid column, so the vector paths skip it (its count is 0):
/// callers that need one threshold pass <see cref="None"/>. Thresholds lie within 0..<see cref="ScoreScale.Max"/> + 1.
/// </para>
/// </remarks>
internal static partial class ScoreThresholdKernel
{
    /// <summary>A threshold that counts nothing: pass it as the second threshold when only one is needed.</summary>
    public const int None = ScoreScale.Max + 1;

    /// <summary>The most vectors a byte lane counter may take before it must be flushed.</summary>
    private const int FlushBlocks = byte.MaxValue;

    /// <summary>Counts <paramref name="scores"/> at the default width.</summary>
    public static ScoreThresholdCounts Count(ReadOnlySpan<byte> scores, int min, int max, int first, int second, bool sum) =>
        Count(scores, min, max, first, second, sum, KernelDispatch.Default);

    /// <summary>Counts <paramref name="scores"/> at a given width.</summary>
    /// <param name="scores">One answer per row, <see cref="Missing.Score"/> for none.</param>
    /// <param name="min">The lowest valid answer.</param>
    /// <param name="max">The highest valid answer.</param>
    /// <param name="first">Counts the answers at or above this (0..11; above <paramref name="max"/> counts none).</param>
    /// <param name="second">Counts the answers at or above this (0..11; above <paramref name="max"/> counts none).</param>
    /// <param name="sum">Whether to sum the answers (else <see cref="ScoreThresholdCounts.Sum"/> is 0).</param>
    /// <param name="width">The implementation.</param>
    /// <returns>The counts; unspecified except <see cref="ScoreThresholdCounts.AllValid"/> when a value is invalid.</returns>
    public static ScoreThresholdCounts Count(ReadOnlySpan<byte> scores, int min, int max, int first, int second, bool sum, KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => Vector512(scores, min, max, first, second, sum),
        KernelWidth.Vector256 => Vector256(scores, min, max, first, second, sum),
        KernelWidth.Vector128 => Vector128(scores, min, max, first, second, sum),
        _ => Scalar(scores, min, max, first, second, sum),
    };

    /// <summary>The plain scalar reference.</summary>
    public static ScoreThresholdCounts Scalar(ReadOnlySpan<byte> scores, int min, int max, int first, int second, bool sum)
    {
        Check(min, max, first, second);
        long missing = 0, atLeastFirst = 0, atLeastSecond = 0, total = 0;
        foreach (var v in scores)
        {
            if (v == Missing.Score)
            {
                missing++;
            }
            else if (v < min || v > max)
            {
                return new ScoreThresholdCounts(0, 0, 0, 0, AllValid: false);
            }
            else
            {
                atLeastFirst += v >= first ? 1 : 0;
                atLeastSecond += v >= second ? 1 : 0;
                total += v;
            }
        }

        return new ScoreThresholdCounts(missing, atLeastFirst, atLeastSecond, sum ? total : 0, AllValid: true);
    }

    private static void Check(int min, int max, int first, int second)
    {
        if (min < 0 || max > ScoreScale.Max || min > max)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"A score scale must lie within 0..{ScoreScale.Max}; got {min}..{max}."));
        }

        if ((uint)first > None || (uint)second > None)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"Score thresholds must lie within 0..{None}; got {first} and {second}."));
        }
    }

    /// <summary>The running totals of a vector path, finished by the scalar remainder.</summary>
    private struct Totals
    {
        public long Missing;
        public long AtLeastFirst;
        public long AtLeastSecond;
        public long RawSum; // every byte, missing ones counted as 255
        public bool AllValid;
    }

    /// <summary>The scalar remainder of a vector path: adds bytes from <paramref name="start"/> to the totals.</summary>
    private static void Tail(ref byte s0, nuint start, nuint length, int min, int max, int first, int second, ref Totals totals)
    {
        var range = (uint)(max - min);
        for (var i = start; i < length; i++)
        {
            int v = Unsafe.Add(ref s0, i);
            totals.RawSum += v;
            if (v == Missing.Score)
            {
                totals.Missing++;
            }
            else if ((uint)(v - min) > range)
            {
                totals.AllValid = false;
            }
            else
            {
                totals.AtLeastFirst += v >= first ? 1 : 0;
                totals.AtLeastSecond += v >= second ? 1 : 0;
            }
        }
    }

    /// <summary>The result of a vector path: the raw sum less 255 per missing answer.</summary>
    private static ScoreThresholdCounts Finish(in Totals totals, bool sum) =>
        totals.AllValid
            ? new ScoreThresholdCounts(totals.Missing, totals.AtLeastFirst, totals.AtLeastSecond, sum ? totals.RawSum - (Missing.Score * totals.Missing) : 0, AllValid: true)
            : new ScoreThresholdCounts(0, 0, 0, 0, AllValid: false);

    /// <summary>Which optional conditions a vector loop evaluates: the second threshold (when it can count anything) and the lower bound (when min &gt; 0).</summary>
    private static (bool Second, bool Low) Shape(int min, int max, int second) => (second <= max, min > 0);
}
