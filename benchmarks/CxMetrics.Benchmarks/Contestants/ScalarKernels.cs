using CxMetrics.Internal;
using CxMetrics.Internal.Kernels;

namespace CxMetrics.Benchmarks.Contestants;

/// <summary>
/// CxMetrics with its plain scalar kernels (the internal references every vectorized kernel is tested against):
/// a careful column loop, the "scalar reference" of issue 3. Same accumulate and finish steps as the package.
/// </summary>
internal static class ScalarKernels
{
    public static MetricSummary Headline(InteractionBatch batch, MetricOptions options)
    {
        var state = default(MetricsState);
        AccumulateHeadline(batch, options, ref state);
        return MetricSummary.Headline(
            CustomerSatisfaction.Finish(state.Csat, options.Csat),
            NetPromoterScore.Finish(state.Nps, options.Nps),
            CustomerEffortScore.Finish(state.Ces, options.Ces),
            FirstContactResolution.Finish(state.Fcr),
            new DurationResult(state.Handle.Count, state.Handle.MeanSeconds, null, null),
            SlaBreachRate.Finish(state.Sla));
    }

    /// <summary>The batch call forced to the scalar kernels (the kernels' <c>KernelWidth</c> hook).</summary>
    public static InteractionMetrics All(InteractionBatch batch, MetricOptions options) =>
        InteractionMetrics.Compute(batch, options, KernelWidth.Scalar);

    private static void AccumulateHeadline(InteractionBatch batch, MetricOptions options, ref MetricsState state)
    {
        ScoreHistogramKernel.Scalar(batch.Csat.Span, options.Csat.ScaleMin, options.Csat.ScaleMax, ref state.Csat);
        ScoreHistogramKernel.Scalar(batch.Nps.Span, 0, 10, ref state.Nps);
        ScoreHistogramKernel.Scalar(batch.Ces.Span, options.Ces.ScaleMin, options.Ces.ScaleMax, ref state.Ces);
        ScoreHistogramKernel.Scalar(batch.FirstContactResolved.Span, 0, 1, ref state.Fcr);
        HandleTimeKernel.Scalar(batch.TalkTime.Span, batch.HoldTime.Span, batch.WrapTime.Span, ref state.Handle);
        SlaKernel.Scalar(batch.FirstResponseTime.Span, batch.SlaTarget.Span, ref state.Sla);
    }
}
