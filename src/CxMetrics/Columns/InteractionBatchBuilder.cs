using CommunityToolkit.HighPerformance.Buffers;

namespace CxMetrics;

/// <summary>
/// Builds an <see cref="InteractionBatch"/> row by row into pooled column buffers (no list per column, no object per row
/// kept). The batch it builds owns the buffers: dispose it to return them.
/// </summary>
/// <example>
/// <code>
/// var builder = new InteractionBatchBuilder();
/// builder.Add(new Interaction { Channel = "chat", Csat = 5, Nps = 9, TalkTime = TimeSpan.FromMinutes(4) });
/// using var batch = builder.Build();
/// var metrics = InteractionMetrics.Compute(batch);
/// </code>
/// </example>
public sealed class InteractionBatchBuilder : IDisposable
{
    private MemoryOwner<byte> _csat, _nps, _ces, _fcr;
    private MemoryOwner<long> _talk, _hold, _wrap, _firstResponse, _resolution, _slaTarget, _openedAt;
    private MemoryOwner<int> _channel, _agent, _team, _priority, _customer;
    private readonly KeyDictionary _channels = new(), _agents = new(), _teams = new(), _priorities = new(), _customers = new();
    private int _count;
    private bool _built;

    /// <summary>Creates a builder with room for <paramref name="capacity"/> rows (it grows as needed).</summary>
    /// <param name="capacity">The expected number of rows.</param>
    public InteractionBatchBuilder(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        _csat = MemoryOwner<byte>.Allocate(capacity);
        _nps = MemoryOwner<byte>.Allocate(capacity);
        _ces = MemoryOwner<byte>.Allocate(capacity);
        _fcr = MemoryOwner<byte>.Allocate(capacity);
        _talk = MemoryOwner<long>.Allocate(capacity);
        _hold = MemoryOwner<long>.Allocate(capacity);
        _wrap = MemoryOwner<long>.Allocate(capacity);
        _firstResponse = MemoryOwner<long>.Allocate(capacity);
        _resolution = MemoryOwner<long>.Allocate(capacity);
        _slaTarget = MemoryOwner<long>.Allocate(capacity);
        _openedAt = MemoryOwner<long>.Allocate(capacity);
        _channel = MemoryOwner<int>.Allocate(capacity);
        _agent = MemoryOwner<int>.Allocate(capacity);
        _team = MemoryOwner<int>.Allocate(capacity);
        _priority = MemoryOwner<int>.Allocate(capacity);
        _customer = MemoryOwner<int>.Allocate(capacity);
    }

    /// <summary>The number of rows added so far.</summary>
    public int Count => _count;

    /// <summary>Adds one contact.</summary>
    /// <param name="interaction">The contact.</param>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative or above <see cref="Durations.MaxTicks"/>, or a score is 255.</exception>
    /// <exception cref="InvalidOperationException">The batch was already built.</exception>
    public void Add(in Interaction interaction)
    {
        ObjectDisposedException.ThrowIf(_built, this);
        if (_count == _csat.Length)
        {
            Grow();
        }

        var i = _count;
        _csat.Span[i] = Score(interaction.Csat);
        _nps.Span[i] = Score(interaction.Nps);
        _ces.Span[i] = Score(interaction.Ces);
        _fcr.Span[i] = interaction.FirstContactResolved is { } f ? (byte)(f ? 1 : 0) : Missing.Flag;
        _talk.Span[i] = Ticks(interaction.TalkTime);
        _hold.Span[i] = Ticks(interaction.HoldTime);
        _wrap.Span[i] = Ticks(interaction.WrapTime);
        _firstResponse.Span[i] = Ticks(interaction.FirstResponseTime);
        _resolution.Span[i] = Ticks(interaction.ResolutionTime);
        _slaTarget.Span[i] = Ticks(interaction.SlaTarget);
        _openedAt.Span[i] = interaction.OpenedAt is { } at ? at.UtcTicks : Missing.Instant;
        _channel.Span[i] = _channels.Code(interaction.Channel);
        _agent.Span[i] = _agents.Code(interaction.Agent);
        _team.Span[i] = _teams.Code(interaction.Team);
        _priority.Span[i] = _priorities.Code(interaction.Priority);
        _customer.Span[i] = _customers.Code(interaction.Customer);
        _count++;
    }

