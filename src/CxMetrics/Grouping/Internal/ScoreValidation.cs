using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Internal;

/// <summary>Whether every value of a score column is an answer on the scale or <see cref="Missing.Score"/> (vectorized; the answer does not depend on the width).</summary>
internal static class ScoreValidation
{
    public static bool AllValid(ReadOnlySpan<byte> scores, int min, int max)
    {
        ref var s0 = ref MemoryMarshal.GetReference(scores);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<byte>.Count)
        {
            var low = Vector256.Create((byte)min);
            var range = Vector256.Create((byte)(max - min));
            var missing = Vector256.Create(Missing.Score);
            var bad = Vector256<byte>.Zero;
            for (; i <= scores.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref s0, (nuint)i);
                bad |= ~(Vector256.LessThanOrEqual(v - low, range) | Vector256.Equals(v, missing));
            }

            if (bad != Vector256<byte>.Zero)
            {
                return false;
            }
        }
        else if (Vector128.IsHardwareAccelerated && scores.Length >= Vector128<byte>.Count)
        {
            var low = Vector128.Create((byte)min);
            var range = Vector128.Create((byte)(max - min));
            var missing = Vector128.Create(Missing.Score);
            var bad = Vector128<byte>.Zero;
            for (; i <= scores.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var v = Vector128.LoadUnsafe(ref s0, (nuint)i);
                bad |= ~(Vector128.LessThanOrEqual(v - low, range) | Vector128.Equals(v, missing));
            }

            if (bad != Vector128<byte>.Zero)
            {
                return false;
            }
        }

        for (; i < scores.Length; i++)
        {
            var v = scores[i];
            if (v != Missing.Score && (v < min || v > max))
            {
                return false;
            }
        }

        return true;
    }
}
