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

    /// <summary>
    /// The rank of every code when the texts are sorted ordinally by Unicode code point (as the CLI's reports and
    /// docs/grouping.md order keys; UTF-16 ordinal would put U+E000..U+FFFF after supplementary characters).
    /// </summary>
    public int[] OrdinalRanks()
    {
        var order = new int[_texts.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var texts = _texts;
        Array.Sort(order, (a, b) => CompareByCodePoint(texts[a], texts[b]));
        var ranks = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    /// <summary>Orders two texts by code point: surrogate code units (U+D800..U+DFFF) sort after U+E000..U+FFFF, where the code points they encode (U+10000 and above) belong.</summary>
    internal static int CompareByCodePoint(string x, string y)
    {
        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length - y.Length;
        }

        return Weight(x[common]) - Weight(y[common]);

        static int Weight(char c) => c is >= '\uD800' and <= '\uDFFF' ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;
    }
}
