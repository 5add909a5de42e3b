using System.Text;
using CxMetrics.IO.Internal;
using FsCheck.Xunit;

namespace CxMetrics.IO.Tests;

/// <summary>The reader's key dictionary against a plain <see cref="Dictionary{TKey,TValue}"/> of byte strings.</summary>
public class KeyDictionaryTests
{
    [Property(MaxTest = 100, EndSize = 1_000_000)]
    public bool KeyDictionary_Codes_MatchFirstAppearanceOrder(int seed)
    {
        var random = new Random(seed);
        var distinct = random.Next(1, 40_000);
        var keys = new List<byte[]>();
        for (var k = 0; k < distinct; k++)
        {
            keys.Add(RandomKey(random, k));
        }

        var dictionary = new KeyDictionary();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = random.Next(1, 3 * distinct);
        var sequence = new byte[rows][];
        for (var r = 0; r < rows; r++)
        {
            sequence[r] = keys[random.Next(2) == 0 ? random.Next(Math.Min(4, keys.Count)) : random.Next(keys.Count)];
        }

        // As a CSV column: every key followed by a delimiter, looked up in chunks (prefetched once the table is large).
        var buffer = new List<byte>();
        var bounds = new int[(rows * 2) + 2];
        for (var r = 0; r < rows; r++)
        {
            bounds[2 * r] = buffer.Count;
            buffer.AddRange(sequence[r]);
            buffer.Add((byte)',');
            bounds[(2 * r) + 1] = buffer.Count;
        }

        var bytes = buffer.ToArray();
        var codes = new int[rows];
        var byChunks = random.Next(2) == 0;
        for (var r = 0; r < rows;)
        {
            var n = Math.Min(rows - r, random.Next(1, 2000));
            if (byChunks)
            {
                dictionary.Codes(bytes, bounds[(2 * r)..], 2, 0, n, codes, r);
            }
            else
            {
                for (var i = r; i < r + n; i++)
                {
                    codes[i] = sequence[i].Length == 0 ? Missing.Key : dictionary.Code(sequence[i]);
                }
            }

            r += n;
        }

        for (var r = 0; r < rows; r++)
        {
            if (sequence[r].Length == 0)
            {
                if (codes[r] != Missing.Key)
                {
                    return false;
                }

                continue;
            }

            var text = Convert.ToHexString(sequence[r]);
            if (!expected.TryGetValue(text, out var code))
            {
                code = expected.Count;
                expected[text] = code;
            }

            if (codes[r] != code || dictionary.Keys[code] != Encoding.UTF8.GetString(sequence[r]))
            {
                throw new InvalidOperationException($"row {r}: key {text} got code {codes[r]}, expected {code}");
            }
        }

        return dictionary.Keys.Count == expected.Count;
    }

    /// <summary>Keys of 0..40 bytes that often share a 16-byte prefix or differ only in a trailing zero byte.</summary>
    private static byte[] RandomKey(Random random, int k)
    {
        var kind = random.Next(5);
        var prefix = "customer-prefix-"u8.ToArray(); // 16 bytes
        return kind switch
        {
            0 => [.. prefix, .. Encoding.ASCII.GetBytes(k.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))],
            1 => [.. Encoding.ASCII.GetBytes("k" + k.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. new byte[random.Next(3)]],
            2 => [],
            _ => RandomBytes(random, random.Next(1, 41)),
        };
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(random.Next(4) == 0 ? 0 : random.Next('a', 'e'));
        }

        return bytes;
    }
}
