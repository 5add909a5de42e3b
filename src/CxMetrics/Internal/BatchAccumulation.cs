using CommunityToolkit.HighPerformance.Buffers;
using CxMetrics.Internal.Kernels;

namespace CxMetrics.Internal;

/// <summary>Runs every metric's kernel over one batch (or one group's rows) into one <see cref="MetricsState"/>.</summary>
internal static class BatchAccumulation
{
    /// <summary>Accumulates all metrics; <paramref name="options"/> must be validated.</summary>
    public static void Accumulate(InteractionBatch batch, MetricOptions options, ref MetricsState state)
    {
        state.Contacts += batch.Length;
        CustomerSatisfaction.Accumulate(batch.Csat.Span, options.Csat, ref state.Csat);
        NetPromoterScore.Accumulate(batch.Nps.Span, ref state.Nps);
        CustomerEffortScore.Accumulate(batch.Ces.Span, options.Ces, ref state.Ces);
        FirstContactResolution.Accumulate(batch.FirstContactResolved.Span, ref state.Fcr);
        HandleTime.Accumulate(batch.TalkTime.Span, batch.HoldTime.Span, batch.WrapTime.Span, ref state.Handle);
        DurationStatistics.Accumulate("first_response", batch.FirstResponseTime.Span, ref state.FirstResponse);
        DurationStatistics.Accumulate("resolution", batch.ResolutionTime.Span, ref state.Resolution);
        AccumulateSla(batch, options.SlaPolicy, ref state.Sla);
    }

    public static void AccumulateSla(InteractionBatch batch, SlaPolicy? policy, ref SlaCounts counts)
    {
        var firstResponse = batch.FirstResponseTime.Span;
        if (firstResponse.IsEmpty)
        {
            return;
        }

        if (policy is null || batch.Priority.IsEmpty)
        {
            SlaKernel.Accumulate(firstResponse, batch.SlaTarget.Span, ref counts);
            return;
        }

        var dictionary = batch.Priority.Dictionary;
        using var targets = SpanOwner<long>.Allocate(dictionary.Count);
        var targetByCode = targets.Span;
        for (var code = 0; code < targetByCode.Length; code++)
        {
            targetByCode[code] = policy.GetTargetTicks(dictionary[code]);
        }

        SlaKernel.AccumulateWithPolicy(firstResponse, batch.SlaTarget.Span, batch.Priority.Codes.Span, targetByCode, ref counts);
    }
}
