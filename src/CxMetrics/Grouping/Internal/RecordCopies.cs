using System.Buffers;
using System.Numerics.Tensors;

namespace CxMetrics.Internal;

/// <summary>
/// One copy of compact score records and lines per thread (the group records, or one batch's cell records): each
/// thread scatters its run of rows into its own copy, then <see cref="SumIntoFirst"/> adds them up. Copies it rented
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
    public void SumIntoFirst()
    {
        var scores = _scores[0].AsSpan(0, scoreLength);
        var lines = _lines[0].AsSpan(0, lineLength);
        for (var t = 1; t < _scores.Length; t++)
        {
            TensorPrimitives.Add(scores, _scores[t].AsSpan(0, scoreLength), scores);
            GroupStates.AddLineWords(lines, _lines[t].AsSpan(0, lineLength));
        }
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
