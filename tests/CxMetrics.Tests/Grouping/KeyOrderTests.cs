using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// Groups are ordered by key text in Unicode code point order (as the CLI orders its reports, FINDINGS N1): UTF-16
/// ordinal order would put U+E000..U+FFFF (private use, full-width forms) after supplementary characters (emoji).
/// </summary>
public class KeyOrderTests
{
    [Fact]
    public void GroupedMetrics_KeysAboveTheSurrogates_OrderByCodePoint()
    {
        string[] dictionary = ["😀", "Ａ", "a", "\uE000", "z", "é"];
        var batch = new InteractionBatch(dictionary.Length + 1) { Channel = new KeyColumn(new[] { 0, 1, 2, 3, 4, 5, -1 }, dictionary) };
        var result = GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions { Keys = [GroupKey.Channel] });
        Assert.Equal([null, "a", "z", "é", "\uE000", "Ａ", "😀"], result.Groups.Select(g => g.Keys[0]));
    }

    /// <summary>Random texts from characters on both sides of the surrogates: the comparison agrees with comparing the texts' code points (runes) one by one.</summary>
    [Property(MaxTest = 300)]
    public void CompareByCodePoint_EqualsRuneOrder(int seed)
    {
        var random = new Random(seed);
        string[] pieces = ["a", "é", "\uD7FF", "\uE000", "Ａ", "\uFFFD", "😀", "𝄞", "\U0010FFFF", ""];
        string Text() => string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => pieces[random.Next(pieces.Length)]));
        var x = Text();
        var y = Text();
        Assert.Equal(Math.Sign(RuneOrder(x, y)), Math.Sign(KeyTextDictionary.CompareByCodePoint(x, y)));
    }

    private static int RuneOrder(string x, string y)
    {
        var a = x.EnumerateRunes().Select(r => r.Value).ToArray();
        var b = y.EnumerateRunes().Select(r => r.Value).ToArray();
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
