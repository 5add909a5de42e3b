using CxMetrics.Internal;

namespace CxMetrics.Tests.Kernels;

/// <summary>
/// The grouped path's up-front score check. It picks its width from the hardware, so it is in the Kernel category:
/// .ci/run reruns it under DOTNET_EnableAVX2=0 (Vector128 loop) and DOTNET_EnableHWIntrinsic=0 (scalar only).
/// </summary>
[Trait("Category", "Kernel")]
public class ScoreValidationTests
{
    private static bool Oracle(byte[] scores, int min, int max)
    {
        foreach (var v in scores)
        {
            if (v != Missing.Score && (v < min || v > max))
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(0, 10)]
    [InlineData(1, 7)]
    [InlineData(0, 1)]
    public void ScoreValidation_AllValid_MatchesOracleAtEveryLengthAndPosition(int min, int max)
    {
        var random = new Random(min * 31 + max);
        foreach (var length in KernelTestData.EdgeLengths)
        {
            var scores = new byte[length];
            for (var i = 0; i < length; i++)
            {
                scores[i] = random.Next(4) == 0 ? Missing.Score : (byte)random.Next(min, max + 1);
            }

            Assert.True(ScoreValidation.AllValid(scores, min, max), $"length {length}: valid column rejected");
            if (length == 0)
            {
                continue;
            }

            // One bad value, at the start, in the vector body, and in the scalar tail: each must be found.
            foreach (var at in new[] { 0, length / 2, length - 1 })
            {
                foreach (var bad in new byte[] { (byte)(min - 1), (byte)(max + 1), 254, 128 })
                {
                    if (bad == Missing.Score || (bad >= min && bad <= max))
                    {
                        continue;
                    }

                    var copy = (byte[])scores.Clone();
                    copy[at] = bad;
                    Assert.Equal(Oracle(copy, min, max), ScoreValidation.AllValid(copy, min, max));
                    Assert.False(ScoreValidation.AllValid(copy, min, max), $"length {length}: {bad} at {at} not found");
                }
            }
        }
    }
}