    /// <summary>Adds many contacts.</summary>
    /// <param name="interactions">The contacts.</param>
    public void AddRange(IEnumerable<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        foreach (var interaction in interactions)
        {
            Add(interaction);
        }
    }

    /// <summary>Makes the batch; it takes over the buffers, so the builder cannot be used afterwards.</summary>
    /// <returns>A batch that owns its buffers (dispose it to return them to the pool).</returns>
    public InteractionBatch Build()
    {
        ObjectDisposedException.ThrowIf(_built, this);
        _built = true;
        var n = _count;
        var owners = new IDisposable[] { _csat, _nps, _ces, _fcr, _talk, _hold, _wrap, _firstResponse, _resolution, _slaTarget, _openedAt, _channel, _agent, _team, _priority, _customer };
        return new InteractionBatch(n, new Internal.DisposableGroup(owners))
        {
            Csat = _csat.Memory[..n],
            Nps = _nps.Memory[..n],
            Ces = _ces.Memory[..n],
            FirstContactResolved = _fcr.Memory[..n],
            TalkTime = _talk.Memory[..n],
            HoldTime = _hold.Memory[..n],
            WrapTime = _wrap.Memory[..n],
            FirstResponseTime = _firstResponse.Memory[..n],
            ResolutionTime = _resolution.Memory[..n],
            SlaTarget = _slaTarget.Memory[..n],
            OpenedAt = _openedAt.Memory[..n],
            Channel = new KeyColumn(_channel.Memory[..n], _channels.Keys),
            Agent = new KeyColumn(_agent.Memory[..n], _agents.Keys),
            Team = new KeyColumn(_team.Memory[..n], _teams.Keys),
            Priority = new KeyColumn(_priority.Memory[..n], _priorities.Keys),
            Customer = new KeyColumn(_customer.Memory[..n], _customers.Keys),
        };
    }

    /// <summary>Returns the buffers if <see cref="Build"/> was not called.</summary>
    public void Dispose()
    {
        if (_built)
        {
            return;
        }

        _built = true;
        foreach (var owner in new IDisposable[] { _csat, _nps, _ces, _fcr, _talk, _hold, _wrap, _firstResponse, _resolution, _slaTarget, _openedAt, _channel, _agent, _team, _priority, _customer })
        {
            owner.Dispose();
        }
    }

    private void Grow()
    {
        var capacity = checked(_csat.Length * 2);
        Resize(ref _csat, capacity);
        Resize(ref _nps, capacity);
        Resize(ref _ces, capacity);
        Resize(ref _fcr, capacity);
        Resize(ref _talk, capacity);
        Resize(ref _hold, capacity);
        Resize(ref _wrap, capacity);
        Resize(ref _firstResponse, capacity);
        Resize(ref _resolution, capacity);
        Resize(ref _slaTarget, capacity);
        Resize(ref _openedAt, capacity);
        Resize(ref _channel, capacity);
        Resize(ref _agent, capacity);
        Resize(ref _team, capacity);
        Resize(ref _priority, capacity);
        Resize(ref _customer, capacity);
    }

    private void Resize<T>(ref MemoryOwner<T> owner, int capacity)
    {
        var larger = MemoryOwner<T>.Allocate(capacity);
        owner.Span[.._count].CopyTo(larger.Span);
        owner.Dispose();
        owner = larger;
    }

    private static byte Score(byte? value)
    {
        if (value is not { } v)
        {
            return Missing.Score;
        }

        return v == Missing.Score
            ? throw new ArgumentOutOfRangeException(nameof(value), v, "255 is reserved for Missing.Score; use null for no answer.")
            : v;
    }

    private static long Ticks(TimeSpan? value)
    {
        if (value is not { } t)
        {
            return Missing.Duration;
        }

        return t.Ticks is < 0 or > Durations.MaxTicks
            ? throw new ArgumentOutOfRangeException(nameof(value), t, "A duration must be between 0 and Durations.MaxTicks.")
            : t.Ticks;
    }

    private sealed class KeyDictionary
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

        public List<string> Keys { get; } = [];

        public int Code(string? key)
        {
            if (key is null)
            {
                return Missing.Key;
            }

            if (!_codes.TryGetValue(key, out var code))
            {
                code = Keys.Count;
                _codes.Add(key, code);
                Keys.Add(key);
            }

            return code;
        }
    }
}
