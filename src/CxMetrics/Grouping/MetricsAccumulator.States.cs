using System.Buffers;
using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    /// <summary>Scatters every metric of the batch into the compact records of the rows' groups, and keeps percentile values.</summary>
    private void AccumulateStates(InteractionBatch batch, ReadOnlySpan<int> gid)
    {
        if (_keys.Length == 0 && _grouping.Period == PeriodUnit.None && _repeat is null)
        {
            AccumulateSingleGroup(batch, gid);
            return;
        }

        var fcrFlags = _repeat is null ? batch.FirstContactResolved.Span : default;
        ValidateScores(batch, fcrFlags);
        var s = _states;
        s.BeginBatch(gid.Length);
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);

        // Exact percentiles lay values out by group, and need this batch's count per group: the counters before the scatter.
        var pool = ArrayPool<int>.Shared;
        var before = _exact is not null ? pool.Rent(3 * touched.Length) : null;
        try
        {
            if (before is not null)
            {
                for (var k = 0; k < touched.Length; k++)
                {
                    before[k] = (int)s.LineCounter(touched[k], GroupStates.HandleCount);
                    before[touched.Length + k] = (int)s.LineCounter(touched[k], GroupStates.FirstResponseCount);
                    before[(2 * touched.Length) + k] = (int)s.LineCounter(touched[k], GroupStates.ResolutionCount);
                }
            }

            var bound = ScatterRows(batch, gid, fcrFlags, 0, gid.Length, s.Scores, s.Lines);
            AddSumBound(batch, gid, 0, gid.Length, s.Lines, bound);
            if (before is not null)
            {
                for (var k = 0; k < touched.Length; k++)
                {
                    before[k] = (int)(s.LineCounter(touched[k], GroupStates.HandleCount) - (uint)before[k]);
                    before[touched.Length + k] = (int)(s.LineCounter(touched[k], GroupStates.FirstResponseCount) - (uint)before[touched.Length + k]);
                    before[(2 * touched.Length) + k] = (int)(s.LineCounter(touched[k], GroupStates.ResolutionCount) - (uint)before[(2 * touched.Length) + k]);
                }

                KeepValues(batch, gid, before.AsSpan(0, 3 * touched.Length));
            }
            else if (_sketches is not null)
            {
                KeepValues(batch, gid, default);
            }
        }
        finally
        {
            if (before is not null)
            {
                pool.Return(before);
            }
        }
    }

    /// <summary>
    /// Records what rows <paramref name="start"/>..+<paramref name="length"/> added to the 64-bit sums of <paramref name="lines"/>;
    /// when the bound of those sums could pass 2^64 − 1, the rows' sums are moved to the wide 128-bit sums (exact either way).
    /// </summary>
    private void AddSumBound(InteractionBatch batch, ReadOnlySpan<int> gid, int start, int length, uint[] lines, UInt128 bound)
    {
        var s = _states;
        if (s.SumBound + bound <= ulong.MaxValue)
        {
            s.SumBound += bound;
            return;
        }

        GroupedKernels.MoveSums(gid.Slice(start, length), lines, s.Wide, Part(batch.TalkTime.Span), Part(batch.HoldTime.Span), Part(batch.WrapTime.Span),
            Part(batch.FirstResponseTime.Span), Part(batch.ResolutionTime.Span));

        ReadOnlySpan<long> Part(ReadOnlySpan<long> column) => column.IsEmpty ? column : column.Slice(start, length);
    }

    /// <summary>Rejects a score outside its scale before any state changes (the core names the first one, with its own message).</summary>
    private void ValidateScores(InteractionBatch batch, ReadOnlySpan<byte> fcrFlags)
    {
        var csat = _metrics.Csat;
        var ces = _metrics.Ces;
        if (!ScoreValidation.AllValid(batch.Csat.Span, csat.ScaleMin, csat.ScaleMax)
            || !ScoreValidation.AllValid(batch.Nps.Span, 0, 10)
            || !ScoreValidation.AllValid(batch.Ces.Span, ces.ScaleMin, ces.ScaleMax)
            || !ScoreValidation.AllValid(fcrFlags, 0, 1))
        {
            var ignored = default(ScoreCounts);
            ScoreColumn.Accumulate("csat", batch.Csat.Span, csat.ScaleMin, csat.ScaleMax, ref ignored);
            ScoreColumn.Accumulate("nps", batch.Nps.Span, 0, 10, ref ignored);
            ScoreColumn.Accumulate("ces", batch.Ces.Span, ces.ScaleMin, ces.ScaleMax, ref ignored);
            ScoreColumn.Accumulate("fcr", fcrFlags, 0, 1, ref ignored);
        }
    }

    /// <summary>
    /// Scatters rows <paramref name="start"/>..+<paramref name="length"/> into score records and lines (the state's own or a
    /// thread's copy) after checking their durations. Returns a bound of what the rows added to any 64-bit sum.
    /// </summary>
    private UInt128 ScatterRows(InteractionBatch batch, ReadOnlySpan<int> gid, ReadOnlySpan<byte> fcrFlags, int start, int length, uint[] scores, uint[] lines)
    {
        var s = _states;
        Span<byte> bins = stackalloc byte[4 * 256];
        GroupedKernels.ScoreBins(s.CsatMin, s.CsatMax, s.CsatAnswers, GroupStates.CsatMissing, bins[..256]);
        GroupedKernels.ScoreBins(0, 10, s.NpsAnswers, GroupStates.NpsMissing, bins.Slice(256, 256));
        GroupedKernels.ScoreBins(s.CesMin, s.CesMax, s.CesAnswers, GroupStates.CesMissing, bins.Slice(512, 256));
        GroupedKernels.ScoreBins(0, 1, GroupStates.Fcr0, GroupStates.FcrMissing, bins.Slice(768, 256));
        var rows = gid.Slice(start, length);
        GroupedKernels.Scores(rows, scores, s.ScoreStride, bins, Part(batch.Csat.Span), Part(batch.Nps.Span), Part(batch.Ces.Span), Part(fcrFlags));

        var policy = _metrics.SlaPolicy;
        var priority = batch.Priority;
        var usePolicy = policy is not null && !priority.IsEmpty;
        var dictionary = usePolicy ? priority.Dictionary : [];
        var targets = ArrayPool<long>.Shared.Rent(dictionary.Count + 1);
        try
        {
            targets[0] = Missing.Duration;
            for (var code = 0; code < dictionary.Count; code++)
            {
                targets[code + 1] = policy!.GetTargetTicks(dictionary[code]);
            }

            var talk = Part(batch.TalkTime.Span);
            var hold = Part(batch.HoldTime.Span);
            var wrap = Part(batch.WrapTime.Span);
            var firstResponse = Part(batch.FirstResponseTime.Span);
            var resolution = Part(batch.ResolutionTime.Span);
            var (orHandle, orFirstResponse, orResolution) = GroupedKernels.DurationsAndSla(rows, lines, talk, hold, wrap, firstResponse, resolution,
                Part(batch.SlaTarget.Span), usePolicy ? Part(priority.Codes.Span) : default, targets.AsSpan(0, dictionary.Count + 1));
            if (orHandle > Durations.MaxTicks)
            {
                DurationColumn.CheckOr("talk", orHandle, talk);
                DurationColumn.CheckOr("hold", orHandle, hold);
                DurationColumn.CheckOr("wrap", orHandle, wrap);
            }

            DurationColumn.CheckOr("first_response", orFirstResponse, firstResponse);
            DurationColumn.CheckOr("resolution", orResolution, resolution);

            // Every present value is at most its column's OR (a handle time at most three of them).
            var largest = UInt128.Max(3 * (UInt128)(ulong)orHandle, Math.Max((ulong)orFirstResponse, (ulong)orResolution));
            return largest * (ulong)length;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(targets);
        }

        ReadOnlySpan<T> Part<T>(ReadOnlySpan<T> column) => column.IsEmpty ? column : column.Slice(start, length);
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
        KeepValues(batch, gid, counts);
    }

    /// <summary>
    /// Keeps what percentiles need: the values (exact) or sketch buckets. <paramref name="batchCounts"/> holds, for exact
    /// values, this batch's handle, first-response and resolution counts of the touched groups (three runs of touched.Length).
    /// </summary>
    private void KeepValues(InteractionBatch batch, ReadOnlySpan<int> gid, ReadOnlySpan<int> batchCounts)
    {
        var talk = batch.TalkTime.Span;
        var hold = batch.HoldTime.Span;
        var wrap = batch.WrapTime.Span;
        var firstResponse = batch.FirstResponseTime.Span;
        var resolution = batch.ResolutionTime.Span;
        if (_exact is not null)
        {
            var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);
            var k = touched.Length;
            if (!talk.IsEmpty)
            {
                GatherExact(_exact[0], gid, talk, hold, wrap, batchCounts[..k], isHandle: true);
            }

            GatherExact(_exact[1], gid, firstResponse, default, default, batchCounts.Slice(k, k), isHandle: false);
            GatherExact(_exact[2], gid, resolution, default, default, batchCounts.Slice(2 * k, k), isHandle: false);
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

    private void GatherExact(ExactValueStore store, ReadOnlySpan<int> gid, ReadOnlySpan<long> ticks, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ReadOnlySpan<int> batchCount, bool isHandle)
    {
        if (ticks.IsEmpty)
        {
            return;
        }

        var groups = _states.Count;
        var touched = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_touched);
        var pool = ArrayPool<int>.Shared;
        var start = pool.Rent(groups);
        var position = pool.Rent(groups);
        var count = pool.Rent(groups);
        var total = 0;
        for (var k = 0; k < touched.Length; k++)
        {
            var g = touched[k];
            count[g] = batchCount[k];
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

            store.AddBatch(values, touched, start.AsSpan(0, groups), count.AsSpan(0, groups));
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
            pool.Return(count);
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
