using System.Text;
using CxMetrics.IO.Internal;
using FsCheck.Xunit;

namespace CxMetrics.IO.Tests;

/// <summary>The CSV fast path's one-pass duration and instant parsers against <see cref="ValueParser"/> (the reference).</summary>
public class FastValueParserTests
{
    [Property(MaxTest = 2000, EndSize = 1_000_000)]
    public bool FastDuration_AcceptedValues_EqualReference(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var length = random.Next(1, 18);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(12) switch { 0 => '.', 1 => "x-+ e,"[random.Next(6)], _ => (char)('0' + random.Next(10)) });
        }

        var bytes = Pad(Encoding.ASCII.GetBytes(text.ToString()));
        if (!BatchColumns.FastDuration(ref bytes[0], length, out var fast))
        {
            return true; // the reference decides
        }

        var reason = ValueParser.Duration(bytes.AsSpan(0, length), out var reference);
        return reason is null && fast == reference
            ? true
            : throw new InvalidOperationException($"'{text}': fast {fast}, reference {reference} ({reason})");
    }

    [Property(MaxTest = 3000, EndSize = 1_000_000)]
    public bool SwarDuration_EqualsReference(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var length = random.Next(1, 17);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(8) switch { 0 => '.', 1 => "x-+ e,/:"[random.Next(8)], _ => (char)('0' + random.Next(10)) });
        }

        if (random.Next(3) == 0)
        {
            // Mostly the common shape: 1..8 digits, maybe a dot and 0..7 decimals.
            text.Clear().Append(random.NextInt64(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture)[..random.Next(1, 9)]);
            if (random.Next(2) == 0)
            {
                text.Append('.').Append(random.NextInt64(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture)[..random.Next(0, 8)]);
            }

            length = text.Length;
        }

        // Whatever follows the field (the next fields of the record) must not matter.
        var bytes = new byte[24 + length];
        Encoding.ASCII.GetBytes(text.ToString()).CopyTo(bytes, 0);
        for (var i = length; i < bytes.Length; i++)
        {
            bytes[i] = (byte)",.0123456789\n\r"[random.Next(14)];
        }

        var reason = ValueParser.Duration(bytes.AsSpan(0, length), out var reference);
        var accepted = BatchColumns.SwarDuration(ref bytes[0], length, out var fast);
        if (accepted && (reason is not null || fast != reference))
        {
            throw new InvalidOperationException($"'{text}': swar {fast}, reference {reference} ({reason})");
        }

        // Every valid value of at most 8 whole digits and 7 decimals takes this path.
        var dot = text.ToString().IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? length : dot;
        var common = reason is null && whole is >= 1 and <= 8 && length - whole - 1 <= 7;
        return accepted == common;
    }

    [Property(MaxTest = 3000, EndSize = 1_000_000)]
    public bool FastInstant_AcceptedValues_EqualReference(int seed)
    {
        var random = new Random(seed);
        string Two(int max) => random.Next(max).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        var year = random.Next(10) == 0 ? random.Next(0, 10_000) : random.Next(1990, 2101);
        var text = $"{year:D4}-{Two(14)}-{Two(33)}T{Two(25)}:{Two(61)}:{Two(61)}Z";
        var chars = text.ToCharArray();
        if (random.Next(4) == 0)
        {
            chars[random.Next(chars.Length)] = "0123456789-:TZtz /*+"[random.Next(20)]; // mutate one byte
        }

        text = new string(chars);
        var bytes = Pad(Encoding.ASCII.GetBytes(text));
        var reason = ValueParser.Instant(bytes.AsSpan(0, 20), out var reference);
        var accepted = BatchColumns.FastInstant(ref bytes[0], out var fast);
        if (accepted && (reason is not null || fast != reference))
        {
            throw new InvalidOperationException($"'{text}': fast {fast}, reference {reference} ({reason})");
        }

        // Every valid instant of this form takes the fast path.
        return accepted || reason is not null;
    }

    private static byte[] Pad(byte[] bytes) => [.. bytes, .. new byte[16]];
}
