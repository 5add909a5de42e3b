using System.Buffers;
using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics;

public sealed partial class MetricsAccumulator
{
    private static ReadOnlySpan<byte> Magic => "CXMA"u8;

    private static ReadOnlySpan<byte> EndMark => "END."u8;

    /// <summary>The format version <see cref="Serialize"/> writes and <see cref="Deserialize"/> reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// The whole state as compact, versioned bytes (docs/grouping.md describes the layout): the grouping, the key and
    /// period dictionaries, each group's counts and sums, the percentile values (sorted, delta-encoded) or sketches, and the
    /// repeat-contact rows. The metric options are not stored; pass the same ones to <see cref="Deserialize"/>.
    /// </summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">The accumulator is unusable.</exception>
    public byte[] Serialize()
    {
        ThrowIfUnusable();
        var w = new StateWriter();
        w.Raw(Magic);
        w.Byte(FormatVersion);
        w.Byte((byte)((KeepsPercentiles ? 1 : 0) | (_sketches is not null ? 2 : 0) | (_repeat is not null ? 4 : 0)));
        w.VarUInt((ulong)_keys.Length);
        foreach (var key in _keys)
        {
            w.Byte((byte)key);
        }

        w.Byte((byte)_grouping.Period);
        w.String(_grouping.TimeZone.Id);
        w.VarUInt((ulong)(_grouping.FcrWindow?.Ticks ?? 0));
        w.VarUInt((ulong)_grouping.SmallSampleThreshold);
        w.Int64(_latestOpenedAt);
        foreach (var texts in _keyTexts)
        {
            w.VarUInt((ulong)texts.Count);
            for (var c = 0; c < texts.Count; c++)
            {
                w.String(texts[c]);
            }
        }

        w.VarUInt((ulong)_periodKeys.Count);
        foreach (var key in _periodKeys)
        {
            w.VarInt(key);
        }

        var groups = _groups.Count;
        w.VarUInt((ulong)groups);
        for (var g = 0; g < groups; g++)
        {
            var c = _groups[g];
            for (var j = 0; j < _keys.Length; j++)
            {
                w.VarUInt((ulong)(c[j] + 1));
            }

            w.VarUInt((ulong)(c.Period + 1));
            WriteState(w, _states.Get(g));
        }

        if (_exact is not null)
        {
            foreach (var store in _exact)
            {
                w.VarUInt((ulong)store.TotalValues());
                store.ForEachGroup(groups, (g, values) =>
                {
                    values.Sort();
                    w.VarUInt((ulong)g);
                    w.VarUInt((ulong)values.Length);
                    long previous = 0;
                    foreach (var v in values)
                    {
                        w.VarUInt((ulong)(v - previous));
                        previous = v;
                    }
                });
            }
        }
        else if (_sketches is not null)
        {
            foreach (var sketch in _sketches)
            {
                w.VarUInt((ulong)sketch.Counts.Count);
                foreach (var (key, count) in sketch.Counts)
                {
                    var (g, bucket) = QuantileSketchStore.Split(key);
                    w.VarUInt((ulong)g);
                    w.VarUInt((ulong)bucket);
                    w.VarUInt((ulong)count);
                }
            }
        }

        if (_repeat is not null)
        {
            w.VarUInt((ulong)_repeat.Customers.Count);
            for (var c = 0; c < _repeat.Customers.Count; c++)
            {
                w.String(_repeat.Customers[c]);
            }

            w.VarUInt((ulong)_repeat.Count);
            for (var i = 0; i < _repeat.Count; i++)
            {
                w.VarUInt((ulong)_repeat.Customer[i]);
                w.VarUInt((ulong)_repeat.OpenedAt[i]);
                w.VarUInt((ulong)_repeat.Group[i]);
            }
        }

        w.Raw(EndMark);
        return w.ToArray();
    }

    private static void WriteState(StateWriter w, in MetricsState s)
    {
        w.VarUInt((ulong)s.Contacts);
        for (var v = 0; v < ScoreCounts.Length; v++)
        {
            w.VarUInt((ulong)s.Csat[v]);
            w.VarUInt((ulong)s.Nps[v]);
            w.VarUInt((ulong)s.Ces[v]);
            w.VarUInt((ulong)s.Fcr[v]);
        }

        WriteTotals(w, s.Handle);
        WriteTotals(w, s.FirstResponse);
        WriteTotals(w, s.Resolution);
        w.VarUInt((ulong)s.Sla.Measured);
        w.VarUInt((ulong)s.Sla.Breached);
    }

