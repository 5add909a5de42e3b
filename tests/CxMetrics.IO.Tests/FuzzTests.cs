using System.Text;

namespace CxMetrics.IO.Tests;

/// <summary>Random and mutated CSV bytes: only the package's exception or a result may come back, quickly.</summary>
public class FuzzTests
{
    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes(",\"\r\n0123456789.-+:TZtz eE yesnotruefalse\u00e9");

    private static byte[] Seed() => Written(InteractionFileFormat.Csv, 40, 3);

    /// <summary>A synthetic batch of <paramref name="rows"/> contacts written in <paramref name="format"/>.</summary>
    private static byte[] Written(InteractionFileFormat format, int rows, int seed)
    {
        using var batch = SyntheticInteractions.Generate(rows, seed);
        using var stream = new MemoryStream();
        using (var writer = InteractionWriter.Create(stream, format, leaveOpen: true))
        {
            writer.Write(batch);
        }

        return stream.ToArray();
    }

    [Theory]
    [InlineData(false, 20231)]
    [InlineData(true, 20232)]
    public void CsvReader_Fuzz_OnlyOwnExceptionOrResult(bool lenient, int seed)
    {
        var random = new Random(seed);
        var original = Seed();
        // A fixed number of seeded cases, not a time budget: the same inputs on every run and machine, and nothing that
        // depends on how loaded the machine is (a 4-second budget ran only 34 cases under load and failed its minimum).
        for (var cases = 0; cases < 300; cases++)
        {
            var bytes = cases % 4 == 0 ? RandomBytes(random) : Mutate(random, original);
            foreach (var batchRows in new[] { 1, 65_536 })
            {
                try
                {
                    Csv.Read(bytes, lenient, batchRows);
                }
                catch (InteractionDataException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed {seed}, case {cases}: {e.GetType().Name}: {e.Message}\ninput (base64): {Convert.ToBase64String(bytes)}");
                }
            }
        }
    }

    [Theory]
    [InlineData(InteractionFileFormat.Arrow, 7)]
    [InlineData(InteractionFileFormat.Parquet, 8)]
    public void TypedReaders_Fuzz_OnlyOwnExceptionOrResult(InteractionFileFormat format, int seed)
    {
        var random = new Random(seed);
        var original = Written(format, 30, 3);
        for (var c = 0; c < 150; c++)
        {
            var bytes = c % 5 == 0 ? RandomBytes(random) : Mutate(random, original);
            try
            {
                Csv.Read(bytes, lenient: c % 2 == 0, 65_536, format);
            }
            catch (InteractionDataException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, case {c}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Arrow and Parquet files damaged in place (bit flips, overwritten runs, the footer region overwritten, truncation):
    /// each read must end, with a report or the package's own exception. Parquet.Net alone spun for minutes on some damaged
    /// footers (a list claiming billions of elements); <c>ParquetIntegrity</c> now refuses them first. Each case gets a
    /// generous deadline (a healthy read of this file takes milliseconds), so a hang fails the test instead of the run.
    /// </summary>
    [Theory]
    [InlineData(InteractionFileFormat.Parquet, 31)]
    [InlineData(InteractionFileFormat.Parquet, 32)]
    [InlineData(InteractionFileFormat.Arrow, 33)]
    public async Task TypedReaders_DamagedInPlace_EndWithOwnErrorOrResult(InteractionFileFormat format, int seed)
    {
        var random = new Random(seed);
        var original = Written(format, 2000, 5);
        for (var c = 0; c < 200; c++)
        {
            var bytes = Damage(random, original);
            var read = Task.Run(() =>
            {
                try
                {
                    Csv.Read(bytes, lenient: c % 2 == 0, 65_536, format);
                    return null;
                }
                catch (InteractionDataException)
                {
                    return null;
                }
                catch (Exception e)
                {
                    return $"{e.GetType().Name}: {e.Message}";
                }
            });
            if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)) != read)
            {
                Assert.Fail($"seed {seed}, case {c}: the read did not end within 20 s\ninput (base64): {Convert.ToBase64String(bytes)}");
            }

            var error = await read;
            Assert.True(error is null, $"seed {seed}, case {c}: {error}");
        }
    }

    /// <summary>
    /// The damage that made Parquet.Net 6.1.0 spin without end (found by flipping every byte of a footer in turn: the one
    /// case of 5,400): the footer's last byte, the stop of its FileMetaData struct, turned from 0x00 into 0x0F. Now the
    /// footer check refuses it at once.
    /// </summary>
    [Fact]
    public async Task Parquet_FooterStopByteDamaged_IsAnErrorNotAHang()
    {
        var bytes = Written(InteractionFileFormat.Parquet, 2000, 5);
        Assert.Equal(0, bytes[^9]);
        bytes[^9] ^= 0x0F;
        var read = Task.Run(() => Assert.Throws<InteractionDataException>(() => Csv.Read(bytes, lenient: false, 65_536, InteractionFileFormat.Parquet)));
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)));
        Assert.Contains("footer (the file metadata) is damaged", (await read).Message, StringComparison.Ordinal);
    }

    private static byte[] Damage(Random random, byte[] original)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (var k = random.Next(1, 8); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
                var at = random.Next(bytes.Length);
                for (var i = at; i < Math.Min(bytes.Length, at + random.Next(1, 64)); i++)
                {
                    bytes[i] = (byte)random.Next(256);
                }

                break;
            case 2:
                // The footer (Parquet's metadata, Arrow's file footer) is in the last few kilobytes.
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    bytes[bytes.Length - 1 - random.Next(Math.Min(bytes.Length, 2000))] = (byte)random.Next(256);
                }

                break;
            default:
                return bytes[..random.Next(bytes.Length)];
        }

        return bytes;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = random.Next(4) == 0 ? (byte)random.Next(256) : Alphabet[random.Next(Alphabet.Length)];
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 8);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 1: bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: bytes.RemoveAt(at); break;
                default: bytes[at] = (byte)random.Next(256); break;
            }
        }

        if (random.Next(10) == 0)
        {
            var keep = random.Next(bytes.Count + 1);
            bytes.RemoveRange(keep, bytes.Count - keep);
        }

        return [.. bytes];
    }
}
