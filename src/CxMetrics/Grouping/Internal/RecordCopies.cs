using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// One copy of the compact group records per thread (the group records, or one batch's cell records): each thread
/// scatters its rows into its own copy, then <see cref="SumIntoFirst()"/> adds them up (a copy never rented counts as
/// zeros). Copies are zeroed when rented and returned by <see cref="Dispose"/>; a copy given with <see cref="Use(int, GroupStates)"/> (the
/// state's own array) is not.
/// </summary>
internal sealed class RecordCopies(int threads, int length) : IDisposable
{
    private readonly uint[][] _records = new uint[threads][];
    private readonly int[] _start = new int[threads];
    private readonly bool[] _rented = new bool[threads];

    /// <summary>Copy <paramref name="t"/>'s records, from their start to the end of the array (a rented copy starts at a 64-byte boundary, as <see cref="GroupStates.Records"/>).</summary>
    public Span<uint> Records(int t) => _records[t] is { } copy ? copy.AsSpan(_start[t]) : default;

    /// <summary>Makes copy <paramref name="t"/> the records of <paramref name="states"/> (not returned to the pool).</summary>
    public void Use(int t, GroupStates states) => Use(t, states.RecordsArray, states.RecordsStart);

    /// <summary>Makes copy <paramref name="t"/> the records in <paramref name="records"/> from index <paramref name="start"/> on (not returned to the pool).</summary>
    public void Use(int t, uint[] records, int start)
    {
        _records[t] = records;
        _start[t] = start;
    }

    /// <summary>Makes copy <paramref name="t"/> a zeroed pooled array (thread-safe for distinct <paramref name="t"/>).</summary>
    public void Rent(int t)
    {
        var copy = GroupStates.RentAligned(length, out _start[t]);
        _records[t] = copy;
        _rented[t] = true;
        copy.AsSpan(_start[t], length).Clear();
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
        var first = Records(0).Slice(start, count);
        for (var t = 1; t < _records.Length; t++)
        {
            // A thread that found no rows left rented no copy.
            if (_records[t] is not null)
            {
                GroupStates.AddWords(first, Records(t).Slice(start, count));
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
