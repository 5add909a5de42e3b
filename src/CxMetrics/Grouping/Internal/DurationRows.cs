namespace CxMetrics.Internal;

/// <summary>
/// A batch's six duration columns (talk, hold, wrap, first response, resolution, SLA target), each sliced to rows
/// start..+length (an absent column stays empty): what every scatter kernel takes, sliced in one place.
/// </summary>
internal readonly ref struct DurationRows
{
    public DurationRows(InteractionBatch batch, int start, int length)
    {
        Talk = Part(batch.TalkTime.Span, start, length);
        Hold = Part(batch.HoldTime.Span, start, length);
        Wrap = Part(batch.WrapTime.Span, start, length);
        FirstResponse = Part(batch.FirstResponseTime.Span, start, length);
        Resolution = Part(batch.ResolutionTime.Span, start, length);
        Target = Part(batch.SlaTarget.Span, start, length);
    }

    public ReadOnlySpan<long> Talk { get; }

    public ReadOnlySpan<long> Hold { get; }

    public ReadOnlySpan<long> Wrap { get; }

    public ReadOnlySpan<long> FirstResponse { get; }

    public ReadOnlySpan<long> Resolution { get; }

    public ReadOnlySpan<long> Target { get; }

    /// <summary>Whether every column is present (the row-at-a-time kernels then index them densely).</summary>
    public bool AllPresent => !Talk.IsEmpty && !Hold.IsEmpty && !Wrap.IsEmpty && !FirstResponse.IsEmpty && !Resolution.IsEmpty && !Target.IsEmpty;

    private static ReadOnlySpan<long> Part(ReadOnlySpan<long> column, int start, int length) => column.IsEmpty ? column : column.Slice(start, length);
}
