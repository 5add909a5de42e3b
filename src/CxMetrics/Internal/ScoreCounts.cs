using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>
/// The state of every score metric (CSAT, NPS, CES, and FCR flags as a 0..1 scale): how many answers had each
/// value 0..10. Every variant of the metrics (top-box, mean, bands) is a function of these counts, so the state
/// does not depend on the options and merging is plain addition.
/// </summary>
[InlineArray(Length)]
internal struct ScoreCounts
{
    public const int Length = ScoreScale.Max + 1;

    private long _element0;

    public readonly long Total(int min, int max)
    {
        long total = 0;
        for (var v = min; v <= max; v++)
        {
            total += this[v];
        }

        return total;
    }

    public readonly long WeightedTotal(int min, int max)
    {
        long total = 0;
        for (var v = min; v <= max; v++)
        {
            total += this[v] * v;
        }

        return total;
    }

    public void Add(in ScoreCounts other)
    {
        for (var v = 0; v < Length; v++)
        {
            this[v] += other[v];
        }
    }
}
