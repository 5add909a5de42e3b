using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal;

/// <summary>
/// The exact state of every group of an accumulator. Rows added by batches go to one compact record per group
/// (<see cref="Records"/>, <see cref="RecordStride"/> uints, 192 bytes with the default scales, about a third of a wide
/// 64-bit state): a 64-byte line of duration and SLA counters and 64-bit sums, then the 32-bit answer counters of the
/// four score columns, contiguous, so that a row's scatter touches one group's adjacent cache lines only. Merged and
/// deserialized states, and counters and sums moved out before they could overflow, live in a
/// <see cref="WideGroupStates"/> allocated only when needed. <see cref="Get"/> returns the sum of both as a
/// <see cref="MetricsState"/>.
/// </summary>
/// <remarks>
/// <para>Record (uint offsets). The line, 0..15: 0..2 handle, first-response and resolution counts, 3..4 SLA
/// measured/breached, 8, 10, 12 the handle, first-response and resolution sums (64-bit); 6..7 and 14..15 are packed
/// counters that only <see cref="BlockScatterKernel"/> writes, and it moves them into 0..4 and clears them before it
/// returns. The scores, from 16: the "missing" counter of CSAT, NPS, CES and FCR flags (the branch-free scatter needs
/// somewhere to count a missing answer), FCR no/yes, then the answers: CSAT ScaleMin..ScaleMax, NPS 0..10, CES
/// ScaleMin..ScaleMax. Contacts = CSAT missing + CSAT answers (score columns are validated before a batch is
/// scattered).</para>
/// <para>Why one record rather than a score array and a line array, each scattered by a pass of its own (until the
/// eighth session): with 45,000 groups (agent × day, 8.6 MB) every row's record is a cache miss either way, and one pass
/// into adjacent lines was measured faster than two passes into three lines of two arrays (docs/grouping.md).</para>
/// <para>Nothing wraps. Counters: the wide store takes them over before the rows added since the last flush could reach
/// 2^32 (so two adjacent counters can also be added as one 64-bit word: <see cref="AddWords"/>). Sums:
/// <see cref="SumBound"/> bounds every 64-bit sum: the largest duration count of any group times the largest value added
/// since the last flush (from the OR of each batch's values). When a batch makes that bound pass 2^64 − 1, its sums are
/// taken back out of the 64-bit sums and added to the wide 128-bit ones (<c>GroupedKernels.MoveSums</c>, exact because
/// the 64-bit sums wrap modulo 2^64), and everything is flushed to the wide state.</para>
/// <para>The records are pooled (<see cref="ArrayPool{T}"/>, returned by <see cref="Dispose"/>) and a result gets
/// a copy in small chunks with counters as narrow as they fit (<see cref="NewFrozen"/>, <see cref="Seal"/>,
/// <see cref="FrozenGroupStates"/>): an accumulator per call (the one-shot compute) then writes warm pages, never fresh
/// ones of a new large array (<see cref="ChunkedArray{T}"/> says why that matters), and allocates as little as it can.</para>
/// </remarks>
internal sealed class GroupStates : IDisposable
{
    public const int LineStride = 16;
    public const int HandleCount = 0;
    public const int FirstResponseCount = 1;
    public const int ResolutionCount = 2;
    public const int SlaMeasured = 3;
    public const int SlaBreached = 4;
    public const int HandleSum = 8;
    public const int FirstResponseSum = 10;
    public const int ResolutionSum = 12;

    public const int CsatMissing = LineStride;
    public const int NpsMissing = LineStride + 1;
    public const int CesMissing = LineStride + 2;
    public const int FcrMissing = LineStride + 3;
    public const int Fcr0 = LineStride + 4;
    public const int FirstAnswer = LineStride + 6;

    private readonly MetricOptions _metrics;
    private readonly int _csatMin, _csatMax, _cesMin, _cesMax;
    private uint[] _records = [];
    private int _base;
    private int _capacity;
    private WideGroupStates? _wide;
    private long _hotRows;

