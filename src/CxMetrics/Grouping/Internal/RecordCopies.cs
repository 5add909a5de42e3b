using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// One copy of the compact group records per thread (the group records, or one batch's cell records): each thread
/// scatters its rows into its own copy, then <see cref="SumIntoFirst()"/> adds them up (a copy never rented counts as
/// zeros). Copies are zeroed when rented and returned by <see cref="Dispose"/>; a copy given with <see cref="Use"/> (the
/// state's own array) is not.
/// </summary>
internal sealed class RecordCopies(int threads, int length) : IDisposable
{
    private readonly uint[][] _records = new uint[threads][];
    private readonly bool[] _rented = new bool[threads];

    /// <summary>Copy <paramref name="t"/>'s records.</summary>
    public uint[] Records(int t) => _records[t];

    /// <summary>Makes copy <paramref name="t"/> the given array (not returned to the pool).</summary>
    public void Use(int t, uint[] records) => _records[t] = records;

    /// <summary>Makes copy <paramref name="t"/> a zeroed pooled array (thread-safe for distinct <paramref name="t"/>).</summary>
    public void Rent(int t)
    {
        _records[t] = ArrayPool<uint>.Shared.Rent(length);
        _rented[t] = true;
        Array.Clear(_records[t], 0, length);
    }

    /// <summary>Adds every other copy to copy 0 (as 64-bit words: <see cref="GroupStates.AddWords"/>).</summary>
    public void SumIntoFirst() => SumIntoFirst(0, 1);

    /// <summary>
    /// Adds part <paramref name="part"/> of <paramref name="parts"/> of every other copy to copy 0 (parts are disjoint
    /// runs of whole 64-byte lines: threads may add distinct parts at once).
    /// </summary>
    public void SumIntoFirst(int part, int parts)
    {
        var size = (((length + parts - 1) / parts) + 15) & ~15;
        var start = (int)Math.Min((long)part * size, length);
        var count = Math.Min(size, length - start);
        var first = _records[0].AsSpan(start, count);
        for (var t = 1; t < _records.Length; t++)
        {
            // A thread that found no rows left rented no copy.
            if (_records[t] is { } copy)
            {
                GroupStates.AddWords(first, copy.AsSpan(start, count));
            }
        }
    }

    public void Dispose()
    {
        for (var t = 0; t < _rented.Length; t++)
        {
            if (_rented[t])
            {
                _rented[t] = false;
                ArrayPool<uint>.Shared.Return(_records[t]);
            }
        }
    }
}
