using CxMetrics.IO;

namespace CxMetrics.Cli;

/// <summary>
/// <c>cxmetrics generate</c>: <see cref="SyntheticInteractions"/> in chunks of one million rows (seed, seed+1, ...), so
/// memory stays bounded for any row count; opened_at is cut to whole seconds, as helpdesk exports write it.
/// </summary>
internal static class Generator
{
    private const int ChunkRows = 1_000_000;

    public static void Write(string path, long rows, int seed, int days)
    {
        using var writer = InteractionWriter.Create(path);
        var chunk = 0;
        for (long done = 0; done < rows; chunk++)
        {
            var n = (int)Math.Min(ChunkRows, rows - done);
            using var generated = SyntheticInteractions.Generate(n, unchecked(seed + chunk), SyntheticInteractions.DefaultStart, days);
            var opened = new long[n];
            var source = generated.OpenedAt.Span;
            for (var i = 0; i < n; i++)
            {
                opened[i] = source[i] - (source[i] % TimeSpan.TicksPerSecond);
            }

            var batch = new InteractionBatch(n)
            {
                Csat = generated.Csat,
                Nps = generated.Nps,
                Ces = generated.Ces,
                FirstContactResolved = generated.FirstContactResolved,
                TalkTime = generated.TalkTime,
                HoldTime = generated.HoldTime,
                WrapTime = generated.WrapTime,
                FirstResponseTime = generated.FirstResponseTime,
                ResolutionTime = generated.ResolutionTime,
                SlaTarget = generated.SlaTarget,
                OpenedAt = opened,
                Channel = generated.Channel,
                Agent = generated.Agent,
                Team = generated.Team,
                Priority = generated.Priority,
                Customer = generated.Customer,
            };
            writer.Write(batch);
            done += n;
        }
    }
}
