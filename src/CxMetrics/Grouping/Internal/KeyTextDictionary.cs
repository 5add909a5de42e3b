namespace CxMetrics.Internal;

/// <summary>An accumulator's own key dictionary: text → code and code → text, so batches with different dictionaries share codes.</summary>
internal sealed class KeyTextDictionary
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public int Count => _texts.Count;

    public string this[int code] => _texts[code];

    public int GetOrAdd(string text)
    {
        if (!_codes.TryGetValue(text, out var code))
        {
            code = _texts.Count;
            _codes.Add(text, code);
            _texts.Add(text);
        }

        return code;
    }

    /// <summary>A copy of the texts, by code.</summary>
    public string[] ToArray() => [.. _texts];

    /// <summary>Maps every code of a batch dictionary to this dictionary's code (one lookup per distinct text).</summary>
    public void Remap(IReadOnlyList<string> batchDictionary, Span<int> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = GetOrAdd(batchDictionary[i]);
        }
    }

    /// <summary>The rank of every code when the texts are sorted ordinally.</summary>
    public int[] OrdinalRanks()
    {
        var order = new int[_texts.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var texts = _texts;
        Array.Sort(order, (a, b) => string.CompareOrdinal(texts[a], texts[b]));
        var ranks = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }
}