    public GroupStates(MetricOptions metrics)
    {
        _metrics = metrics;
        _csatMin = metrics.Csat.ScaleMin;
        _csatMax = metrics.Csat.ScaleMax;
        _cesMin = metrics.Ces.ScaleMin;
        _cesMax = metrics.Ces.ScaleMax;
        CsatAnswers = FirstAnswer - _csatMin;
        NpsAnswers = FirstAnswer + (_csatMax - _csatMin + 1);
        CesAnswers = NpsAnswers + 11 - _cesMin;
        var used = NpsAnswers + 11 + (_cesMax - _cesMin + 1);
        RecordStride = (used + 3) & ~3;
    }

    /// <summary>uints per group in <see cref="Records"/> (a multiple of 4; 48 for the default scales).</summary>
    public int RecordStride { get; }

    /// <summary>Record offset of CSAT answer v is <c>CsatAnswers + v</c> (v in the scale); likewise NPS and CES.</summary>
    public int CsatAnswers { get; }

    public int NpsAnswers { get; }

    public int CesAnswers { get; }

    public int CsatMin => _csatMin;

    public int CsatMax => _csatMax;

    public int CesMin => _cesMin;

    public int CesMax => _cesMax;

    /// <summary>
    /// The records, <see cref="RecordStride"/> uints per group, from the first 64-byte boundary of a pooled array (it may
    /// be longer than the groups need). Call <see cref="BeginBatch"/> before writing.
    /// </summary>
    /// <remarks>Why aligned: a record is three 64-byte lines (192 bytes); from an array's usual start (16 or 24 bytes
    /// past a line) each spans four, and with many groups every line a row touches is a miss (<see cref="AlignedStart"/>).</remarks>
    public Span<uint> Records => _records.AsSpan(_base);

    /// <summary>The pooled array behind <see cref="Records"/>.</summary>
    public uint[] RecordsArray => _records;

    /// <summary>Where <see cref="Records"/> starts in <see cref="RecordsArray"/> (its first 64-byte boundary).</summary>
    public int RecordsStart => _base;

    /// <summary>
    /// Rents an array with room for <paramref name="length"/> uints from its first 64-byte boundary, which is
    /// <paramref name="start"/> (<see cref="AlignedStart"/>); the caller returns it to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static uint[] RentAligned(int length, out int start)
    {
        var array = ArrayPool<uint>.Shared.Rent(length + 15);
        start = AlignedStart(array);
        return array;
    }

    /// <summary>
    /// The index of the first element of <paramref name="array"/> on a 64-byte boundary (0..15), for arrays rented 15
    /// elements longer. Large arrays do not move (the GC compacts the large-object heap only when asked to), so the records
    /// stay aligned; a small array (few groups, whose records stay in cache anyway) may be moved by the GC, and then only
    /// the speed changes: every reader goes through the same start.
    /// </summary>
    public static unsafe int AlignedStart(uint[] array) =>
        (int)((64 - ((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) & 63)) & 63) / sizeof(uint);

    /// <summary>The bytes of the records of every group (what the scatter paths size their choices by).</summary>
    public long RecordBytes => (long)Count * RecordStride * sizeof(uint);

    /// <summary>The largest handle, first-response or resolution count of any group in <see cref="Records"/>.</summary>
    public uint MaxLineCount { get; private set; }

    /// <summary>An upper bound of every value added to a 64-bit sum since the last flush.</summary>
    public ulong MaxValue { get; private set; }

    /// <summary>An upper bound of every 64-bit sum in <see cref="Records"/> (of any group and metric).</summary>
    public UInt128 SumBound => (UInt128)MaxLineCount * MaxValue;

    /// <summary>After a scatter: takes the touched groups' counts and the largest value added into the bound.</summary>
    public void UpdateSumBound(ReadOnlySpan<int> touched, ulong largestValue) => RaiseSumBound(LargestCount(touched), largestValue);

    /// <summary>The largest handle, first-response or resolution count of the given groups (threads may read disjoint parts at once).</summary>
    public uint LargestCount(ReadOnlySpan<int> touched)
    {
        uint max = 0;
        foreach (var g in touched)
        {
            var record = Records.Slice(g * RecordStride, LineStride);
            max = Math.Max(max, Math.Max(record[HandleCount], Math.Max(record[FirstResponseCount], record[ResolutionCount])));
        }

        return max;
    }