    private static void WriteTotals(StateWriter w, in DurationTotals t)
    {
        w.VarUInt((ulong)t.Count);
        w.VarUInt((ulong)t.SumTicks);
        w.VarUInt((ulong)(t.SumTicks >> 64));
    }

    /// <summary>Reads an accumulator written by <see cref="Serialize"/> (of this or an earlier format version).</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="metrics">The metric options the state was accumulated with (they are not stored in the bytes).</param>
    /// <returns>An accumulator equal to the one serialized; it can keep accumulating and merging.</returns>
    /// <exception cref="CxMetricsFormatException">The bytes are truncated, corrupted, of an unknown version, or name a time zone this machine does not know.</exception>
    /// <exception cref="ArgumentException"><paramref name="metrics"/> is invalid.</exception>
    public static MetricsAccumulator Deserialize(ReadOnlySpan<byte> data, MetricOptions metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.Validate();
        var r = new StateReader(data);
        if (data.Length < Magic.Length || !data[..Magic.Length].SequenceEqual(Magic))
        {
            throw new CxMetricsFormatException("The data is not a serialized CxMetrics accumulator (it does not start with \"CXMA\").");
        }

        r.Raw(Magic.Length);
        var version = r.Byte();
        if (version != FormatVersion)
        {
            throw new CxMetricsFormatException(string.Create(CultureInfo.InvariantCulture, $"Serialized accumulator format version {version} is not supported; this build reads version {FormatVersion}."));
        }

        var flags = r.Byte();
        if (flags > 7 || ((flags & 2) != 0 && (flags & 1) == 0))
        {
            throw r.Fail("unknown flags");
        }

        var keyCount = (int)r.Count("the key count", 4);
        var keys = new GroupKey[keyCount];
        for (var j = 0; j < keyCount; j++)
        {
            var k = r.Byte();
            if (k > (byte)GroupKey.Priority)
            {
                throw r.Fail("unknown group key");
            }

            keys[j] = (GroupKey)k;
        }

        var period = r.Byte();
        if (period > (byte)PeriodUnit.Month)
        {
            throw r.Fail("unknown period unit");
        }

        var zoneId = r.String();
        TimeZoneInfo zone;
        try
        {
            zone = zoneId == TimeZoneInfo.Utc.Id ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CxMetricsFormatException($"The serialized accumulator's time zone '{zoneId}' is not known on this machine.", e);
        }

        var window = (long)r.Count("the FCR window", long.MaxValue);
        if (((flags & 4) != 0) != (window > 0))
        {
            throw r.Fail("the FCR window does not match the repeat-contact flag");
        }

        var threshold = (int)r.Count("the small-sample threshold", int.MaxValue);
        var grouping = new GroupingOptions
        {
            Keys = keys,
            Period = (PeriodUnit)period,
            TimeZone = zone,
            FcrWindow = window > 0 ? TimeSpan.FromTicks(window) : null,
            ApproximatePercentiles = (flags & 2) != 0,
            SmallSampleThreshold = threshold,
        };

        MetricsAccumulator? acc = null;
        try
        {
            acc = new MetricsAccumulator(metrics, grouping, keepPercentiles: (flags & 1) != 0);
            acc.ReadBody(ref r);
            return acc;
        }
        catch (Exception e) when (e is not CxMetricsFormatException)
        {
            acc?.Dispose();
            throw new CxMetricsFormatException($"Invalid serialized accumulator at byte {r.Offset}: {e.Message}", e);
        }
        catch
        {
            acc?.Dispose();
            throw;
        }
    }

