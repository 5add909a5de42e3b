using CxMetrics.IO;

namespace CxMetrics.Cli;

/// <summary>Options -> reader -> accumulator -> <see cref="Report"/>. Computes nothing itself.</summary>
internal static class ReportEngine
{
    /// <summary>Reads the whole file and returns the report.</summary>
    /// <param name="settings">The parsed options.</param>
    /// <param name="progress">Called after each batch with (bytes read, file length).</param>
    public static Report Run(ReportSettings settings, Action<long, long?>? progress = null)
    {
        var metrics = MetricOptions.Default with { SlaPolicy = settings.SlaPolicy };
        var readerOptions = new InteractionReaderOptions
        {
            Lenient = settings.Lenient,
            Metrics = metrics,
            ReadCustomer = settings.FcrWindow is not null,
            MaxDegreeOfParallelism = Environment.ProcessorCount, // CSV columns parsed on every core; same result
        };
        using var reader = InteractionReader.Open(settings.File, readerOptions);
        var grouping = new GroupingOptions
        {
            Keys = settings.Keys,
            Period = settings.Period,
            TimeZone = settings.TimeZone,
            FcrWindow = settings.FcrWindow,
            ApproximatePercentiles = settings.ApproximatePercentiles,
        };
        using var accumulator = new MetricsAccumulator(metrics, grouping);
        while (reader.ReadBatch() is { } batch)
        {
            accumulator.Add(batch);
            progress?.Invoke(reader.Position, reader.Length);
        }

        var result = accumulator.Result();
        var keyNames = new List<string>();
        foreach (var key in settings.Keys)
        {
            keyNames.Add(ReportSettings.KeyName(key));
        }

        var withPeriod = settings.Period != PeriodUnit.None;
        if (withPeriod)
        {
            keyNames.Add("period");
        }

        var groups = new List<ReportGroup>(result.Groups.Count);
        foreach (var group in result.Groups)
        {
            var keys = new List<string?>(group.Keys);
            if (withPeriod)
            {
                keys.Add(group.Period);
            }

            groups.Add(new ReportGroup(keys, group.Metrics));
        }

        // The accumulator lists groups in key order already; sorting here makes the contract independent of that.
        groups.Sort((x, y) => CompareKeys(x.Keys, y.Keys));
        return new Report(reader.Rows, reader.InvalidCells, keyNames, result.Overall, groups, settings.FcrWindow is not null)
        {
            SmallSampleThreshold = result.SmallSampleThreshold,
        };
    }

    /// <summary>Orders groups by their key tuple: null first, then ordinal (code point, case-sensitive).</summary>
    public static int CompareKeys(IReadOnlyList<string?> a, IReadOnlyList<string?> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = (a[i], b[i]) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                var (x, y) => CompareCodePoints(x, y),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    /// <summary>Ordinal comparison by Unicode code point (UTF-16 ordinal would put U+E000..U+FFFF after supplementary characters).</summary>
    public static int CompareCodePoints(string x, string y)
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            int a = x[i], b = y[i];
            if (a != b)
            {
                return Fix(a) - Fix(b);
            }
        }

        return x.Length.CompareTo(y.Length);

        static int Fix(int c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