    /// <summary>Raises the bound to cover a largest count and a largest value added (<see cref="UpdateSumBound"/> in parts).</summary>
    public void RaiseSumBound(uint largestCount, ulong largestValue)
    {
        MaxLineCount = Math.Max(MaxLineCount, largestCount);
        MaxValue = Math.Max(MaxValue, largestValue);
    }

    public int Count { get; private set; }

    /// <summary>Counts the calls that change the state (new groups, batches begun, states added, flushes): unchanged means the counts and sums are as before.</summary>
    public long Writes { get; private set; }

    public int Capacity => _capacity;

    /// <summary>The wide store, created on first use.</summary>
    public WideGroupStates Wide
    {
        get
        {
            _wide ??= new WideGroupStates();
            _wide.EnsureCount(Count);
            return _wide;
        }
    }

    /// <summary>Makes room for <paramref name="groups"/> groups in one step (growing by at least half).</summary>
    public void Reserve(int groups)
    {
        if (groups > _capacity)
        {
            var capacity = _capacity == 0 ? groups : Math.Max(groups, _capacity + (_capacity / 2));
            var length = checked(capacity * RecordStride);
            var used = Count * RecordStride;
            var records = RentAligned(length, out var start);
            Records[..used].CopyTo(records.AsSpan(start));
            records.AsSpan(start + used, length - used).Clear();
            ReturnRecords();
            _records = records;
            _base = start;
            _capacity = capacity;
        }
    }

    /// <summary>Returns the pooled records; the state is unusable afterwards.</summary>
    public void Dispose()
    {
        ReturnRecords();
        _records = [];
        _base = 0;
        _capacity = 0;
        Count = 0;
    }

    private void ReturnRecords()
    {
        if (_records.Length > 0)
        {
            ArrayPool<uint>.Shared.Return(_records);
        }
    }

    /// <summary>Adds a zeroed group and returns its id.</summary>
    public int AddGroup()
    {
        if (Count == Capacity)
        {
            Reserve(Math.Max(16, Count * 2));
        }

        Writes++;
        return Count++;
    }

    /// <summary>Adds <paramref name="count"/> zeroed groups (ids <see cref="Count"/> on).</summary>
    public void AddGroups(int count)
    {
        Reserve(Count + count);
        Writes++;
        Count += count;
    }

    /// <summary>Before a batch of <paramref name="rows"/> rows is scattered: moves counters and sums that could overflow to the wide store.</summary>
    public void BeginBatch(int rows)
    {
        Writes++;
        if (_hotRows + rows > uint.MaxValue || SumBound > ulong.MaxValue / 2)
        {
            FlushToWide();
        }

        _hotRows += rows;
    }

    /// <summary>The contacts a record counted: CSAT missing plus every CSAT answer.</summary>
    public uint Contacts(ReadOnlySpan<uint> record)
    {
        var contacts = record[CsatMissing];
        for (var v = _csatMin; v <= _csatMax; v++)
        {
            contacts += record[CsatAnswers + v];
        }

        return contacts;
    }

    /// <summary>
    /// Adds a record in this layout (e.g. one batch's record of a dense cell) to group <paramref name="g"/>'s compact
    /// record, inside one batch begun with <see cref="BeginBatch"/> (by <see cref="AddWords"/>).
    /// </summary>
    public void AddRecord(int g, ReadOnlySpan<uint> record) => AddWords(Records.Slice(g * RecordStride, RecordStride), record[..RecordStride]);

    /// <summary>
    /// Adds records (or any run of an even number of uints starting at an even offset) as 64-bit words: the 64-bit sums
    /// wrap modulo 2^64 exactly as in one scatter, and a pair of 32-bit counters cannot carry into each other while each
    /// total stays below 2^32 (<see cref="BeginBatch"/>).
    /// </summary>
    public static void AddWords(Span<uint> to, ReadOnlySpan<uint> from)
    {
        var words = MemoryMarshal.Cast<uint, ulong>(to);
        System.Numerics.Tensors.TensorPrimitives.Add(words, MemoryMarshal.Cast<uint, ulong>(from), words);
    }

