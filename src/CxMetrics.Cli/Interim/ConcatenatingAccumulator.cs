namespace CxMetrics.Cli;

// Interim overall-only accumulation until the grouping branch's MetricsAccumulator lands: copies every batch.
internal sealed class ConcatenatingAccumulator
{
    private readonly List<byte> _csat = [], _nps = [], _ces = [], _fcr = [];
    private readonly List<long> _talk = [], _hold = [], _wrap = [], _fr = [], _res = [], _sla = [], _opened = [];
    private readonly List<int> _priority = [];
    private IReadOnlyList<string> _priorities = [];
    private bool _hasHold, _hasWrap, _hasTalk, _hasCsat, _hasNps, _hasCes, _hasFcr, _hasFr, _hasRes, _hasSla, _hasPriority;
    private int _rows;

    public void Add(InteractionBatch b)
    {
        _rows += b.Length;
        Copy(b.Csat, _csat, ref _hasCsat, b.Length, Missing.Score);
        Copy(b.Nps, _nps, ref _hasNps, b.Length, Missing.Score);
        Copy(b.Ces, _ces, ref _hasCes, b.Length, Missing.Score);
        Copy(b.FirstContactResolved, _fcr, ref _hasFcr, b.Length, Missing.Flag);
        Copy(b.TalkTime, _talk, ref _hasTalk, b.Length, Missing.Duration);
        Copy(b.HoldTime, _hold, ref _hasHold, b.Length, Missing.Duration);
        Copy(b.WrapTime, _wrap, ref _hasWrap, b.Length, Missing.Duration);
        Copy(b.FirstResponseTime, _fr, ref _hasFr, b.Length, Missing.Duration);
        Copy(b.ResolutionTime, _res, ref _hasRes, b.Length, Missing.Duration);
        Copy(b.SlaTarget, _sla, ref _hasSla, b.Length, Missing.Duration);
        var dummy = false;
        Copy(b.OpenedAt, _opened, ref dummy, b.Length, Missing.Instant);
        if (!b.Priority.IsEmpty)
        {
            _hasPriority = true;
            _priorities = b.Priority.Dictionary;
        }

        Copy(b.Priority.Codes, _priority, ref dummy, b.Length, Missing.Key);
    }

    private static void Copy<T>(ReadOnlyMemory<T> column, List<T> target, ref bool has, int n, T missing)
    {
        if (column.IsEmpty)
        {
            for (var i = 0; i < n; i++)
            {
                target.Add(missing);
            }

            return;
        }

        has = true;
        target.AddRange(column.Span);
    }

    public InteractionMetrics Result(MetricOptions options)
    {
        var batch = new InteractionBatch(_rows)
        {
            Csat = _hasCsat ? _csat.ToArray() : default,
            Nps = _hasNps ? _nps.ToArray() : default,
            Ces = _hasCes ? _ces.ToArray() : default,
            FirstContactResolved = _hasFcr ? _fcr.ToArray() : default,
            TalkTime = _hasTalk ? _talk.ToArray() : default,
            HoldTime = _hasHold ? _hold.ToArray() : default,
            WrapTime = _hasWrap ? _wrap.ToArray() : default,
            FirstResponseTime = _hasFr ? _fr.ToArray() : default,
            ResolutionTime = _hasRes ? _res.ToArray() : default,
            SlaTarget = _hasSla ? _sla.ToArray() : default,
            Priority = _hasPriority ? new KeyColumn(_priority.ToArray(), _priorities) : default,
        };
        return InteractionMetrics.Compute(batch, options);
    }
}
