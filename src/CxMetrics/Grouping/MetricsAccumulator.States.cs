using System.Buffers;
using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    /// <summary>Scatters every metric of the batch into the states of the rows' groups, and keeps percentile values.</summary>
    private void AccumulateStates(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        if (_keys.Length == 0 && _grouping.Period == PeriodUnit.None && _repeat is null)
        {
            AccumulateSingleGroup(batch, gid);
            return;
        }

        var s = _states;
        var groups = s.Count;
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);
        Span<byte> bins = stackalloc byte[4 * 256];
        GroupedKernels.ScoreBins(0, _metrics.Csat.ScaleMin, _metrics.Csat.ScaleMax, bins[..256]);
        GroupedKernels.ScoreBins(1, 0, 10, bins.Slice(256, 256));
        GroupedKernels.ScoreBins(2, _metrics.Ces.ScaleMin, _metrics.Ces.ScaleMax, bins.Slice(512, 256));
        GroupedKernels.ScoreBins(3, 0, 1, bins.Slice(768, 256));
        var fcrFlags = _repeat is null ? batch.FirstContactResolved.Span : default;
        GroupedKernels.ContactsAndScores(gid, s.Contacts, s.Scores, bins, batch.Csat.Span, batch.Nps.Span, batch.Ces.Span, fcrFlags);
        CheckScores(batch, fcrFlags, touched);

        var pool = ArrayPool<int>.Shared;
        var counts = pool.Rent(3 * groups);
        try
        {
            // Only the touched groups' batch counters are cleared, read and flushed (the others are never written).
            foreach (var g in touched)
            {
                counts[g] = 0;
                counts[groups + g] = 0;
                counts[(2 * groups) + g] = 0;
            }

            var handleCount = counts.AsSpan(0, groups);
            var firstResponseCount = counts.AsSpan(groups, groups);
            var resolutionCount = counts.AsSpan(2 * groups, groups);
            var talk = batch.TalkTime.Span;
            var hold = batch.HoldTime.Span;
            var wrap = batch.WrapTime.Span;
            if (!talk.IsEmpty)
            {
                var or = GroupedKernels.Handle(gid, talk, hold, wrap, handleCount, s.HandleSum);
                if (or > Durations.MaxTicks)
                {
                    DurationColumn.CheckOr("talk", or, talk);
                    DurationColumn.CheckOr("hold", or, hold);
                    DurationColumn.CheckOr("wrap", or, wrap);
                }
            }

            var firstResponse = batch.FirstResponseTime.Span;
            var resolution = batch.ResolutionTime.Span;
            if (!firstResponse.IsEmpty && !resolution.IsEmpty)
            {
                var (orFirstResponse, orResolution) = GroupedKernels.Durations2(gid, firstResponse, firstResponseCount, s.FirstResponseSum, resolution, resolutionCount, s.ResolutionSum);
                DurationColumn.CheckOr("first_response", orFirstResponse, firstResponse);
                DurationColumn.CheckOr("resolution", orResolution, resolution);
            }
            else
            {
                DurationColumn.CheckOr("first_response", GroupedKernels.Durations(gid, firstResponse, firstResponseCount, s.FirstResponseSum), firstResponse);
                DurationColumn.CheckOr("resolution", GroupedKernels.Durations(gid, resolution, resolutionCount, s.ResolutionSum), resolution);
            }

            AddCounts(s.HandleCount, handleCount, touched);
            AddCounts(s.FirstResponseCount, firstResponseCount, touched);
            AddCounts(s.ResolutionCount, resolutionCount, touched);
            Sla(batch, gid);

            KeepValues(batch, gid, handleCount, firstResponseCount, resolutionCount);
        }
        finally
        {
            pool.Return(counts);
        }
    }

    /// <summary>
    /// Without keys or period every row is in group 0: the core's own (vectorized) kernels accumulate the batch, with no
    /// scatter (a scatter into one group would serialize every increment on the previous one).
    /// </summary>
    private void AccumulateSingleGroup(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        var state = default(MetricsState);
        BatchAccumulation.Accumulate(batch, _metrics, ref state);
        _states.Add(0, state);
        Span<int> counts = stackalloc int[3];
        counts[0] = (int)state.Handle.Count;
        counts[1] = (int)state.FirstResponse.Count;
        counts[2] = (int)state.Resolution.Count;
        KeepValues(batch, gid, counts[..1], counts.Slice(1, 1), counts.Slice(2, 1));
    }

    /// <summary>Keeps what percentiles need: the values (exact) or sketch buckets, given this batch's per-group counts.</summary>
    private void KeepValues(InteractionBatch batch, ReadOnlySpan<int> gid, ReadOnlySpan<int> handleCount, ReadOnlySpan<int> firstResponseCount, ReadOnlySpan<int> resolutionCount)
    {
        var talk = batch.TalkTime.Span;
        var hold = batch.HoldTime.Span;
        var wrap = batch.WrapTime.Span;
        var firstResponse = batch.FirstResponseTime.Span;
        var resolution = batch.ResolutionTime.Span;
        if (_exact is not null)
        {
            if (!talk.IsEmpty)
            {
                GatherExact(_exact[0], gid, talk, hold, wrap, handleCount, isHandle: true);
            }

            GatherExact(_exact[1], gid, firstResponse, default, default, firstResponseCount, isHandle: false);
            GatherExact(_exact[2], gid, resolution, default, default, resolutionCount, isHandle: false);
        }
        else if (_sketches is not null)
        {
            if (!talk.IsEmpty)
            {
                _sketches[0].AddHandle(gid, talk, hold, wrap);
            }

            _sketches[1].AddValues(gid, firstResponse);
            _sketches[2].AddValues(gid, resolution);
        }
    }

    private void CheckScores(InteractionBatch batch, ReadOnlySpan<byte> fcrFlags, ReadOnlySpan<int> touched)
    {
        var counts = _states.Scores;
        foreach (var g in touched)
        {
            if (counts[(g * GroupStates.ScoreStride) + GroupStates.InvalidSlot] != 0)
            {
                // Let the core name the first invalid value, with its own message.
                var ignored = default(ScoreCounts);
                ScoreColumn.Accumulate("csat", batch.Csat.Span, _metrics.Csat.ScaleMin, _metrics.Csat.ScaleMax, ref ignored);
                ScoreColumn.Accumulate("nps", batch.Nps.Span, 0, 10, ref ignored);
                ScoreColumn.Accumulate("ces", batch.Ces.Span, _metrics.Ces.ScaleMin, _metrics.Ces.ScaleMax, ref ignored);
                ScoreColumn.Accumulate("fcr", fcrFlags, 0, 1, ref ignored);
            }
        }
    }

    private static void AddCounts(long[] total, ReadOnlySpan<int> batch, ReadOnlySpan<int> touched)
    {
        foreach (var g in touched)
        {
            total[g] += batch[g];
        }
    }

    private void Sla(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        var firstResponse = batch.FirstResponseTime.Span;
        if (firstResponse.IsEmpty)
        {
            return;
        }

        var policy = _metrics.SlaPolicy;
        var priority = batch.Priority;
        if (policy is null || priority.IsEmpty)
        {
            GroupedKernels.Sla(gid, firstResponse, batch.SlaTarget.Span, default, default, _states.SlaMeasured, _states.SlaBreached);
            return;
        }

        var dictionary = priority.Dictionary;
        var targets = ArrayPool<long>.Shared.Rent(dictionary.Count + 1);
        try
        {
            targets[0] = Missing.Duration;
            for (var code = 0; code < dictionary.Count; code++)
            {
                targets[code + 1] = policy.GetTargetTicks(dictionary[code]);
            }

            GroupedKernels.Sla(gid, firstResponse, batch.SlaTarget.Span, priority.Codes.Span, targets.AsSpan(0, dictionary.Count + 1), _states.SlaMeasured, _states.SlaBreached);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(targets);
        }
    }

    private void GatherExact(ExactValueStore store, ReadOnlySpan<int> gid, ReadOnlySpan<long> ticks, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ReadOnlySpan<int> count, bool isHandle)
    {
        if (ticks.IsEmpty)
        {
            return;
        }

        var groups = count.Length;
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);
        var pool = ArrayPool<int>.Shared;
        var start = pool.Rent(groups);
        var position = pool.Rent(groups);
        var total = 0;
        foreach (var g in touched)
        {
            start[g] = total;
            position[g] = total;
            total += count[g] + 1; // one slack slot per group for the branch-free gather
        }

        var values = ArrayPool<long>.Shared.Rent(total);
        try
        {
            if (isHandle)
            {
                GroupedKernels.GatherHandle(gid, ticks, hold, wrap, position.AsSpan(0, groups), values);
            }
            else
            {
                GroupedKernels.GatherDurations(gid, ticks, position.AsSpan(0, groups), values);
            }

            store.AddBatch(values, touched, start.AsSpan(0, groups), count);
            values = null;
        }
        finally
        {
            if (values is not null)
            {
                ArrayPool<long>.Shared.Return(values);
            }

            pool.Return(start);
            pool.Return(position);
        }
    }

    private void AddRepeatRows(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        var repeat = _repeat!;
        var customer = batch.Customer;
        var openedAt = batch.OpenedAt.Span;
        if (customer.IsEmpty || openedAt.IsEmpty)
        {
            return;
        }

        var codes = customer.Codes.Span;
        var dictionary = customer.Dictionary;
        var remap = ArrayPool<int>.Shared.Rent(Math.Max(dictionary.Count, 1));
        try
        {
            remap.AsSpan(0, dictionary.Count).Fill(-1);
            repeat.Reserve(codes.Length);
            for (var i = 0; i < codes.Length; i++)
            {
                var c = codes[i];
                var t = openedAt[i];
                if (c < 0 || t < 0)
                {
                    continue;
                }

                if (c >= dictionary.Count)
                {
                    ThrowBadCode("Customer", i, c, dictionary.Count);
                }

                var mapped = remap[c];
                if (mapped < 0)
                {
                    mapped = remap[c] = repeat.Customers.GetOrAdd(dictionary[c]);
                }

                repeat.Append(mapped, t, gid[i]);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(remap);
        }
    }
}
