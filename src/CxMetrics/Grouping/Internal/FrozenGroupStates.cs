using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Internal;

/// <summary>
/// The group states as they were when a result was taken: a copy the accumulator never writes, filled by
/// <see cref="GroupStates.CopyRecordsAndTotal"/> and read group by group when a result's group is first read.
/// The records' 32-bit counters are kept as narrow as they fit (<see cref="Width"/>: 1, 2 or 4 bytes) and their
/// three 64-bit sums apart.
/// </summary>
/// <remarks>
/// <para>Why narrow: the copy is what a grouped result allocates, and with many groups it is most of it (agent × day,
/// 15,000 groups: 2.9 MB of 192-byte records). On this VM the .NET gen-0 budget is about 6 MB, so each such result made a
/// gen-0 and usually a gen-1 collection every other call, and those evict the accumulator's records from the cache:
/// measured in BenchmarkDotNet, agent × day on one thread took 9.1 ms with the default budget and 7.5 ms with a budget
/// large enough to make collections rare (docs/grouping-performance-log.md, "Fifteenth session"). A counter is at most the rows its
/// group got since the last flush, so with many groups most fit a byte. The second half of the record's first line
/// (the sums, kept apart, and the packed counts, always zero here) is not copied: 64 bytes a group instead of 192 (72
/// until the seventeenth session).</para>
/// <para>The width is a guess made before the copy (<see cref="WidthFor"/>); a writer that meets a counter too large
/// for it says so (<see cref="Overflowed"/>) and the caller copies again, wider (<see cref="Widen"/>). The copy never
/// rounds: a value is either kept whole or the width is raised.</para>
/// </remarks>
internal sealed class FrozenGroupStates
{
    /// <summary>Bytes before a group's counters: its three 64-bit sums.</summary>
    private const int SumBytes = 3 * sizeof(ulong);

    /// <summary>
    /// Record values not kept: the second half of the first line (the three sums, kept apart, and the packed counts, zero
    /// outside a scatter). They are also the offset of the kept values after the first half line.
    /// </summary>
    private const int Skipped = GroupStates.LineStride / 2;

    private readonly GroupStates _layout;
    private readonly int _stride;
    private ChunkedArray<byte> _groups;
    private int _bytesPerGroup;
    private WideGroupStates? _wide;
    private volatile bool _overflowed;

    /// <summary>
    /// Room for <paramref name="count"/> groups in <paramref name="layout"/>'s record layout (a layout without records of
    /// its own: a result kept after its accumulator is dropped must not keep the accumulator's pooled records alive),
    /// counters <paramref name="width"/> bytes wide.
    /// </summary>
    public FrozenGroupStates(GroupStates layout, int count, int width)
    {
        _layout = layout;
        _stride = layout.RecordStride;
        Count = count;
        _groups = NewGroups(width);
    }

    public int Count { get; }

    /// <summary>Bytes per counter: 1, 2 or 4.</summary>
    public int Width { get; private set; }

    /// <summary>A writer met a counter that does not fit <see cref="Width"/>: the copy must be made again (<see cref="Widen"/>).</summary>
    public bool Overflowed => _overflowed;

    /// <summary>The narrowest width that holds counters up to <paramref name="largest"/>.</summary>
    public static int WidthFor(ulong largest) => largest <= byte.MaxValue ? 1 : largest <= ushort.MaxValue ? 2 : 4;

