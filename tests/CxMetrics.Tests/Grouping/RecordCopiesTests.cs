using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// <see cref="RecordCopies"/> adds the threads' copies of the records into the first: summed in parts (one per thread,
/// as the parallel scatter does with large records), every 64-bit word (a pair of counters, or a sum) must come out as
/// the wrapping sum of all copies, whatever the number of parts and the lengths (parts are cut at whole lines), and
/// nothing past the records may be written.
/// </summary>
public class RecordCopiesTests
{
    /// <summary>Random copies and lengths, summed in 1 to 7 parts (each part once, in random order).</summary>
    [Property(MaxTest = 200)]
    public void SumIntoFirst_InAnyNumberOfParts_AddsEveryCopy(int seed)
    {
        var random = new Random(seed);
        var threads = random.Next(1, 5);
        var groups = random.Next(0, 300);
        var stride = GroupStates.LineStride + (4 * random.Next(1, 10));
        var length = groups * stride;
        using var copies = new RecordCopies(threads, length);
        var expected = new ulong[length / 2];
        for (var t = 0; t < threads; t++)
        {
            // A rented array may be longer than asked for, and its records start at its first 64-byte boundary.
            var start = random.Next(0, 16);
            var records = new uint[start + length + (2 * random.Next(0, 20))];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = (uint)random.Next() * 5u;
            }

            copies.Use(t, records, start);
            for (var w = 0; w < expected.Length; w++)
            {
                expected[w] += records[start + (2 * w)] | ((ulong)records[start + (2 * w) + 1] << 32);
            }
        }

        var tail = copies.Records(0)[length..].ToArray();
        var parts = random.Next(1, 8);
        foreach (var part in Enumerable.Range(0, parts).OrderBy(_ => random.Next()))
        {
            copies.SumIntoFirst(part, parts);
        }

        var first = copies.Records(0);
        for (var w = 0; w < expected.Length; w++)
        {
            Assert.Equal(expected[w], first[2 * w] | ((ulong)first[(2 * w) + 1] << 32));
        }

        Assert.Equal(tail, first[length..]);
    }
}
