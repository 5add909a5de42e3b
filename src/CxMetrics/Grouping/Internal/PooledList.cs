using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// A growable list on <see cref="ArrayPool{T}"/> arrays (<see cref="Dispose"/> returns the array): an accumulator made
/// for one call (the one-shot compute) reuses warm memory instead of a new large array per call (a list of 15,000 group
/// coordinates is 300 KB, a large-object allocation; see <see cref="ChunkedArray{T}"/> for why that matters).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class PooledList<T> : IDisposable
{
    private T[] _items = [];

    /// <summary>The number of elements.</summary>
    public int Count { get; private set; }

    /// <summary>Element <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _items[index];
        }
    }

    /// <summary>The elements.</summary>
    public ReadOnlySpan<T> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>Appends an element.</summary>
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            EnsureCapacity(Count + 1);
        }

        _items[Count++] = item;
    }

    /// <summary>The pooled array (elements past <see cref="Count"/> are unused): for filling <see cref="Append"/>ed elements on several threads.</summary>
    public T[] Items => _items;

    /// <summary>Appends <paramref name="count"/> elements, to be written through <see cref="Items"/> (their values are undefined until then).</summary>
    public void Append(int count)
    {
        EnsureCapacity(Count + count);
        Count += count;
    }

    /// <summary>Makes room for <paramref name="capacity"/> elements (growing at least twofold).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            var items = ArrayPool<T>.Shared.Rent(Math.Max(capacity, Math.Max(16, 2 * _items.Length)));
            _items.AsSpan(0, Count).CopyTo(items);
            Return();
            _items = items;
        }
    }

    /// <summary>Returns the pooled array; the list is empty afterwards.</summary>
    public void Dispose()
    {
        Return();
        _items = [];
        Count = 0;
    }

    private void Return()
    {
        if (_items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_items, System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}