    /// <summary>The state of group <paramref name="g"/>.</summary>
    public MetricsState Get(int g) => Read(Records.Slice(g * RecordStride, RecordStride), _wide, g);

    /// <summary>Adds a state (merged or deserialized) to group <paramref name="g"/>.</summary>
    public void Add(int g, in MetricsState state)
    {
        Writes++;
        Wide.Add(g, state);
    }

    /// <summary>Adds every group of <paramref name="other"/> to group <c>map[g]</c>.</summary>
    public void AddFrom(GroupStates other, ReadOnlySpan<int> map)
    {
        Writes++;
        var wide = Wide;
        for (var g = 0; g < other.Count; g++)
        {
            wide.Add(map[g], other.Get(g));
        }
    }

    /// <summary>The measured counts of a duration metric (0 handle, 1 first response, 2 resolution) of every group.</summary>
    public long[] MeasuredCounts(int metric)
    {
        var counts = new long[Count];
        for (var g = 0; g < counts.Length; g++)
        {
            var s = Get(g);
            counts[g] = metric switch
            {
                0 => s.Handle.Count,
                1 => s.FirstResponse.Count,
                _ => s.Resolution.Count,
            };
        }

        return counts;
    }

    /// <summary>A 32-bit counter of a line (e.g. <see cref="HandleCount"/>) of group <paramref name="g"/>.</summary>
    public uint LineCounter(int g, int offset) => _records[_base + (g * RecordStride) + offset];

    /// <summary>
    /// An empty copy of the records for a result (filled by <see cref="CopyRecordsAndTotal"/>), its counters as narrow as
    /// a guess of the largest says they fit: the largest line count seen, or three times the average rows per group
    /// (when some line counts are not counted at all). A wrong guess costs a second copy, never a value
    /// (<see cref="FrozenGroupStates.Widen"/>).
    /// </summary>
    /// <remarks>The frozen copy reads through a layout of its own (no records): a result kept after its accumulator is
    /// dropped must not keep the accumulator's pooled records alive.</remarks>
    public FrozenGroupStates NewFrozen()
    {
        var average = Count == 0 ? 0 : (ulong)_hotRows / (ulong)Count;
        return new FrozenGroupStates(new GroupStates(_metrics), Count, FrozenGroupStates.WidthFor(Math.Max(MaxLineCount, 3 * average)));
    }

    /// <summary>Completes a copy made by <see cref="CopyRecordsAndTotal"/>: copies again if a counter did not fit, then adds a copy of the wide states.</summary>
    public void Seal(FrozenGroupStates frozen)
    {
        frozen.Widen(this);
        frozen.Seal(_wide?.Clone());
    }

    /// <summary>Group <paramref name="g"/>'s compact record.</summary>
    public ReadOnlySpan<uint> Record(int g) => Records.Slice(g * RecordStride, RecordStride);

    /// <summary>The sum of every group's state (the compact records are added as vectors: no per-group conversion).</summary>
    public MetricsState Total()
    {
        var total = TotalOf(0, Count, null);
        AddWideTotal(ref total);
        return total;
    }

    /// <summary>
    /// Copies part <paramref name="part"/> of <paramref name="parts"/> of the records (whole groups) to <paramref name="to"/>
    /// and returns the sum of those records (without the wide states: <see cref="AddWideTotal"/>): the result's copy and
    /// the overall sum in one read of the records. Threads may do distinct parts at once.
    /// </summary>
    public MetricsState CopyRecordsAndTotal(FrozenGroupStates to, int part, int parts)
    {
        var size = (Count + parts - 1) / parts;
        var first = Math.Min(part * size, Count);
        return TotalOf(first, Math.Min(size, Count - first), to);
    }

