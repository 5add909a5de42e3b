using CommunityToolkit.HighPerformance.Buffers;
using CxMetrics.Internal.Kernels;

namespace CxMetrics.Internal;

/// <summary>Runs every metric's kernel over one batch (or one group's rows) into one <see cref="MetricsState"/>.</summary>
internal static class BatchAccumulation
{
    /// <summary>Accumulates all metrics; <paramref name="options"/> must be validated.</summary>
    public static void Accumulate(InteractionBatch batch, MetricOptions options, ref MetricsState state) =>
        Accumulate(batch, options, ref state, KernelDispatch.Default);

    /// <summary>As <see cref="Accumulate(InteractionBatch, MetricOptions, ref MetricsState)"/> with the kernels at a given width.</summary>
    public static void Accumulate(InteractionBatch batch, MetricOptions options, ref MetricsState state, KernelWidth width, bool surveyScores = true)
    {
        state.Contacts += batch.Length;
        if (surveyScores)
        {
            CustomerSatisfaction.Accumulate(batch.Csat.Span, options.Csat, ref state.Csat, width);
            NetPromoterScore.Accumulate(batch.Nps.Span, ref state.Nps, width);
            CustomerEffortScore.Accumulate(batch.Ces.Span, options.Ces, ref state.Ces, width);
        }

        FirstContactResolution.Accumulate(batch.FirstContactResolved.Span, ref state.Fcr, width);
        if (!batch.TalkTime.IsEmpty)
        {
            // Without talk times nothing is handled; hold and wrap may still be present (a file without talk_seconds).
            HandleTime.Accumulate(batch.TalkTime.Span, batch.HoldTime.Span, batch.WrapTime.Span, ref state.Handle, width);
        }

        // Rows that carry their own targets need no policy lookup: one pass over first_response gives its totals and the SLA counts.
        var slaWithFirstResponse = options.SlaPolicy is null || batch.Priority.IsEmpty;
        if (slaWithFirstResponse)
        {
            AccumulateFirstResponse(batch, ref state, width);
        }
        else
        {
            DurationStatistics.Accumulate("first_response", batch.FirstResponseTime.Span, ref state.FirstResponse, width);
        }

        DurationStatistics.Accumulate("resolution", batch.ResolutionTime.Span, ref state.Resolution, width);
        if (!slaWithFirstResponse)
        {
            AccumulateSla(batch, options.SlaPolicy, ref state.Sla, width);
        }
    }

    private static void AccumulateFirstResponse(InteractionBatch batch, ref MetricsState state, KernelWidth width)
    {
        var firstResponse = batch.FirstResponseTime.Span;
        if (firstResponse.IsEmpty)
        {
            return;
        }

        var or = FirstResponseKernel.Accumulate(firstResponse, batch.SlaTarget.Span, ref state.FirstResponse, ref state.Sla, width);
        DurationColumn.CheckOr("first_response", or, firstResponse);
    }

    public static void AccumulateSla(InteractionBatch batch, SlaPolicy? policy, ref SlaCounts counts) =>
        AccumulateSla(batch, policy, ref counts, KernelDispatch.Default);

    public static void AccumulateSla(InteractionBatch batch, SlaPolicy? policy, ref SlaCounts counts, KernelWidth width)
    {
        var firstResponse = batch.FirstResponseTime.Span;
        if (firstResponse.IsEmpty)
        {
            return;
        }

        if (policy is null || batch.Priority.IsEmpty)
        {
            SlaKernel.Accumulate(firstResponse, batch.SlaTarget.Span, ref counts, width);
            return;
        }

        var dictionary = batch.Priority.Dictionary;
        using var targets = SpanOwner<long>.Allocate(dictionary.Count);
        var targetByCode = targets.Span;
        for (var code = 0; code < targetByCode.Length; code++)
        {
            targetByCode[code] = policy.GetTargetTicks(dictionary[code]);
        }

        SlaKernel.AccumulateWithPolicy(firstResponse, batch.SlaTarget.Span, batch.Priority.Codes.Span, targetByCode, ref counts, width);
    }
}
