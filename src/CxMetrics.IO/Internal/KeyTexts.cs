using System.Collections;
using System.Text;

namespace CxMetrics.IO.Internal;

/// <summary>
/// The texts of a <see cref="KeyDictionary"/> by code, as the <see cref="KeyColumn"/> dictionary of every batch: each
/// text decoded from the key's UTF-8 bytes on first read and kept (invalid UTF-8 reads as U+FFFD). Reading from
/// several threads is safe (two threads may decode the same text once each); the reader only appends keys.
/// </summary>
internal sealed class KeyTexts(KeyDictionary keys) : IReadOnlyList<string>
{
    private string?[] _texts = new string?[32];

    public int Count => keys.Count;

    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)keys.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"A key code is in 0..{keys.Count - 1}.");
            }

            var texts = _texts;
            if (index < texts.Length && texts[index] is { } text)
            {
                return text;
            }

            text = Encoding.UTF8.GetString(keys.Bytes(index));
            if (index < texts.Length)
            {
                texts[index] = text;
            }

            return text;
        }
    }

    /// <summary>Makes room for <paramref name="count"/> texts (called by the dictionary when it adds a key).</summary>
    public void Grow(int count)
    {
        if (count > _texts.Length)
        {
            var grown = new string?[Math.Max(count, _texts.Length * 2)];
            _texts.AsSpan().CopyTo(grown);
            _texts = grown;
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