    /// <summary>Adds the sum of the wide states (merged, deserialized or flushed counts and sums) to <paramref name="total"/>.</summary>
    public void AddWideTotal(ref MetricsState total)
    {
        if (_wide is not null)
        {
            for (var g = 0; g < _wide.Count; g++)
            {
                total.Add(_wide.Get(g));
            }
        }
    }

    private MetricsState TotalOf(int first, int count, FrozenGroupStates? copyTo)
    {
        // A counter summed over groups is at most the rows added since the last flush (< 2^32): uint lanes cannot overflow.
        var stride = RecordStride;
        Span<uint> sum = stackalloc uint[stride];
        sum.Clear();
        UInt128 handleSum = 0, firstResponseSum = 0, resolutionSum = 0;
        var counters = System.Runtime.Intrinsics.Vector256<uint>.Zero;
        for (var g = first; g < first + count; g++)
        {
            var record = _records.AsSpan(_base + (g * stride), stride);
            System.Numerics.Tensors.TensorPrimitives.Add(sum[..8], record[..8], sum[..8]);
            System.Numerics.Tensors.TensorPrimitives.Add(sum[LineStride..], record[LineStride..], sum[LineStride..]);
            handleSum += Unsafe.As<uint, ulong>(ref record[HandleSum]);
            firstResponseSum += Unsafe.As<uint, ulong>(ref record[FirstResponseSum]);
            resolutionSum += Unsafe.As<uint, ulong>(ref record[ResolutionSum]);
            copyTo?.Write(g, record, ref counters);
        }

        copyTo?.EndWriting(counters);

        var total = default(MetricsState);
        Decode(sum, (Int128)handleSum, (Int128)firstResponseSum, (Int128)resolutionSum, ref total);
        return total;
    }

    /// <summary>Group <paramref name="g"/>'s state: its compact <paramref name="record"/> plus its wide state, if any.</summary>
    internal MetricsState Read(Span<uint> record, WideGroupStates? wide, int g)
    {
        var state = wide is not null && g < wide.Count ? wide.Get(g) : default;
        var hot = default(MetricsState);
        Decode(record, Unsafe.As<uint, ulong>(ref record[HandleSum]), Unsafe.As<uint, ulong>(ref record[FirstResponseSum]), Unsafe.As<uint, ulong>(ref record[ResolutionSum]), ref hot);
        state.Add(hot);
        return state;
    }

    /// <summary>A record's counters (the sums given apart: 64-bit, or 128-bit totals) as a state.</summary>
    private void Decode(ReadOnlySpan<uint> record, Int128 handleSum, Int128 firstResponseSum, Int128 resolutionSum, ref MetricsState state)
    {
        long contacts = record[CsatMissing];
        for (var v = _csatMin; v <= _csatMax; v++)
        {
            state.Csat[v] = record[CsatAnswers + v];
            contacts += state.Csat[v];
        }

        for (var v = 0; v <= 10; v++)
        {
            state.Nps[v] = record[NpsAnswers + v];
        }

        for (var v = _cesMin; v <= _cesMax; v++)
        {
            state.Ces[v] = record[CesAnswers + v];
        }

        state.Contacts = contacts;
        state.Fcr[0] = record[Fcr0];
        state.Fcr[1] = record[Fcr0 + 1];
        state.Handle = new DurationTotals { Count = record[HandleCount], SumTicks = handleSum };
        state.FirstResponse = new DurationTotals { Count = record[FirstResponseCount], SumTicks = firstResponseSum };
        state.Resolution = new DurationTotals { Count = record[ResolutionCount], SumTicks = resolutionSum };
        state.Sla = new SlaCounts { Measured = record[SlaMeasured], Breached = record[SlaBreached] };
    }

    /// <summary>Moves every compact counter and sum to the wide store (before they could overflow).</summary>
    public void FlushToWide()
    {
        Writes++;
        var wide = Wide;
        for (var g = 0; g < Count; g++)
        {
            wide.Add(g, Read(Records.Slice(g * RecordStride, RecordStride), null, g));
        }

        Records[..(Count * RecordStride)].Clear();
        _hotRows = 0;
        MaxLineCount = 0;
        MaxValue = 0;
    }
}
