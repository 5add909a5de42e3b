using System.Buffers;
using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    /// <summary>Scatters every metric of the batch into the states of the rows' groups, and keeps percentile values.</summary>
    private void AccumulateStates(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        var s = _states;
        var groups = s.Count;
        Span<byte> bins = stackalloc byte[4 * 256];
        GroupedKernels.ScoreBins(_metrics.Csat.ScaleMin, _metrics.Csat.ScaleMax, bins[..256]);
        GroupedKernels.ScoreBins(0, 10, bins.Slice(256, 256));
        GroupedKernels.ScoreBins(_metrics.Ces.ScaleMin, _metrics.Ces.ScaleMax, bins.Slice(512, 256));
        GroupedKernels.ScoreBins(0, 1, bins.Slice(768, 256));
        for (var k = 0; k < 4; k++)
        {
            for (var v = 0; v < 256; v++)
            {
                bins[(256 * k) + v] += (byte)(16 * k);
            }
        }

        var fcrFlags = _repeat is null ? batch.FirstContactResolved.Span : default;
        GroupedKernels.ContactsAndScores(gid, s.Contacts, s.Scores, bins, batch.Csat.Span, batch.Nps.Span, batch.Ces.Span, fcrFlags);
        CheckScores(batch.Csat.Span, "csat", _metrics.Csat.ScaleMin, _metrics.Csat.ScaleMax, GroupStates.CsatOffset);
        CheckScores(batch.Nps.Span, "nps", 0, 10, GroupStates.NpsOffset);
        CheckScores(batch.Ces.Span, "ces", _metrics.Ces.ScaleMin, _metrics.Ces.ScaleMax, GroupStates.CesOffset);
        CheckScores(fcrFlags, "fcr", 0, 1, GroupStates.FcrOffset);

        var pool = ArrayPool<int>.Shared;
        var counts = pool.Rent(3 * groups);
        try
        {
            counts.AsSpan(0, 3 * groups).Clear();
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
            AddCounts(s.HandleCount, handleCount);
            AddCounts(s.FirstResponseCount, firstResponseCount);
            AddCounts(s.ResolutionCount, resolutionCount);
            Sla(batch, gid);

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
        finally
        {
            pool.Return(counts);
        }
    }

    private void CheckScores(ReadOnlySpan<byte> scores, string column, int min, int max, int offset)
    {
        if (scores.IsEmpty)
        {
            return;
        }

        var counts = _states.Scores;
        for (var g = 0; g < _states.Count; g++)
        {
            if (counts[(g * GroupStates.ScoreStride) + offset + GroupStates.InvalidBin] != 0)
            {
                // Let the core name the first invalid value, with its own message.
                var ignored = default(ScoreCounts);
                ScoreColumn.Accumulate(column, scores, min, max, ref ignored);
            }
        }
    }

    private static void AddCounts(long[] total, ReadOnlySpan<int> batch)
    {
        for (var g = 0; g < batch.Length; g++)
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
        var pool = ArrayPool<int>.Shared;
        var start = pool.Rent(groups);
        var position = pool.Rent(groups);
        var total = 0;
        for (var g = 0; g < groups; g++)
        {
            start[g] = total;
            total += count[g] + 1; // one slack slot per group for the branch-free gather
        }

        var values = ArrayPool<long>.Shared.Rent(total);
        try
        {
            start.AsSpan(0, groups).CopyTo(position);
            if (isHandle)
            {
                GroupedKernels.GatherHandle(gid, ticks, hold, wrap, position.AsSpan(0, groups), values);
            }
            else
            {
                GroupedKernels.GatherDurations(gid, ticks, position.AsSpan(0, groups), values);
            }

            store.AddBatch(values, start.AsSpan(0, groups), count);
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
