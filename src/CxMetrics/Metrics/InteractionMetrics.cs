using System.Globalization;
using System.Text;
using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics;

/// <summary>Every metric of one set of contacts: the result of <see cref="Compute(InteractionBatch)"/>.</summary>
/// <param name="Contacts">Rows.</param>
/// <param name="Csat">Customer satisfaction.</param>
/// <param name="Nps">Net promoter score.</param>
/// <param name="Ces">Customer effort score.</param>
/// <param name="Fcr">First contact resolution.</param>
/// <param name="HandleTime">Handle time (AHT) with p50/p90.</param>
/// <param name="SlaBreach">First-response SLA breach rate.</param>
/// <param name="FirstResponse">Time to first response.</param>
/// <param name="Resolution">Time to resolution.</param>
public sealed record InteractionMetrics(
    long Contacts,
    CsatResult Csat,
    NpsResult Nps,
    CesResult Ces,
    FcrResult Fcr,
    DurationResult HandleTime,
    SlaResult SlaBreach,
    DurationResult FirstResponse,
    DurationResult Resolution)
{
    /// <summary>Computes every metric of a batch with the default definitions.</summary>
    /// <param name="batch">The contacts.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside its scale, or a duration above <see cref="Durations.MaxTicks"/>.</exception>
    public static InteractionMetrics Compute(InteractionBatch batch) => Compute(batch, MetricOptions.Default);

    /// <summary>Computes every metric of a batch in one call (one pass per column, no allocation per row).</summary>
    /// <param name="batch">The contacts.</param>
    /// <param name="options">The definitions.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside its scale, or a duration above <see cref="Durations.MaxTicks"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static InteractionMetrics Compute(InteractionBatch batch, MetricOptions options) =>
        Compute(batch, options, KernelDispatch.Default);

    /// <summary>As <see cref="Compute(InteractionBatch, MetricOptions)"/> with every kernel forced to <paramref name="width"/> (tests and benchmarks).</summary>
    internal static InteractionMetrics Compute(InteractionBatch batch, MetricOptions options, KernelWidth width)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // One shot, options known: the survey scores need only their thresholds and sums (the span-level threshold
        // kernels), not the option-independent histograms a mergeable state keeps. Same order of checks as before:
        // CSAT, NPS, CES, then FCR and the durations.
        var csat = CustomerSatisfaction.Compute(batch.Csat.Span, options.Csat, width);
        var nps = NetPromoterScore.Compute(batch.Nps.Span, options.Nps, width);
        var ces = CustomerEffortScore.Compute(batch.Ces.Span, options.Ces, width);
        var state = default(MetricsState);
        BatchAccumulation.Accumulate(batch, options, ref state, width, surveyScores: false);
        var percentiles = default(DurationPercentiles);
        if (options.IncludePercentiles)
        {
            percentiles = new DurationPercentiles(
                global::CxMetrics.HandleTime.Percentiles(batch.TalkTime.Span, batch.HoldTime.Span, batch.WrapTime.Span, state.Handle.Count, width),
                DurationStatistics.Percentiles(batch.FirstResponseTime.Span, state.FirstResponse.Count, width),
                DurationStatistics.Percentiles(batch.ResolutionTime.Span, state.Resolution.Count, width));
        }

        return FinishWithScores(state, percentiles, csat, nps, ces);
    }

    internal static InteractionMetrics Finish(in MetricsState state, MetricOptions options, in DurationPercentiles percentiles) =>
        FinishWithScores(state, percentiles, CustomerSatisfaction.Finish(state.Csat, options.Csat), NetPromoterScore.Finish(state.Nps, options.Nps),
            CustomerEffortScore.Finish(state.Ces, options.Ces));

    /// <summary>The result of a state whose survey scores were finished elsewhere (the one-shot call's threshold kernels).</summary>
    private static InteractionMetrics FinishWithScores(in MetricsState state, in DurationPercentiles percentiles, CsatResult csat, NpsResult nps, CesResult ces) =>
        new(
            state.Contacts,
            csat,
            nps,
            ces,
            FirstContactResolution.Finish(state.Fcr),
            new DurationResult(state.Handle.Count, state.Handle.MeanSeconds, percentiles.Handle.P50, percentiles.Handle.P90),
            SlaBreachRate.Finish(state.Sla),
            new DurationResult(state.FirstResponse.Count, state.FirstResponse.MeanSeconds, percentiles.FirstResponse.P50, percentiles.FirstResponse.P90),
            new DurationResult(state.Resolution.Count, state.Resolution.MeanSeconds, percentiles.Resolution.P50, percentiles.Resolution.P90));

    /// <summary>A readable multi-line table of every metric.</summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.Append(c, $"contacts        {Contacts}\n");
        sb.Append(c, $"CSAT            {F(Csat.Percent)} %  mean {F(Csat.Mean)}  ci95 {Csat.Ci95?.ToString() ?? "-"}  (n={Csat.Responses})\n");
        sb.Append(c, $"NPS             {F(Nps.Score)}  ci95 {Nps.Ci95?.ToString() ?? "-"}  (n={Nps.Responses}: {Nps.Promoters} promoters, {Nps.Passives} passives, {Nps.Detractors} detractors)\n");
        sb.Append(c, $"CES             mean {F(Ces.Mean)}  easy {F(Ces.EasyPercent)} %  (n={Ces.Responses})\n");
        sb.Append(c, $"FCR             {F(Fcr.Percent)} %  ci95 {Fcr.Ci95?.ToString() ?? "-"}  (n={Fcr.Known})\n");
        sb.Append(c, $"AHT             mean {F(HandleTime.MeanSeconds)} s  p50 {F(HandleTime.P50Seconds)} s  p90 {F(HandleTime.P90Seconds)} s  (n={HandleTime.Measured})\n");
        sb.Append(c, $"SLA breach      {F(SlaBreach.BreachPercent)} %  ci95 {SlaBreach.Ci95?.ToString() ?? "-"}  ({SlaBreach.Breached} of {SlaBreach.Measured})\n");
        sb.Append(c, $"First response  mean {F(FirstResponse.MeanSeconds)} s  p50 {F(FirstResponse.P50Seconds)} s  p90 {F(FirstResponse.P90Seconds)} s  (n={FirstResponse.Measured})\n");
        sb.Append(c, $"Resolution      mean {F(Resolution.MeanSeconds)} s  p50 {F(Resolution.P50Seconds)} s  p90 {F(Resolution.P90Seconds)} s  (n={Resolution.Measured})");
        return sb.ToString();

        static string F(double? v) => v is null ? "-" : v.Value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
