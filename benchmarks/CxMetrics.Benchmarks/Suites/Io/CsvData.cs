using CxMetrics.IO;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>The generator's batch written as a 17-column CSV by CxMetrics.IO's writer, in memory, once per size.</summary>
internal static class CsvData
{
    private static readonly Dictionary<int, byte[]> Files = [];

    public static byte[] Bytes(int rows)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(rows, out var bytes))
            {
                using var stream = new MemoryStream();
                using (var writer = InteractionWriter.Create(stream, InteractionFileFormat.Csv, leaveOpen: true))
                {
                    writer.Write(Infrastructure.BenchData.Batch(rows));
                }

                bytes = stream.ToArray();
                Files[rows] = bytes;
            }

            return bytes;
        }
    }

    /// <summary>The CSV written to a temporary file (for the end-to-end report, which opens a path).</summary>
    public static string File(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxmetrics-bench-{rows}.csv");
        var bytes = Bytes(rows);
        if (!System.IO.File.Exists(path) || new FileInfo(path).Length != bytes.Length)
        {
            System.IO.File.WriteAllBytes(path, bytes);
        }

        return path;
    }
}
