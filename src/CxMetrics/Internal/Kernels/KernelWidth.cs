namespace CxMetrics.Internal.Kernels;

/// <summary>Which implementation of a kernel runs: the scalar reference or one SIMD width.</summary>
/// <remarks>Every width gives bit-identical results (integer counts and sums); only the speed differs.</remarks>
internal enum KernelWidth
{
    /// <summary>The plain scalar reference.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE / AdvSimd).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}
