using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// <see cref="RecordCopies"/> adds the threads' copies of the records into the first: summed in parts (one per thread,
/// as the parallel scatter does with large records), every counter and every 64-bit line word must come out as the sum
/// of all copies, whatever the number of parts and the lengths (parts are cut at whole lines).
/// </summary>
public class RecordCopiesTests
{
    /// <summary>Random copies and lengths, summed in 1 to 7 parts (each part once, in random order): every uint of the scores and every ulong of the lines is the wrapping sum of all copies.</summary>
    [Property(MaxTest = 200)]
    public void SumIntoFirst_InAnyNumberOfParts_AddsEveryCopy(int seed)
    {
        var random = new Random(seed);
        var threads = random.Next(1, 5);
        var groups = random.Next(0, 300);
        var scoreStride = 4 * random.Next(1, 10);
        var scoreLength = groups * scoreStride;
        var lineLength = groups * GroupStates.LineStride;
        using var copies = new RecordCopies(threads, scoreLength, lineLength);
        var expectedScores = new uint[scoreLength];
        var expectedLines = new ulong[lineLength / 2];
        for (var t = 0; t < threads; t++)
        {
            var scores = new uint[scoreLength + random.Next(0, 40)]; // a rented array may be longer than asked for
            var lines = new uint[lineLength + (2 * random.Next(0, 20))];
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = (uint)random.Next() * 3u;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                lines[i] = (uint)random.Next() * 5u;
            }

            copies.Use(t, scores, lines);
            for (var i = 0; i < scoreLength; i++)
            {
                expectedScores[i] += scores[i];
            }

            for (var w = 0; w < expectedLines.Length; w++)
            {
                expectedLines[w] += lines[2 * w] | ((ulong)lines[(2 * w) + 1] << 32);
            }
        }

        var tail = copies.Scores(0)[scoreLength..].ToArray();
        var parts = random.Next(1, 8);
        foreach (var part in Enumerable.Range(0, parts).OrderBy(_ => random.Next()))
        {
            copies.SumIntoFirst(part, parts);
        }

        Assert.Equal(expectedScores, copies.Scores(0)[..scoreLength]);
        var first = copies.Lines(0);
        for (var w = 0; w < expectedLines.Length; w++)
        {
            Assert.Equal(expectedLines[w], first[2 * w] | ((ulong)first[(2 * w) + 1] << 32));
        }

        Assert.Equal(tail, copies.Scores(0)[scoreLength..]); // nothing past the records is written
    }
}
