using System.Runtime.Intrinsics;
using CxMetrics.Internal.Kernels;

namespace CxMetrics.Tests.Kernels;

[Trait("Category", "Kernel")]
public class KernelDispatchTests
{
    [Theory]
    [InlineData(true, true, true, "Vector512")]
    [InlineData(false, true, true, "Vector256")]
    [InlineData(false, false, true, "Vector128")]
    [InlineData(false, false, false, "Scalar")]
    [InlineData(true, false, false, "Vector512")]
    [InlineData(false, true, false, "Vector256")]
    public void KernelDispatch_Pick_WidestAcceleratedFirst(bool v512, bool v256, bool v128, string expected) =>
        Assert.Equal(expected, KernelDispatch.Pick(v512, v256, v128).ToString());

    [Fact]
    public void KernelDispatch_Best_FollowsIsHardwareAccelerated()
    {
        // Under DOTNET_EnableAVX512=0 / EnableAVX2=0 / EnableHWIntrinsic=0 (.ci/run) this expects 256 / 128 / scalar.
        var expected = Vector512.IsHardwareAccelerated ? KernelWidth.Vector512
            : Vector256.IsHardwareAccelerated ? KernelWidth.Vector256
            : Vector128.IsHardwareAccelerated ? KernelWidth.Vector128
            : KernelWidth.Scalar;
        Assert.Equal(expected, KernelDispatch.Best);
        TestContext.Current.SendDiagnosticMessage($"Kernel width: {KernelDispatch.Best} (V512 {Vector512.IsHardwareAccelerated}, V256 {Vector256.IsHardwareAccelerated}, V128 {Vector128.IsHardwareAccelerated})");
    }

    [Fact]
    public void KernelDispatch_Default_IsForcedByTheEnvironmentVariableElseBest()
    {
        var forced = KernelDispatch.Parse(Environment.GetEnvironmentVariable(KernelDispatch.EnvironmentVariable));
        Assert.Equal(forced ?? KernelDispatch.Best, KernelDispatch.Default);
    }

    [Theory]
    [InlineData("Scalar", "Scalar")]
    [InlineData("vector128", "Vector128")]
    [InlineData(" VECTOR256 ", "Vector256")]
    [InlineData("Vector512", "Vector512")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("AVX", null)]
    [InlineData("2", null)]
    [InlineData("-1", null)]
    public void KernelDispatch_Parse_AcceptsWidthNamesOnly(string? text, string? expected) =>
        Assert.Equal(expected, KernelDispatch.Parse(text)?.ToString());
}
