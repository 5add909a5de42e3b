namespace CxMetrics.Internal;

/// <summary>Everything a result needs to finish one group later: frozen states, key texts, period keys, percentiles and repeat-contact FCR, all owned by the result.</summary>
internal sealed class GroupFinisher(
    MetricOptions metrics,
    PeriodUnit period,
    FrozenGroupStates states,
    ChunkedArray<int> coordinates,
    string[][] keyTexts,
    long[] periodKeys,
    DurationPercentiles[]? percentiles,
    long[]? fcr,
    long[]? censored)
{
    private readonly string?[] _periodLabels = new string?[periodKeys.Length];

    public MetricsGroup Finish(int g)
    {
        // Coordinates: the key codes, then the period (one int per dimension; −1 = unknown or none).
        var c = coordinates.Slice(g * (keyTexts.Length + 1), keyTexts.Length + 1);
        var keys = new string?[keyTexts.Length];
        for (var j = 0; j < keys.Length; j++)
        {
            var code = c[j];
            keys[j] = code < 0 ? null : keyTexts[j][code];
        }

        string? label = null;
        var p = c[keyTexts.Length];
        if (p >= 0)
        {
            label = _periodLabels[p] ??= PeriodCalendar.Label(period, periodKeys[p]);
        }

        var state = states.Get(g);
        if (fcr is not null)
        {
            state.Fcr[0] = fcr[2 * g];
            state.Fcr[1] = fcr[(2 * g) + 1];
        }

        var finished = InteractionMetrics.Finish(state, metrics, percentiles is null ? default : percentiles[g]);
        if (censored is not null)
        {
            finished = finished with { Fcr = finished.Fcr with { Censored = censored[g] } };
        }

        return new MetricsGroup(keys, label, finished);
    }
}
