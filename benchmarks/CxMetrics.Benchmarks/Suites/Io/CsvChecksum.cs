namespace CxMetrics.Benchmarks.Suites;

/// <summary>What both CSV readers must agree on: rows, CSAT sum, talk-time count and tick sum, channel codes seen.</summary>
public readonly record struct CsvChecksum(long Rows, long CsatSum, long TalkCount, long TalkTicks, long ChannelCodeSum)
{
    public CsvChecksum Add(InteractionBatch batch)
    {
        long csat = 0, talkCount = 0, talkTicks = 0, channels = 0;
        foreach (var v in batch.Csat.Span)
        {
            csat += v == Missing.Score ? 0 : v;
        }

        foreach (var t in batch.TalkTime.Span)
        {
            if (t >= 0)
            {
                talkCount++;
                talkTicks += t;
            }
        }

        foreach (var c in batch.Channel.Codes.Span)
        {
            channels += c + 1;
        }

        return new(Rows + batch.Length, CsatSum + csat, TalkCount + talkCount, TalkTicks + talkTicks, ChannelCodeSum + channels);
    }
}
