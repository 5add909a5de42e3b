using CxMetrics.Internal;

namespace CxMetrics;

/// <summary>
/// A columnar batch of interactions (contacts): equal-length columns read through spans, no per-row objects.
/// </summary>
/// <remarks>
/// <para>Every column is optional: an empty column means it is absent and every row reads as missing
/// (for hold and wrap time: as zero, see <see cref="HandleTime"/>). A present column must have exactly
/// <see cref="Length"/> values; the init accessors check this.</para>
/// <para>Scores hold one byte per row, <see cref="Missing.Score"/> for no answer. Durations hold 100 ns ticks
/// (<see cref="Durations"/>), negative for not measured. <see cref="OpenedAt"/> holds UTC
/// <see cref="DateTime.Ticks"/>, <see cref="Missing.Instant"/> for unknown.</para>
/// <para>A batch built over caller arrays does not copy them. A batch made by
/// <see cref="InteractionBatchBuilder"/> owns pooled buffers and returns them on <see cref="Dispose"/>;
/// slices share the parent's buffers and must not outlive it.</para>
/// </remarks>
public sealed class InteractionBatch : IDisposable
{
    private IDisposable? _owner;
    private readonly ReadOnlyMemory<byte> _csat, _nps, _ces, _fcr;
    private readonly ReadOnlyMemory<long> _talk, _hold, _wrap, _firstResponse, _resolution, _slaTarget, _openedAt;
    private readonly KeyColumn _channel, _agent, _team, _priority, _customer;

    /// <summary>Creates an empty batch of <paramref name="length"/> rows; set the columns it has with an object initializer.</summary>
    /// <param name="length">The number of rows.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public InteractionBatch(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
    }

    internal InteractionBatch(int length, IDisposable? owner)
        : this(length) => _owner = owner;

    /// <summary>The number of rows (contacts).</summary>
    public int Length { get; }

    /// <summary>CSAT answers, one byte per row (default scale 1..5), <see cref="Missing.Score"/> for none.</summary>
    public ReadOnlyMemory<byte> Csat { get => _csat; init => _csat = Check(value); }

    /// <summary>NPS answers (0..10), <see cref="Missing.Score"/> for none.</summary>
    public ReadOnlyMemory<byte> Nps { get => _nps; init => _nps = Check(value); }

    /// <summary>CES answers (default scale 1..7), <see cref="Missing.Score"/> for none.</summary>
    public ReadOnlyMemory<byte> Ces { get => _ces; init => _ces = Check(value); }

    /// <summary>First-contact-resolved flags: 0 = no, 1 = yes, <see cref="Missing.Flag"/> = unknown.</summary>
    public ReadOnlyMemory<byte> FirstContactResolved { get => _fcr; init => _fcr = Check(value); }

    /// <summary>Talk time in ticks; a row with talk time is a handled contact.</summary>
    public ReadOnlyMemory<long> TalkTime { get => _talk; init => _talk = Check(value); }

    /// <summary>Hold time in ticks (missing counts as zero in handle time).</summary>
    public ReadOnlyMemory<long> HoldTime { get => _hold; init => _hold = Check(value); }

    /// <summary>After-contact wrap-up time in ticks (missing counts as zero in handle time).</summary>
    public ReadOnlyMemory<long> WrapTime { get => _wrap; init => _wrap = Check(value); }

    /// <summary>Time from opening to the first answer, in ticks.</summary>
    public ReadOnlyMemory<long> FirstResponseTime { get => _firstResponse; init => _firstResponse = Check(value); }

    /// <summary>Time from opening to resolution, in ticks.</summary>
    public ReadOnlyMemory<long> ResolutionTime { get => _resolution; init => _resolution = Check(value); }

    /// <summary>The row's own first-response SLA target in ticks; missing falls back to the <see cref="SlaPolicy"/>.</summary>
    public ReadOnlyMemory<long> SlaTarget { get => _slaTarget; init => _slaTarget = Check(value); }

    /// <summary>When the contact was opened, as UTC <see cref="DateTime.Ticks"/>.</summary>
    public ReadOnlyMemory<long> OpenedAt { get => _openedAt; init => _openedAt = Check(value); }

    /// <summary>The channel (phone, chat, email, ...).</summary>
    public KeyColumn Channel { get => _channel; init => _channel = Check(value); }

    /// <summary>The agent who handled the contact.</summary>
    public KeyColumn Agent { get => _agent; init => _agent = Check(value); }

    /// <summary>The agent's team.</summary>
    public KeyColumn Team { get => _team; init => _team = Check(value); }

    /// <summary>The contact's priority (the key an <see cref="SlaPolicy"/> maps to a target).</summary>
    public KeyColumn Priority { get => _priority; init => _priority = Check(value); }

    /// <summary>The customer (used by repeat-contact first-contact resolution).</summary>
    public KeyColumn Customer { get => _customer; init => _customer = Check(value); }

    /// <summary>A view of rows <paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/> without copying.</summary>
    /// <param name="start">The first row (0-based).</param>
    /// <param name="length">The number of rows.</param>
    /// <returns>A batch that shares this batch's buffers (and does not own them).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the batch.</exception>
    public InteractionBatch Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Length - length);
        return new InteractionBatch(length)
        {
            Csat = S(_csat, start, length),
            Nps = S(_nps, start, length),
            Ces = S(_ces, start, length),
            FirstContactResolved = S(_fcr, start, length),
            TalkTime = S(_talk, start, length),
            HoldTime = S(_hold, start, length),
            WrapTime = S(_wrap, start, length),
            FirstResponseTime = S(_firstResponse, start, length),
            ResolutionTime = S(_resolution, start, length),
            SlaTarget = S(_slaTarget, start, length),
            OpenedAt = S(_openedAt, start, length),
            Channel = _channel.Slice(start, length),
            Agent = _agent.Slice(start, length),
            Team = _team.Slice(start, length),
            Priority = _priority.Slice(start, length),
            Customer = _customer.Slice(start, length),
        };
    }

    /// <summary>Returns pooled buffers when the batch owns them (made by a builder or a reader); otherwise does nothing.</summary>
    public void Dispose()
    {
        var owner = _owner;
        _owner = null;
        owner?.Dispose();
    }

    private static ReadOnlyMemory<T> S<T>(ReadOnlyMemory<T> column, int start, int length) =>
        column.IsEmpty ? column : column.Slice(start, length);

    private ReadOnlyMemory<T> Check<T>(ReadOnlyMemory<T> column)
    {
        if (!column.IsEmpty && column.Length != Length)
        {
            ThrowHelper.ThrowColumnLength(column.Length, Length);
        }

        return column;
    }

    private KeyColumn Check(KeyColumn column)
    {
        if (!column.IsEmpty && column.Codes.Length != Length)
        {
            ThrowHelper.ThrowColumnLength(column.Codes.Length, Length);
        }

        return column;
    }
}
