using System.Globalization;
using System.Text;

namespace CxMetrics.IO.Internal;

/// <summary>
/// Text from a file shown to a person (an error message, a terminal table): its control characters (C0, DEL, C1) as
/// escapes, <c>\0</c>, <c>\t</c>, <c>\n</c>, <c>\r</c> or <c>\u001B</c>, so that what was refused is visible and a
/// terminal does not act on the bytes (an ESC sequence in a key could clear or recolour it).
/// </summary>
internal static class ControlCharacters
{
    /// <summary><paramref name="text"/> with its control characters escaped (the same string when it has none).</summary>
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001F') && !text.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\0' => escaped.Append("\\0"),
                '\t' => escaped.Append("\\t"),
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                < ' ' or (>= '\u007F' and <= '\u009F') => escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
