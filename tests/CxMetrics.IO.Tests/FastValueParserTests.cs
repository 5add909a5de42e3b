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
