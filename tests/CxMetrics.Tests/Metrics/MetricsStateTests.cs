using CxMetrics.Internal;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Metrics;

/// <summary>Merge laws of the exact state: merging is addition, so it is associative and commutative with the empty state as identity.</summary>
public class MetricsStateTests
{
    private static readonly MetricOptions Options = MetricOptions.Default with { SlaPolicy = SyntheticInteractions.DefaultPolicy };

    private static MetricsState StateOf(int rows, int seed)
    {
        using var batch = SyntheticInteractions.Generate(rows, seed);
        return StateOf(batch);
    }

    private static MetricsState StateOf(InteractionBatch batch)
    {
        var state = default(MetricsState);
        BatchAccumulation.Accumulate(batch, Options, ref state);
        return state;
    }

    private static MetricsState Merge(MetricsState a, in MetricsState b)
    {
        a.Add(b);
        return a;
    }

    /// <summary>Every count and sum of a state, for comparison.</summary>
    internal static string Snapshot(in MetricsState s)
    {
        static string Counts(in ScoreCounts c)
        {
            var values = new long[ScoreCounts.Length];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = c[v];
            }

            return string.Join(",", values);
        }

        return $"{s.Contacts}|{Counts(s.Csat)}|{Counts(s.Nps)}|{Counts(s.Ces)}|{Counts(s.Fcr)}|{s.Handle.Count},{s.Handle.SumTicks}|"
            + $"{s.FirstResponse.Count},{s.FirstResponse.SumTicks}|{s.Resolution.Count},{s.Resolution.SumTicks}|{s.Sla.Measured},{s.Sla.Breached}";
    }

    [Property(MaxTest = 30)]
    public void MetricsState_Add_IsCommutative(ushort rowsA, ushort rowsB, int seed)
    {
        var a = StateOf(rowsA % 3000, seed);
        var b = StateOf(rowsB % 3000, seed + 1);
        Assert.Equal(Snapshot(Merge(a, b)), Snapshot(Merge(b, a)));
    }

    [Property(MaxTest = 30)]
    public void MetricsState_Add_IsAssociative(ushort rowsA, ushort rowsB, ushort rowsC, int seed)
    {
        var a = StateOf(rowsA % 3000, seed);
        var b = StateOf(rowsB % 3000, seed + 1);
        var c = StateOf(rowsC % 3000, seed + 2);
        Assert.Equal(Snapshot(Merge(Merge(a, b), c)), Snapshot(Merge(a, Merge(b, c))));
    }

    [Property(MaxTest = 30)]
    public void MetricsState_Add_EmptyIsIdentity(ushort rows, int seed)
    {
        var a = StateOf(rows % 3000, seed);
        Assert.Equal(Snapshot(a), Snapshot(Merge(a, default)));
        Assert.Equal(Snapshot(a), Snapshot(Merge(default, a)));
        Assert.Equal(Snapshot(default), Snapshot(StateOf(0, seed)));
    }

    [Property(MaxTest = 30)]
    public void MetricsState_Add_OfSlicesEqualsTheWholeBatch(ushort rows, ushort cut, int seed)
    {
        var n = rows % 5000;
        var at = n == 0 ? 0 : cut % (n + 1);
        using var batch = SyntheticInteractions.Generate(n, seed);
        var whole = StateOf(batch);
        var parts = Merge(StateOf(batch.Slice(0, at)), StateOf(batch.Slice(at, n - at)));
        Assert.Equal(Snapshot(whole), Snapshot(parts));
        Assert.NotEqual(n > 0, Snapshot(whole) == Snapshot(default));
    }
}
