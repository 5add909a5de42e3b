using Microsoft.Data.Analysis;

namespace CxMetrics.Benchmarks.Contestants;

/// <summary>
/// Microsoft.Data.Analysis: the columns as nullable DataFrame columns (scores as int, durations as long ticks),
/// the metrics with the column API a DataFrame user reaches for (NullCount, Filter(min, max), Add, FillNulls, Sum).
/// </summary>
internal sealed class DataFrameContestant
{
    private readonly PrimitiveDataFrameColumn<int> _csat, _nps, _ces, _fcr;
    private readonly PrimitiveDataFrameColumn<long> _talk, _hold, _wrap, _response, _target;

    public DataFrameContestant(InteractionBatch batch)
    {
        _csat = Scores("csat", batch.Csat.Span);
        _nps = Scores("nps", batch.Nps.Span);
        _ces = Scores("ces", batch.Ces.Span);
        _fcr = Scores("fcr", batch.FirstContactResolved.Span);
        _talk = Ticks("talk", batch.TalkTime.Span);
        _hold = Ticks("hold", batch.HoldTime.Span);
        _wrap = Ticks("wrap", batch.WrapTime.Span);
        _response = Ticks("first_response", batch.FirstResponseTime.Span);
        _target = Ticks("sla_target", batch.SlaTarget.Span);
        Frame = new DataFrame(_csat, _nps, _ces, _fcr, _talk, _hold, _wrap, _response, _target);
    }

    public DataFrame Frame { get; }

    public MetricSummary Headline()
    {
        var csatResponses = _csat.Length - _csat.NullCount;
        var satisfied = _csat.Filter(4, 5).Length;
        var npsResponses = _nps.Length - _nps.NullCount;
        var promoters = _nps.Filter(9, 10).Length;
        var detractors = _nps.Filter(0, 6).Length;
        var cesResponses = _ces.Length - _ces.NullCount;
        var cesSum = Convert.ToDouble(_ces.Sum(), System.Globalization.CultureInfo.InvariantCulture);
        var fcrKnown = _fcr.Length - _fcr.NullCount;
        var resolved = _fcr.Filter(1, 1).Length;
        var handle = _talk.Add(_hold.FillNulls(0L)).Add(_wrap.FillNulls(0L));
        var handled = handle.Length - handle.NullCount;
        var handleTicks = Convert.ToDouble(handle.Sum(), System.Globalization.CultureInfo.InvariantCulture);
        var late = _response.Subtract(_target);
        var slaMeasured = late.Length - late.NullCount;
        var breached = late.Filter(1L, long.MaxValue).Length;
        return new MetricSummary
        {
            CsatResponses = csatResponses,
            CsatPercent = csatResponses == 0 ? null : 100.0 * satisfied / csatResponses,
            NpsResponses = npsResponses,
            NpsScore = npsResponses == 0 ? null : 100.0 * (promoters - detractors) / npsResponses,
            CesResponses = cesResponses,
            CesMean = cesResponses == 0 ? null : cesSum / cesResponses,
            FcrKnown = fcrKnown,
            FcrPercent = fcrKnown == 0 ? null : 100.0 * resolved / fcrKnown,
            AhtHandled = handled,
            AhtMeanSeconds = handled == 0 ? null : handleTicks / handled / TimeSpan.TicksPerSecond,
            SlaMeasured = slaMeasured,
            SlaBreached = breached,
            SlaBreachPercent = slaMeasured == 0 ? null : 100.0 * breached / slaMeasured,
        };
    }

    private static PrimitiveDataFrameColumn<int> Scores(string name, ReadOnlySpan<byte> values)
    {
        var column = new PrimitiveDataFrameColumn<int>(name, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            column[i] = values[i] == Missing.Score ? null : values[i];
        }

        return column;
    }

    private static PrimitiveDataFrameColumn<long> Ticks(string name, ReadOnlySpan<long> values)
    {
        var column = new PrimitiveDataFrameColumn<long>(name, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            column[i] = values[i] < 0 ? null : values[i];
        }

        return column;
    }
}