    private void ReadBody(ref StateReader r)
    {
        var latest = r.Int64();
        if (latest != Missing.Instant && (latest < 0 || latest > DateTime.MaxValue.Ticks))
        {
            throw r.Fail("the latest opened_at is not an instant");
        }

        _latestOpenedAt = latest;
        foreach (var texts in _keyTexts)
        {
            var count = (int)r.Count("a key dictionary size", r.Remaining);
            for (var c = 0; c < count; c++)
            {
                if (texts.GetOrAdd(r.String()) != c)
                {
                    throw r.Fail("a key dictionary holds a text twice");
                }
            }
        }

        var periods = (int)r.Count("the period count", r.Remaining);
        for (var p = 0; p < periods; p++)
        {
            var key = r.VarInt();
            if (key < 0 || key > PeriodCalendar.MaxDay || PeriodIndex(key) != p)
            {
                throw r.Fail("a period key is invalid or repeated");
            }
        }

        var groups = (int)r.Count("the group count", r.Remaining);
        Span<int> codes = stackalloc int[4];
        for (var g = 0; g < groups; g++)
        {
            for (var j = 0; j < _keys.Length; j++)
            {
                codes[j] = r.Index("a key code", _keyTexts[j].Count + 1) - 1;
            }

            var period = r.Index("a period index", _periodKeys.Count + 1) - 1;
            var coordinates = GroupCoordinates.Create(codes[.._keys.Length], period);
            EnsureGroupIndex();
            if (_groupIndex.TryGet(coordinates, out _))
            {
                throw r.Fail("a group is listed twice");
            }

            GroupOf(coordinates);
            _states.Add(g, ReadState(ref r));
        }

        if (_exact is not null)
        {
            for (var k = 0; k < _exact.Length; k++)
            {
                ReadExact(ref r, _exact[k], _states.MeasuredCounts(k), groups);
            }
        }
        else if (_sketches is not null)
        {
            foreach (var sketch in _sketches)
            {
                var entries = r.Count("a sketch size", r.Remaining);
                for (long e = 0; e < entries; e++)
                {
                    var g = r.Index("a group id", groups);
                    var bucket = r.Index("a sketch bucket", int.MaxValue);
                    if (!QuantileSketchStore.IsValidBucket(bucket))
                    {
                        throw r.Fail("a sketch bucket is out of range");
                    }

                    sketch.Add(g, bucket, r.Count("a bucket count", long.MaxValue));
                }
            }
        }

        if (_repeat is not null)
        {
            var customers = (int)r.Count("the customer count", r.Remaining);
            for (var c = 0; c < customers; c++)
            {
                if (_repeat.Customers.GetOrAdd(r.String()) != c)
                {
                    throw r.Fail("the customer dictionary holds a text twice");
                }
            }

            var rows = (int)r.Count("the repeat-contact row count", r.Remaining);
            _repeat.Reserve(rows);
            for (var i = 0; i < rows; i++)
            {
                var customer = r.Index("a customer code", customers);
                var at = r.Count("an opened_at", DateTime.MaxValue.Ticks);
                _repeat.Append(customer, at, r.Index("a group id", groups));
            }
        }

        if (r.Remaining != EndMark.Length || !r.Raw(EndMark.Length).SequenceEqual(EndMark))
        {
            throw r.Fail("expected the end mark \"END.\" and the end of the data");
        }
    }

    private static MetricsState ReadState(ref StateReader r)
    {
        var s = default(MetricsState);
        s.Contacts = r.Count("a contact count", long.MaxValue);
        for (var v = 0; v < ScoreCounts.Length; v++)
        {
            s.Csat[v] = r.Count("a score count", long.MaxValue);
            s.Nps[v] = r.Count("a score count", long.MaxValue);
            s.Ces[v] = r.Count("a score count", long.MaxValue);
            s.Fcr[v] = r.Count("a score count", long.MaxValue);
        }

        s.Handle = ReadTotals(ref r);
        s.FirstResponse = ReadTotals(ref r);
        s.Resolution = ReadTotals(ref r);
        s.Sla.Measured = r.Count("an SLA count", long.MaxValue);
        s.Sla.Breached = r.Count("an SLA count", s.Sla.Measured);
        return s;
    }

    private static DurationTotals ReadTotals(ref StateReader r)
    {
        var count = r.Count("a duration count", long.MaxValue);
        var lo = r.VarUInt();
        var hi = r.Count("a duration sum", long.MaxValue);
        return new DurationTotals { Count = count, SumTicks = ((Int128)hi << 64) | lo };
    }

    private static void ReadExact(ref StateReader r, ExactValueStore store, long[] expected, int groups)
    {
        var total = r.Count("a value count", Math.Min(r.Remaining, Array.MaxLength));
        long expectedTotal = 0;
        for (var g = 0; g < groups; g++)
        {
            expectedTotal += expected[g];
        }

        if (expectedTotal != total)
        {
            throw r.Fail("the number of percentile values does not match the measured counts");
        }

        long at = 0;
        var previousGroup = -1;
        while (at < total)
        {
            var g = r.Index("a group id", groups);
            if (g <= previousGroup)
            {
                throw r.Fail("percentile values are not in group order");
            }

            previousGroup = g;
            var n = (int)r.Count("a group's value count", total - at);
            if (n == 0 || n != expected[g])
            {
                throw r.Fail("a group's value count does not match its measured count");
            }

            var values = ArrayPool<long>.Shared.Rent(n);
            try
            {
                long v = 0;
                for (var i = 0; i < n; i++)
                {
                    v += (long)r.Count("a value delta", (3 * Durations.MaxTicks) - v);
                    values[i] = v;
                }

                store.Append(g, values.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<long>.Shared.Return(values);
            }

            at += n;
        }
    }
}
