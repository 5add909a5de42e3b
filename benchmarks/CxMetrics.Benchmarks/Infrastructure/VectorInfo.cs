using System.Runtime.Intrinsics;

namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>Which SIMD width the runtime accelerates in this process (printed in the header and in a column).</summary>
internal static class VectorInfo
{
    public static string Widest =>
        Vector512.IsHardwareAccelerated ? "Vector512"
        : Vector256.IsHardwareAccelerated ? "Vector256"
        : Vector128.IsHardwareAccelerated ? "Vector128"
        : "Scalar";

    private static int s_printed;

    /// <summary>Writes <see cref="Describe"/> to the log once per process (benchmark setups call it).</summary>
    public static void PrintOnce()
    {
        if (Interlocked.Exchange(ref s_printed, 1) == 0)
        {
            Console.WriteLine($"// {Describe()}");
        }
    }

    public static string Describe() =>
        $"Vector512.IsHardwareAccelerated={Vector512.IsHardwareAccelerated}, Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated}, " +
        $"Vector128.IsHardwareAccelerated={Vector128.IsHardwareAccelerated}, widest in use: {Widest}";
}
