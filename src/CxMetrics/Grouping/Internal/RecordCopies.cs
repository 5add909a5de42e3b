using System.Buffers;
using System.Numerics.Tensors;

namespace CxMetrics.Internal;

/// <summary>
/// One copy of compact score records and lines per thread (the group records, or one batch's cell records): each
/// thread scatters its run of rows into its own copy, then <see cref="SumIntoFirst()"/> adds them up. Copies it rented
/// are zeroed and returned by <see cref="Dispose"/>; a copy given with <see cref="Use"/> (the state's own arrays) is not.
/// </summary>
internal sealed class RecordCopies(int threads, int scoreLength, int lineLength) : IDisposable
{
    private readonly uint[][] _scores = new uint[threads][];
    private readonly uint[][] _lines = new uint[threads][];
    private readonly bool[] _rented = new bool[threads];

    /// <summary>Copy <paramref name="t"/>'s score records.</summary>
    public uint[] Scores(int t) => _scores[t];

    /// <summary>Copy <paramref name="t"/>'s lines.</summary>
    public uint[] Lines(int t) => _lines[t];

    /// <summary>Makes copy <paramref name="t"/> the given arrays (not returned to the pool).</summary>
    public void Use(int t, uint[] scores, uint[] lines)
    {
        _scores[t] = scores;
        _lines[t] = lines;
    }

    /// <summary>Makes copy <paramref name="t"/> zeroed pooled arrays (thread-safe for distinct <paramref name="t"/>).</summary>
    public void Rent(int t)
    {
        _scores[t] = ArrayPool<uint>.Shared.Rent(scoreLength);
        _lines[t] = ArrayPool<uint>.Shared.Rent(lineLength);
        _rented[t] = true;
        Array.Clear(_scores[t], 0, scoreLength);
        Array.Clear(_lines[t], 0, lineLength);
    }

    /// <summary>Adds every other copy to copy 0 (counters as 32-bit, lines by <see cref="GroupStates.AddLineWords"/>).</summary>
    public void SumIntoFirst() => SumIntoFirst(0, 1);

    /// <summary>
    /// Adds part <paramref name="part"/> of <paramref name="parts"/> of every other copy to copy 0 (parts are disjoint
    /// runs of whole lines and records: threads may add distinct parts at once).
    /// </summary>
    public void SumIntoFirst(int part, int parts)
    {
        var (scoreStart, scoreCount) = Part(scoreLength, part, parts);
        var (lineStart, lineCount) = Part(lineLength, part, parts);
        var scores = _scores[0].AsSpan(scoreStart, scoreCount);
        var lines = _lines[0].AsSpan(lineStart, lineCount);
        for (var t = 1; t < _scores.Length; t++)
        {
            TensorPrimitives.Add(scores, _scores[t].AsSpan(scoreStart, scoreCount), scores);
            GroupStates.AddLineWords(lines, _lines[t].AsSpan(lineStart, lineCount));
        }
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of <paramref name="length"/> uints, cut at multiples of 16 (a whole line; score records are multiples of 4 and are added as uints).</summary>
    private static (int Start, int Count) Part(int length, int part, int parts)
    {
        var size = (((length + parts - 1) / parts) + 15) & ~15;
        var start = Math.Min((long)part * size, length);
        return ((int)start, (int)Math.Min(size, length - start));
    }

    public void Dispose()
    {
        for (var t = 0; t < _rented.Length; t++)
        {
            if (_rented[t])
            {
                _rented[t] = false;
                ArrayPool<uint>.Shared.Return(_scores[t]);
                ArrayPool<uint>.Shared.Return(_lines[t]);
            }
        }
    }
}
