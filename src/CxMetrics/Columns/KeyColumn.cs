namespace CxMetrics;

/// <summary>
/// A dictionary-encoded categorical column (channel, agent, team, priority, customer): one
/// <see cref="int"/> code per row indexing <see cref="Dictionary"/>, or <see cref="Missing.Key"/>.
/// </summary>
/// <remarks>A default (empty) key column means the column is absent: every row is unknown.</remarks>
public readonly struct KeyColumn : IEquatable<KeyColumn>
{
    private readonly IReadOnlyList<string>? _dictionary;

    /// <summary>Creates a key column over caller-owned codes and their dictionary.</summary>
    /// <param name="codes">One code per row: an index into <paramref name="dictionary"/>, or <see cref="Missing.Key"/>.</param>
    /// <param name="dictionary">The distinct key texts; code <c>i</c> stands for <c>dictionary[i]</c>.</param>
    public KeyColumn(ReadOnlyMemory<int> codes, IReadOnlyList<string> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        Codes = codes;
        _dictionary = dictionary;
    }

    /// <summary>The code of each row.</summary>
    public ReadOnlyMemory<int> Codes { get; }

    /// <summary>The key texts, indexed by code.</summary>
    public IReadOnlyList<string> Dictionary => _dictionary ?? [];

    /// <summary>Whether the column is absent (no codes).</summary>
    public bool IsEmpty => Codes.IsEmpty;

    /// <summary>The key text of a row, or <see langword="null"/> when it is unknown.</summary>
    /// <param name="row">A 0-based row index.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? GetText(int row)
    {
        if (Codes.IsEmpty)
        {
            return null;
        }

        var code = Codes.Span[row];
        return code < 0 ? null : Dictionary[code];
    }

    /// <summary>The code of a key text, or <see cref="Missing.Key"/> when the dictionary does not hold it.</summary>
    /// <param name="text">The key text (ordinal comparison).</param>
    /// <returns>The code.</returns>
    public int FindCode(string text)
    {
        var dictionary = Dictionary;
        for (var i = 0; i < dictionary.Count; i++)
        {
            if (string.Equals(dictionary[i], text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Missing.Key;
    }

    /// <summary>A view of rows <paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>, sharing codes and dictionary.</summary>
    /// <param name="start">The first row.</param>
    /// <param name="length">The number of rows.</param>
    /// <returns>The slice (an absent column stays absent).</returns>
    public KeyColumn Slice(int start, int length) =>
        Codes.IsEmpty ? this : new KeyColumn(Codes.Slice(start, length), Dictionary);

    /// <inheritdoc/>
    public bool Equals(KeyColumn other) => Codes.Equals(other.Codes) && ReferenceEquals(_dictionary, other._dictionary);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KeyColumn other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Codes, _dictionary);

    /// <summary>Compares two key columns for identity of codes and dictionary.</summary>
    /// <param name="left">The first column.</param>
    /// <param name="right">The second column.</param>
    /// <returns>Whether they are the same view.</returns>
    public static bool operator ==(KeyColumn left, KeyColumn right) => left.Equals(right);

    /// <summary>Compares two key columns for difference.</summary>
    /// <param name="left">The first column.</param>
    /// <param name="right">The second column.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(KeyColumn left, KeyColumn right) => !left.Equals(right);
}