    /// <summary>
    /// Copies group <paramref name="g"/>'s record and ORs its counters into <paramref name="counters"/> (threads may
    /// write distinct groups at once, each with its own OR; <see cref="EndWriting"/> checks it).
    /// </summary>
    public void Write(int g, ReadOnlySpan<uint> record, ref Vector256<uint> counters)
    {
        var to = _groups.Slice(g * _bytesPerGroup, _bytesPerGroup);
        ref var sums = ref MemoryMarshal.GetReference(to);
        Unsafe.WriteUnaligned(ref sums, Word(record, GroupStates.HandleSum));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref sums, sizeof(ulong)), Word(record, GroupStates.FirstResponseSum));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref sums, 2 * sizeof(ulong)), Word(record, GroupStates.ResolutionSum));
        to = to[SumBytes..];
        switch (Width)
        {
            case 1:
                counters |= Narrow(record, to);
                break;
            case 2:
                counters |= Narrow(record, MemoryMarshal.Cast<byte, ushort>(to));
                break;
            default:
                var words = MemoryMarshal.Cast<byte, uint>(to);
                record[..Skipped].CopyTo(words);
                record[GroupStates.LineStride..].CopyTo(words[Skipped..]);
                break;
        }
    }

    /// <summary>After a writer's last <see cref="Write"/>: notes whether any of its counters did not fit.</summary>
    public void EndWriting(Vector256<uint> counters)
    {
        if (Vector256.GreaterThanAny(counters, Vector256.Create(MaxOf(Width))))
        {
            _overflowed = true;
        }
    }

    /// <summary>After an overflow: copies every record of <paramref name="source"/> again, as wide as they need.</summary>
    public void Widen(GroupStates source)
    {
        while (_overflowed)
        {
            _overflowed = false;
            _groups = NewGroups(Width == 1 ? 2 : 4);
            var counters = Vector256<uint>.Zero;
            for (var g = 0; g < Count; g++)
            {
                Write(g, source.Record(g), ref counters);
            }

            EndWriting(counters);
        }
    }

    /// <summary>Adds the wide states (merged, deserialized or flushed counts and sums) as they are now; the copy is then complete.</summary>
    public void Seal(WideGroupStates? wide) => _wide = wide;

    public MetricsState Get(int g)
    {
        Span<uint> record = stackalloc uint[_stride];
        var data = _groups.Slice(g * _bytesPerGroup, _bytesPerGroup);
        var from = data[SumBytes..];
        record[Skipped..GroupStates.LineStride].Clear(); // the packed counts (zero outside a scatter); the sums are set below
        switch (Width)
        {
            case 1:
                for (var i = 0; i < record.Length; i = i == Skipped - 1 ? GroupStates.LineStride : i + 1)
                {
                    record[i] = from[KeptAt(i)];
                }

                break;
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(from);
                for (var i = 0; i < record.Length; i = i == Skipped - 1 ? GroupStates.LineStride : i + 1)
                {
                    record[i] = shorts[KeptAt(i)];
                }

                break;
            default:
                var words = MemoryMarshal.Cast<byte, uint>(from);
                words[..Skipped].CopyTo(record);
                words[Skipped..].CopyTo(record[GroupStates.LineStride..]);
                break;
        }

        ref var sums = ref MemoryMarshal.GetReference(data);
        Unsafe.As<uint, ulong>(ref record[GroupStates.HandleSum]) = Unsafe.ReadUnaligned<ulong>(ref sums);
        Unsafe.As<uint, ulong>(ref record[GroupStates.FirstResponseSum]) = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref sums, sizeof(ulong)));
        Unsafe.As<uint, ulong>(ref record[GroupStates.ResolutionSum]) = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref sums, 2 * sizeof(ulong)));
        return _layout.Read(record, _wide, g);
    }

    /// <summary>
    /// Writes the record's values truncated to <typeparamref name="T"/> and returns the OR of its counters (every value but
    /// the second half of the first line: the 64-bit sums and the packed counts, zero outside a scatter), which tells
    /// whether the truncation lost anything. The reference of the vectorized loops below, and their remainder.
    /// </summary>
    internal static uint NarrowScalar<T>(ReadOnlySpan<uint> record, Span<T> to, int from = 0)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        uint or = 0;
        for (var i = from; i < record.Length; i++)
        {
            if (IsKept(i))
            {
                var v = record[i];
                to[KeptAt(i)] = T.CreateTruncating(v);
                or |= v;
            }
        }

        return or;
    }

    /// <summary>
    /// As <see cref="NarrowScalar{T}"/> to bytes or 16 bits, sixteen values per step; the OR comes back in lanes (the
    /// type test is resolved when the method is compiled for each <typeparamref name="T"/>).
    /// </summary>
    internal static Vector256<uint> Narrow<T>(ReadOnlySpan<uint> record, Span<T> to)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        ref var r0 = ref MemoryMarshal.GetReference(record);
        ref var t0 = ref MemoryMarshal.GetReference(to);
        var or = Vector256<uint>.Zero;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated && (typeof(T) == typeof(byte) || typeof(T) == typeof(ushort)))
        {
            // The first half of the first line (its counters; the second half, sums and packed counts, is not kept), then
            // runs of sixteen counters, each written Skipped values earlier than it is read.
            if (record.Length >= GroupStates.LineStride)
            {
                var line = Vector256.LoadUnsafe(ref r0);
                or = line;
                var shorts = Vector256.Narrow(line, line);
                if (typeof(T) == typeof(byte))
                {
                    Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref t0), Vector256.Narrow(shorts, shorts).AsUInt64().ToScalar());
                }
                else
                {
                    shorts.GetLower().StoreUnsafe(ref Unsafe.As<T, ushort>(ref t0));
                }

                i = GroupStates.LineStride;
            }

            for (; i + 16 <= (nuint)record.Length; i += 16)
            {
                var low = Vector256.LoadUnsafe(ref r0, i);
                var high = Vector256.LoadUnsafe(ref r0, i + 8);
                or |= low | high;
                var shorts = Vector256.Narrow(low, high);
                if (typeof(T) == typeof(byte))
                {
                    Vector256.Narrow(shorts, shorts).GetLower().StoreUnsafe(ref Unsafe.As<T, byte>(ref t0), i - Skipped);
                }
                else
                {
                    shorts.StoreUnsafe(ref Unsafe.As<T, ushort>(ref t0), i - Skipped);
                }
            }
        }

        return i == (nuint)record.Length ? or : or | Vector256.CreateScalar(NarrowScalar(record, to, (int)i));
    }

    /// <summary>Whether record value <paramref name="i"/> is kept (a counter): all but the second half of the first line, the sums (kept apart) and packed counts (zero).</summary>
    private static bool IsKept(int i) => i < Skipped || i >= GroupStates.LineStride;

    /// <summary>Where a kept record value is in a group's copy.</summary>
    private static int KeptAt(int i) => i < Skipped ? i : i - Skipped;

    private static uint MaxOf(int width) => width == 4 ? uint.MaxValue : (1u << (8 * width)) - 1;

    private static ulong Word(ReadOnlySpan<uint> record, int at) => Unsafe.As<uint, ulong>(ref Unsafe.AsRef(in record[at]));

    private ChunkedArray<byte> NewGroups(int width)
    {
        Width = width;
        _bytesPerGroup = SumBytes + ((_stride - Skipped) * width);

        // A result holds at most 2^31 - 1 bytes of copied records: about 9.9 million groups at 4 bytes a counter (only when
        // some counter passed 65,535), 29 million at 1 byte; the accumulator's own records stop at 44 million.
        return new ChunkedArray<byte>(checked(Count * _bytesPerGroup), _bytesPerGroup, zeroed: false);
    }
}
