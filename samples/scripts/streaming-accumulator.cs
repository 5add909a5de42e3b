#:project ../../src/CxMetrics.IO/CxMetrics.IO.csproj
#:project ../../src/CxMetrics.Reporting/CxMetrics.Reporting.csproj
// Streaming a file through MetricsAccumulator: memory stays at one batch (plus the durations exact percentiles keep,
// or a fixed-size sketch with ApproximatePercentiles). Also: splitting the work and merging partial accumulators,
// and serializing one (e.g. to combine daily partial results later).
// Run from the repository root:  dotnet run samples/scripts/streaming-accumulator.cs [contacts.csv]
using System.Diagnostics;
using CxMetrics;
using CxMetrics.IO;
using CxMetrics.Reporting;

var root = AppContext.GetData("EntryPointFileDirectoryPath") is string dir ? Path.GetFullPath(Path.Combine(dir, "..", "..")) : Directory.GetCurrentDirectory();
var path = args.Length > 0 ? args[0] : Path.Combine(root, "samples", "data", "contacts.csv");

var metrics = new MetricOptions { SlaPolicy = SlaPolicy.Parse("P1=60,P2=300,P3=3600,P4=86400") };
var grouping = new GroupingOptions { Keys = [GroupKey.Priority], ApproximatePercentiles = true };

var clock = Stopwatch.StartNew();
using var reader = InteractionReader.Open(path, new InteractionReaderOptions { Metrics = metrics, BatchRows = 8_192 });
using var even = new MetricsAccumulator(metrics, grouping);
using var odd = new MetricsAccumulator(metrics, grouping);
var batches = 0;
while (reader.ReadBatch() is { } batch) // a batch is valid until the next ReadBatch: accumulate it, do not keep it
{
    (batches++ % 2 == 0 ? even : odd).Add(batch);
}

// Partial results merge exactly (counts and sums add; sketches merge).
even.Merge(odd);
var result = even.Result();
Console.WriteLine($"read {reader.Rows} rows in {batches} batches in {clock.ElapsedMilliseconds} ms from {Path.GetFileName(path)}");

// A serialized accumulator is a compact, versioned byte array; deserializing it gives the same result.
var bytes = even.Serialize();
using var restored = MetricsAccumulator.Deserialize(bytes, metrics);
var same = MetricsJsonWriter.ToJson(restored.Result(), grouping) == MetricsJsonWriter.ToJson(result, grouping);
Console.WriteLine($"serialized state: {bytes.Length} bytes; round trip identical: {same}");
Console.WriteLine();
Console.WriteLine(result.ToTable(grouping));

// expect: ^read [1-9][0-9]+ rows in [1-9][0-9]* batches in [0-9]+ ms from contacts\.csv$
// expect: ^serialized state: [0-9]+ bytes; round trip identical: True$
// expect: ^priority +contacts +CSAT %
// expect: ^\(all\) +[1-9][0-9]+ 
// expect: ^P1 +[0-9]+ 
