using System.Runtime.InteropServices;
using CxMetrics.Internal.Kernels;
using FsCheck;
using FsCheck.Fluent;

namespace CxMetrics.Tests.Kernels;

/// <summary>One random kernel input: its length, the seed of its values, how often a value is missing, and whether edge values are mixed in.</summary>
public sealed record KernelCase(int Length, int Seed, int MissingPercent, bool Edges)
{
    public Random Random() => new(Seed);
}

/// <summary>Widths, interesting lengths and FsCheck generators shared by the kernel tests.</summary>
public static class KernelTestData
{
    internal static readonly KernelWidth[] Widths = [KernelWidth.Scalar, KernelWidth.Vector128, KernelWidth.Vector256, KernelWidth.Vector512];

    /// <summary>Lengths around every vector width for bytes, ints and longs (count ± 1, two and four vectors ± 1), and past the byte-lane flush.</summary>
    public static readonly int[] EdgeLengths =
    [
        0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 260,
        511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 8191, 8192, 8193,
        16319, 16320, 16321, 16384, 16385, 32767, 32768, 65540,
    ];

    public static TheoryData<string> WidthData() => new(Widths.Select(w => w.ToString()));

    public static Gen<int> Lengths() => Gen.Frequency(
        (4, Gen.Elements(EdgeLengths)),
        (3, Gen.Choose(0, 300)),
        (2, Gen.Choose(0, 5000)),
        (1, Gen.Choose(5000, 70_000)));

    public static Gen<KernelCase> Cases() =>
        from length in Lengths()
        from seed in Gen.Choose(0, int.MaxValue)
        from missing in Gen.Elements(0, 1, 3, 10, 50, 90, 100)
        from edges in Gen.Elements(false, true)
        select new KernelCase(length, seed, missing, edges);

    /// <summary>A score column on <paramref name="min"/>..<paramref name="max"/> with missing values and, with edges, out-of-scale bytes.</summary>
    public static byte[] Scores(KernelCase c, int min, int max)
    {
        var random = c.Random();
        var scores = new byte[c.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = random.Next(100) < c.MissingPercent ? Missing.Score
                : c.Edges && random.Next(8) == 0 ? (byte)random.Next(256) // anything, out of scale included
                : c.Edges && random.Next(2) == 0 ? (byte)(random.Next(2) == 0 ? min : max)
                : (byte)random.Next(min, max + 1);
        }

        return scores;
    }

    /// <summary>A duration column: present values (with edges: 0, 1, MaxTicks and neighbours) and negative markers of every kind.</summary>
    public static long[] Durations(KernelCase c, int salt = 0)
    {
        var random = new Random(c.Seed ^ (salt * 7919));
        var ticks = new long[c.Length];
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = random.Next(100) < c.MissingPercent ? MissingDuration(random)
                : c.Edges && random.Next(3) == 0 ? EdgeDuration(random)
                : random.NextInt64(0, 36_000_000_000L);
        }

        return ticks;
    }

    public static long MissingDuration(Random random) => random.Next(4) switch
    {
        0 => Missing.Duration,
        1 => -1,
        2 => long.MinValue + 1,
        _ => -random.NextInt64(1, long.MaxValue),
    };

    public static long EdgeDuration(Random random) => random.Next(5) switch
    {
        0 => 0,
        1 => 1,
        2 => CxMetrics.Durations.MaxTicks,
        3 => CxMetrics.Durations.MaxTicks - 1,
        _ => random.NextInt64(0, CxMetrics.Durations.MaxTicks),
    };
}

/// <summary>FsCheck arbitraries for the kernel properties.</summary>
public static class KernelArbitraries
{
    public static Arbitrary<KernelCase> Case() => Arb.From(KernelTestData.Cases());
}

/// <summary>
/// Native memory whose last byte is the last readable byte before a PROT_NONE guard page (Linux), so a kernel that
/// reads past its span crashes the test run instead of passing by luck. Elsewhere it is plain native memory.
/// </summary>
public sealed unsafe class GuardedBuffer<T> : IDisposable
    where T : unmanaged
{
    private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymous = 0x22;
    private readonly nint _mapping;
    private readonly nuint _mappingBytes;
    private readonly T* _data;

    public GuardedBuffer(ReadOnlySpan<T> values)
    {
        Length = values.Length;
        var bytes = (nuint)(values.Length * sizeof(T));
        if (OperatingSystem.IsLinux())
        {
            const nuint page = 4096;
            var dataPages = (bytes + page - 1) / page;
            _mappingBytes = (dataPages + 1) * page;
            _mapping = LibC.mmap(0, _mappingBytes, ProtReadWrite, MapPrivateAnonymous, -1, 0);
            if (_mapping == -1)
            {
                throw new InvalidOperationException("mmap failed");
            }

            var guard = (byte*)_mapping + (dataPages * page);
            if (LibC.mprotect((nint)guard, page, ProtNone) != 0)
            {
                throw new InvalidOperationException("mprotect failed");
            }

            _data = (T*)(guard - bytes);
        }
        else
        {
            _data = (T*)NativeMemory.Alloc(Math.Max(bytes, 1));
        }

        values.CopyTo(new Span<T>(_data, values.Length));
    }

    public int Length { get; }

    public Span<T> Span => new(_data, Length);

    public void Dispose()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = LibC.munmap(_mapping, _mappingBytes);
        }
        else
        {
            NativeMemory.Free(_data);
        }
    }
}

internal static class LibC
{
    [DllImport("libc", SetLastError = true)]
    internal static extern nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    internal static extern int mprotect(nint addr, nuint len, int prot);

    [DllImport("libc", SetLastError = true)]
    internal static extern int munmap(nint addr, nuint length);
}
