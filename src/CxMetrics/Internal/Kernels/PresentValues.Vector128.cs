using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector128;
using VecLong = System.Runtime.Intrinsics.Vector128<long>;

namespace CxMetrics.Internal.Kernels;

internal static partial class PresentValues
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Vector128(ReadOnlySpan<long> ticks, Span<long> destination)
    {
        ref var r0 = ref MemoryMarshal.GetReference(ticks);
        ref var d0 = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)ticks.Length;
        var step = (nuint)VecLong.Count;
        var written = 0;
        nuint i = 0;
        for (; n - i >= step; i += step)
        {
            var x = Vec.LoadUnsafe(ref r0, i);
            var missingBits = Vec.ExtractMostSignificantBits(x);
            if (missingBits == 0 && destination.Length - written >= VecLong.Count)
            {
                x.StoreUnsafe(ref d0, (nuint)written);
                written += VecLong.Count;
            }
            else
            {
                for (var lane = 0; lane < VecLong.Count; lane++)
                {
                    if ((missingBits & (1UL << lane)) == 0)
                    {
                        destination[written++] = x.GetElement(lane);
                    }
                }
            }
        }

        return written + Scalar(ticks[(int)i..], destination[written..]);
    }
}
