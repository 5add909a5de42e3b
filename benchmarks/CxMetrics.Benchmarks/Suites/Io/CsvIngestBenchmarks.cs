using BenchmarkDotNet.Attributes;
using CxMetrics.Benchmarks.Infrastructure;
using CxMetrics.IO;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>
/// CSV ingest of the full 17-column schema from memory into columnar batches: Sylvan.Data.Csv with a careful
/// typed/columnar loop (baseline) against CxMetrics.IO's reader (strict validation). Checksums compared in setup.
/// </summary>
[Config(typeof(IoBenchConfig))]
[SuiteDescription("CSV ingest, full 17-column schema, from memory into columnar batches (single-threaded): Sylvan.Data.Csv + a careful typed columnar loop (baseline) against `InteractionReader` (strict validation). MB/s = CSV bytes / mean time.")]
public class CsvIngestBenchmarks
{
    private byte[] _csv = [];

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    public static IEnumerable<int> Sizes => BenchSizes.Grouped;

    [GlobalSetup]
    public void Setup()
    {
        VectorInfo.PrintOnce();
        _csv = CsvData.Bytes(Rows);
        var expected = default(CsvChecksum).Add(BenchData.Batch(Rows));
        Check("CxMetrics.IO", expected, CxMetricsIO());
        Check("Sylvan.Data.Csv", expected, Sylvan());
        Check("CxMetrics.IO (2 threads)", expected, CxMetricsIOTwoThreads());
    }

    /// <summary>Sylvan.Data.Csv, fields as spans, parsed into typed column arrays (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public CsvChecksum Sylvan() => SylvanColumns.Read(_csv);

    /// <summary><c>InteractionReader</c> over the same bytes, batch by batch.</summary>
    [Benchmark]
    public CsvChecksum CxMetricsIO()
    {
        using var reader = InteractionReader.Open(new MemoryStream(_csv, writable: false), InteractionFileFormat.Csv, InteractionReaderOptions.Default, leaveOpen: false);
        var sum = default(CsvChecksum);
        while (reader.ReadBatch() is { } batch)
        {
            sum = sum.Add(batch);
        }

        return sum;
    }

    /// <summary>The same with <c>MaxDegreeOfParallelism = 2</c>: each chunk's columns parsed on both cores.</summary>
    [Benchmark]
    public CsvChecksum CxMetricsIOTwoThreads()
    {
        using var reader = InteractionReader.Open(new MemoryStream(_csv, writable: false), InteractionFileFormat.Csv, new InteractionReaderOptions { MaxDegreeOfParallelism = 2 }, leaveOpen: false);
        var sum = default(CsvChecksum);
        while (reader.ReadBatch() is { } batch)
        {
            sum = sum.Add(batch);
        }

        return sum;
    }

    private static void Check(string contestant, CsvChecksum expected, CsvChecksum actual)
    {
        // Channel codes depend on first appearance, so compare their count of present values via the sum only when the
        // dictionaries agree; rows, CSAT and talk time must match exactly.
        if (expected.Rows != actual.Rows || expected.CsatSum != actual.CsatSum || expected.TalkCount != actual.TalkCount || expected.TalkTicks != actual.TalkTicks)
        {
            throw new InvalidOperationException($"{contestant} read {actual}, the batch holds {expected}; refusing to time it.");
        }
    }
}
