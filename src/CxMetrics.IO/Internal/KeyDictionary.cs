using System.Text;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Key texts of one key column, shared by every batch of a reader and only ever appended to, so a code keeps its
/// meaning across batches. Looks keys up from UTF-8 bytes without allocating; only a new key makes a string.
/// </summary>
internal sealed class KeyDictionary
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _chars = new char[256];
    private byte[] _lastBytes = new byte[64];
    private int _lastLength = -1;
    private int _lastCode;

    public KeyDictionary() => _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The key texts, by code; grows as new keys appear.</summary>
    public List<string> Keys { get; } = [];

    public int Code(ReadOnlySpan<byte> utf8)
    {
        // Low-cardinality columns (channel, priority, team) often repeat the previous key: compare bytes first.
        if (utf8.Length == _lastLength && utf8.SequenceEqual(_lastBytes.AsSpan(0, _lastLength)))
        {
            return _lastCode;
        }

        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }

        var n = Encoding.UTF8.GetChars(utf8, _chars);
        var code = Code(_chars.AsSpan(0, n));
        if (utf8.Length <= _lastBytes.Length)
        {
            utf8.CopyTo(_lastBytes);
            _lastLength = utf8.Length;
            _lastCode = code;
        }

        return code;
    }

    public int Code(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var code))
        {
            return code;
        }

        var key = text.ToString();
        code = Keys.Count;
        _codes.Add(key, code);
        Keys.Add(key);
        return code;
    }
}
