using System.Runtime.Intrinsics;

namespace CxMetrics.Internal.Kernels;

/// <summary>
/// Chooses the kernel width: the widest one the hardware accelerates, unless the environment variable
/// <see cref="EnvironmentVariable"/> (<c>Scalar</c>, <c>Vector128</c>, <c>Vector256</c> or <c>Vector512</c>, case-insensitive)
/// forces one for the whole process. The variable is read once; an unknown value is ignored.
/// </summary>
/// <remarks>
/// A forced width that the hardware does not accelerate still gives the same results (the runtime emulates the
/// vector operations), only slower: forcing exists for tests and benchmarks.
/// </remarks>
internal static class KernelDispatch
{
    /// <summary>The environment variable that forces a width process-wide.</summary>
    public const string EnvironmentVariable = "CXMETRICS_KERNEL_WIDTH";

    /// <summary>The widest width the hardware accelerates.</summary>
    public static KernelWidth Best { get; } = Pick(Vector512.IsHardwareAccelerated, Vector256.IsHardwareAccelerated, Vector128.IsHardwareAccelerated);

    /// <summary>The width every public API uses: the forced one, else <see cref="Best"/>.</summary>
    public static KernelWidth Default { get; } = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)) ?? Best;

    /// <summary>Widest first: the first accelerated width of 512, 256, 128, else scalar.</summary>
    public static KernelWidth Pick(bool vector512, bool vector256, bool vector128) =>
        vector512 ? KernelWidth.Vector512
        : vector256 ? KernelWidth.Vector256
        : vector128 ? KernelWidth.Vector128
        : KernelWidth.Scalar;

    /// <summary>Parses a width name (case-insensitive); <see langword="null"/> for null, empty or unknown text.</summary>
    public static KernelWidth? Parse(string? text) =>
        Enum.TryParse<KernelWidth>(text?.Trim(), ignoreCase: true, out var width) && Enum.IsDefined(width) && !char.IsDigit(text!.Trim()[0])
            ? width
            : null;
}
