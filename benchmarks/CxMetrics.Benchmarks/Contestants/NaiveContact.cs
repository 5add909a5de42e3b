namespace CxMetrics.Benchmarks.Contestants;

/// <summary>One contact as an object with nullable fields: what a user starting from a list of records holds.</summary>
internal sealed class NaiveContact
{
    public DateTimeOffset? OpenedAt { get; init; }
    public string? Channel { get; init; }
    public string? Agent { get; init; }
    public int? Csat { get; init; }
    public int? Nps { get; init; }
    public int? Ces { get; init; }
    public bool? FirstContactResolved { get; init; }
    public TimeSpan? Talk { get; init; }
    public TimeSpan? Hold { get; init; }
    public TimeSpan? Wrap { get; init; }
    public TimeSpan? FirstResponse { get; init; }
    public TimeSpan? Resolution { get; init; }
    public TimeSpan? SlaTarget { get; init; }

    public static NaiveContact[] FromBatch(InteractionBatch batch)
    {
        var contacts = new NaiveContact[batch.Length];
        var csat = batch.Csat.Span;
        var nps = batch.Nps.Span;
        var ces = batch.Ces.Span;
        var fcr = batch.FirstContactResolved.Span;
        var talk = batch.TalkTime.Span;
        var hold = batch.HoldTime.Span;
        var wrap = batch.WrapTime.Span;
        var response = batch.FirstResponseTime.Span;
        var resolution = batch.ResolutionTime.Span;
        var target = batch.SlaTarget.Span;
        var openedAt = batch.OpenedAt.Span;
        var channel = batch.Channel;
        var agent = batch.Agent;
        for (var i = 0; i < contacts.Length; i++)
        {
            contacts[i] = new NaiveContact
            {
                OpenedAt = openedAt.IsEmpty || openedAt[i] < 0 ? null : new DateTimeOffset(openedAt[i], TimeSpan.Zero),
                Channel = Key(channel, i),
                Agent = Key(agent, i),
                Csat = Score(csat[i]),
                Nps = Score(nps[i]),
                Ces = Score(ces[i]),
                FirstContactResolved = fcr[i] == Missing.Flag ? null : fcr[i] == 1,
                Talk = Duration(talk[i]),
                Hold = Duration(hold[i]),
                Wrap = Duration(wrap[i]),
                FirstResponse = Duration(response[i]),
                Resolution = Duration(resolution[i]),
                SlaTarget = Duration(target[i]),
            };
        }

        return contacts;
    }

    private static string? Key(KeyColumn column, int i) => column.IsEmpty ? null : column.GetText(i);

    private static int? Score(byte value) => value == Missing.Score ? null : value;

    private static TimeSpan? Duration(long ticks) => ticks < 0 ? null : TimeSpan.FromTicks(ticks);
}
