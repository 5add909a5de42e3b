namespace CxMetrics.IO.Tests;

/// <summary>Arrow and Parquet files cut short (an interrupted copy or download): the message says so.</summary>
public class CutShortFileTests
{
    private static byte[] Write(InteractionFileFormat format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxmetrics-cut-{Guid.NewGuid():N}.{(format == InteractionFileFormat.Arrow ? "arrow" : "parquet")}");
        try
        {
            var rows = Enumerable.Range(0, 500).Select(i => new Interaction { Csat = (byte)(1 + (i % 5)), TalkTime = TimeSpan.FromSeconds(60 + i) });
            using (var builder = new InteractionBatchBuilder())
            {
                foreach (var row in rows)
                {
                    builder.Add(row);
                }

                using var batch = builder.Build();
                InteractionWriter.Write(path, batch);
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(InteractionFileFormat.Arrow, "Arrow file magic ARROW1")]
    [InlineData(InteractionFileFormat.Parquet, "Parquet magic PAR1")]
    public void FileCutShort_IsSaidToBeCutShort(InteractionFileFormat format, string magic)
    {
        var whole = Write(format);
        Assert.Equal(500, Csv.Read(whole, format: format).Rows);
        foreach (var length in new[] { 7, 11, 100, whole.Length / 2, whole.Length - 1 })
        {
            var e = Assert.Throws<InteractionDataException>(() => Csv.Read(whole[..length], format: format));
            Assert.Contains($"it starts with the {magic} but does not end with it: the file is cut short", e.Message, StringComparison.Ordinal);
        }
    }
}
