using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Contestants;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>Exact p50 and p90 of handle time (linear interpolation between closest ranks), on their own.</summary>
[Config(typeof(BenchConfig))]
[SuiteDescription("Exact p50 and p90 of handle time (linear interpolation between closest ranks). CxMetrics = `HandleTime.Compute(talk, hold, wrap, includePercentiles: true)` (the mean comes with it).")]
[BenchmarkCategory("Percentiles")]
public class PercentileBenchmarks
{
    private InteractionBatch _batch = null!;
    private NaiveContact[] _contacts = [];
    private DuckDbContestant? _duckDb;
    private DurationResult _expected;

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Standard;

    [GlobalSetup(Target = nameof(CxMetrics))]
    public void SetupCxMetrics()
    {
        _batch = BenchData.Batch(Rows);
        VectorInfo.PrintOnce();
        _expected = CxMetrics();
    }

    [GlobalSetup(Target = nameof(Linq))]
    public void SetupLinq()
    {
        SetupCxMetrics();
        _contacts = NaiveContact.FromBatch(_batch);
        Check("naive LINQ", Linq());
    }

    [GlobalSetup(Target = nameof(SortCopy))]
    public void SetupSort()
    {
        SetupCxMetrics();
        Check("copy + Array.Sort", SortCopy());
    }

    [GlobalSetup(Target = nameof(DuckDB))]
    public void SetupDuckDb()
    {
        SetupCxMetrics();
        _duckDb = new DuckDbContestant(_batch);
        Check("DuckDB", DuckDB());
    }

    [GlobalCleanup]
    public void Cleanup() => _duckDb?.Dispose();

    /// <summary>LINQ: filter, project, OrderBy, interpolate (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public (double? P50, double? P90) Linq() => NaiveLinq.HandlePercentiles(_contacts);

    /// <summary>A careful scalar version: gather handle times into an array, sort it, interpolate.</summary>
    [Benchmark]
    public (double? P50, double? P90) SortCopy()
    {
        var talk = _batch.TalkTime.Span;
        var hold = _batch.HoldTime.Span;
        var wrap = _batch.WrapTime.Span;
        var values = new long[talk.Length];
        var n = 0;
        for (var i = 0; i < talk.Length; i++)
        {
            if (talk[i] >= 0)
            {
                values[n++] = talk[i] + Math.Max(hold[i], 0) + Math.Max(wrap[i], 0);
            }
        }

        var present = values.AsSpan(0, n);
        present.Sort();
        return n == 0 ? (null, null) : (At(present, 0.5), At(present, 0.9));

        static double At(ReadOnlySpan<long> sorted, double q)
        {
            var h = (sorted.Length - 1) * q;
            var lo = (int)Math.Floor(h);
            var a = Durations.ToSeconds(sorted[lo]);
            var b = Durations.ToSeconds(sorted[Math.Min(lo + 1, sorted.Length - 1)]);
            return a + ((b - a) * (h - lo));
        }
    }

    /// <summary>DuckDB's quantile_cont over the in-memory table.</summary>
    [Benchmark]
    public (double? P50, double? P90) DuckDB() => _duckDb!.HandlePercentiles();

    /// <summary><c>HandleTime.Compute(talk, hold, wrap, includePercentiles: true)</c>: mean, p50 and p90.</summary>
    [Benchmark]
    public DurationResult CxMetrics() => HandleTime.Compute(_batch.TalkTime.Span, _batch.HoldTime.Span, _batch.WrapTime.Span, includePercentiles: true);

    private void Check(string contestant, (double? P50, double? P90) actual)
    {
        Equivalence.Check(contestant, _expected.P50Seconds, actual.P50, "p50");
        Equivalence.Check(contestant, _expected.P90Seconds, actual.P90, "p90");
    }
}
