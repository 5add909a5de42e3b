using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace CxMetrics.Internal;

/// <summary>
/// The grouped (scatter) form of the core kernels: the same per-row rules as <c>Internal/Kernels</c> (what is a
/// response, handle = talk + hold + wrap with missing hold/wrap as 0, breach = response &gt; target), but each row
/// adds to the compact record of its group id (<see cref="GroupStates"/>). Branch-free
/// where a branch would be data-dependent; an absent column reads as a zero-stride run of one missing value
/// (<see cref="StridedColumns"/>; with <see cref="DenseColumns"/> every column is present and read directly). Tests check
/// every group against the core compute over that group's rows.
/// </summary>
internal static class GroupedKernels
{
    /// <summary>How many selected rows ahead the many-groups kernels prefetch a row's record (8 to 64 measured alike).</summary>
    internal const int PrefetchDistance = 16;

    /// <summary>
    /// The record offset of each byte value of a score column: answers in min..max to <c>answers + v</c>,
    /// <see cref="Missing.Score"/> (and, never reached once the column is validated, any other value) to the missing slot.
    /// </summary>
    public static void ScoreBins(int min, int max, int answers, int missingSlot, Span<byte> bins)
    {
        bins.Fill((byte)missingSlot);
        for (var v = min; v <= max; v++)
        {
            bins[v] = (byte)(answers + v);
        }
    }

    /// <summary>
    /// Counts the answers of the four score columns per group in one pass: <c>records[g · stride + bin_k(score_k)]++</c> for
    /// k = CSAT, NPS, CES, FCR (<paramref name="bins"/> holds four 256-entry tables of record offsets). Contacts are the
    /// CSAT counters' total.
    /// </summary>
    /// <typeparam name="TRows">Every row (<see cref="AllRows"/>, <paramref name="count"/> = rows) or the rows listed in <paramref name="index"/> (<see cref="ListedRows"/>).</typeparam>
    /// <typeparam name="TColumns"><see cref="DenseColumns"/> when all four columns are present, else <see cref="StridedColumns"/>.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scores<TRows, TColumns>(ReadOnlySpan<int> gid, ReadOnlySpan<int> index, int count, Span<uint> records, int stride, ReadOnlySpan<byte> bins,
        ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr)
        where TRows : struct, IRowSelection
        where TColumns : struct
    {
        byte missing = Missing.Score;
        ref var a0 = ref csat.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(csat);
        ref var b0 = ref nps.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(nps);
        ref var c0 = ref ces.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(ces);
        ref var d0 = ref fcr.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(fcr);
        nint aStep = csat.IsEmpty ? 0 : 1, bStep = nps.IsEmpty ? 0 : 1, cStep = ces.IsEmpty ? 0 : 1, dStep = fcr.IsEmpty ? 0 : 1;
        ref var bin0 = ref MemoryMarshal.GetReference(bins);
        ref var h0 = ref MemoryMarshal.GetReference(records);
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        ref var x0 = ref MemoryMarshal.GetReference(index);
        var ahead = Sse.IsSupported ? count - PrefetchDistance : 0;
        for (nint k = 0; k < count; k++)
        {
            var i = TRows.Row(ref x0, k);
            if (k < ahead)
            {
                // The score counters are the record's 128 bytes after its line.
                PrefetchRecord<TRows>(ref x0, ref g0, ref h0, k + PrefetchDistance, stride, GroupStates.LineStride * sizeof(uint), twoLines: true);
            }

            ref var row = ref Unsafe.Add(ref h0, (nint)Unsafe.Add(ref g0, i) * stride);
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, Unsafe.Add(ref a0, At<TColumns>(i, aStep))))++;
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, 256 + Unsafe.Add(ref b0, At<TColumns>(i, bStep))))++;
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, 512 + Unsafe.Add(ref c0, At<TColumns>(i, cStep))))++;
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, 768 + Unsafe.Add(ref d0, At<TColumns>(i, dStep))))++;
        }
    }

    /// <summary>
    /// Handle, first-response and resolution counts and 64-bit sums, and SLA measured/breached, per group in one pass into
    /// the 64-byte lines that start the groups' records (<see cref="GroupStates.Records"/>, <paramref name="stride"/> uints each). The sums wrap modulo 2^64 when the caller's bound says
    /// they might; the caller then undoes them with <see cref="MoveSums"/>.
    /// SLA: a row's own target, else its priority's (<paramref name="targetByCodePlusOne"/>[code + 1], index 0 = unknown
    /// priority = no target); measured when response and target are present; breached when response &gt; target.
    /// Returns the OR of the present handle components, first-response and resolution values (to check <see cref="Durations.MaxTicks"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long Handle, long FirstResponse, long Resolution) DurationsAndSla<TRows, TColumns>(ReadOnlySpan<int> gid, ReadOnlySpan<int> index, int count, Span<uint> records, int stride,
        ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> resolution,
        ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCodePlusOne)
        where TRows : struct, IRowSelection
        where TColumns : struct
    {
        long none = Missing.Duration;
        int noPriority = -1;
        ref var t0 = ref talk.IsEmpty ? ref none : ref MemoryMarshal.GetReference(talk);
        ref var o0 = ref hold.IsEmpty ? ref none : ref MemoryMarshal.GetReference(hold);
        ref var w0 = ref wrap.IsEmpty ? ref none : ref MemoryMarshal.GetReference(wrap);
        ref var r0 = ref firstResponse.IsEmpty ? ref none : ref MemoryMarshal.GetReference(firstResponse);
        ref var z0 = ref resolution.IsEmpty ? ref none : ref MemoryMarshal.GetReference(resolution);
        ref var q0 = ref target.IsEmpty ? ref none : ref MemoryMarshal.GetReference(target);
        nint tStep = talk.IsEmpty ? 0 : 1, oStep = hold.IsEmpty ? 0 : 1, wStep = wrap.IsEmpty ? 0 : 1;
        nint rStep = firstResponse.IsEmpty ? 0 : 1, zStep = resolution.IsEmpty ? 0 : 1, qStep = target.IsEmpty ? 0 : 1;
        var hasPolicy = !priority.IsEmpty && targetByCodePlusOne.Length > 1;
        ref var p0 = ref hasPolicy ? ref MemoryMarshal.GetReference(priority) : ref noPriority;
        nint pStep = hasPolicy ? 1 : 0;
        var tableLength = hasPolicy ? (uint)targetByCodePlusOne.Length : 1u;
        ref var c0 = ref hasPolicy ? ref MemoryMarshal.GetReference(targetByCodePlusOne) : ref none;
        ref var h0 = ref MemoryMarshal.GetReference(records);
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        ref var x0 = ref MemoryMarshal.GetReference(index);
        long orHandle = 0, orResponse = 0, orResolution = 0;
        var ahead = Sse.IsSupported ? count - PrefetchDistance : 0;
        for (nint k = 0; k < count; k++)
        {
            var i = TRows.Row(ref x0, k);
            if (k < ahead)
            {
                PrefetchRecord<TRows>(ref x0, ref g0, ref h0, k + PrefetchDistance, stride, 0, twoLines: false);
            }

            ref var row = ref Unsafe.Add(ref h0, (nint)Unsafe.Add(ref g0, i) * stride);

            var t = Unsafe.Add(ref t0, At<TColumns>(i, tStep));
            var keep = ~(t >> 63); // all ones when talk time is present
            var h = Unsafe.Add(ref o0, At<TColumns>(i, oStep));
            var w = Unsafe.Add(ref w0, At<TColumns>(i, wStep));
            h &= ~(h >> 63);
            w &= ~(w >> 63);
            var handle = (t + h + w) & keep;
            orHandle |= (t | h | w) & keep;
            Unsafe.Add(ref row, GroupStates.HandleCount) += (uint)(keep & 1);
            Unsafe.As<uint, ulong>(ref Unsafe.Add(ref row, GroupStates.HandleSum)) += (ulong)handle;

            var r = Unsafe.Add(ref r0, At<TColumns>(i, rStep));
            var kr = ~(r >> 63);
            var present = r & kr;
            orResponse |= present;
            Unsafe.Add(ref row, GroupStates.FirstResponseCount) += (uint)(kr & 1);
            Unsafe.As<uint, ulong>(ref Unsafe.Add(ref row, GroupStates.FirstResponseSum)) += (ulong)present;

            var z = Unsafe.Add(ref z0, At<TColumns>(i, zStep));
            var kz = ~(z >> 63);
            z &= kz;
            orResolution |= z;
            Unsafe.Add(ref row, GroupStates.ResolutionCount) += (uint)(kz & 1);
            Unsafe.As<uint, ulong>(ref Unsafe.Add(ref row, GroupStates.ResolutionSum)) += (ulong)z;

            var own = Unsafe.Add(ref q0, At<TColumns>(i, qStep));
            var code = (uint)(Unsafe.Add(ref p0, i * pStep) + 1);
            var byPriority = Unsafe.Add(ref c0, code < tableLength ? code : 0);
            var limit = own >= 0 ? own : byPriority;
            var m = (uint)((ulong)~(r | limit) >> 63);
            Unsafe.Add(ref row, GroupStates.SlaMeasured) += m;
            Unsafe.Add(ref row, GroupStates.SlaBreached) += m & (uint)((ulong)(limit - r) >> 63);
        }

        return (orHandle, orResponse, orResolution);
    }

    /// <summary>Row <paramref name="i"/> of a column read with <paramref name="step"/> (0 for an absent column): with <see cref="DenseColumns"/> every column is present and the multiply is compiled away.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint At<TColumns>(nint i, nint step)
        where TColumns : struct => typeof(TColumns) == typeof(DenseColumns) ? i : i * step;

    /// <summary>Writes the rows whose group is in [<paramref name="first"/>, <paramref name="end"/>) to <paramref name="index"/> (ascending, branch-free); returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SelectRows(ReadOnlySpan<int> gid, int first, int end, Span<int> index)
    {
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        ref var x0 = ref MemoryMarshal.GetReference(index);
        var width = (uint)(end - first);
        nint k = 0;
        for (var i = 0; i < gid.Length; i++)
        {
            Unsafe.Add(ref x0, k) = i;
            k += (uint)(Unsafe.Add(ref g0, i) - first) < width ? 1 : 0;
        }

        return (int)k;
    }

    /// <summary>
    /// Asks for the record of the k-th selected row ahead of its use: with many groups (records far above L2) each row's
    /// record is a cache miss, and the group ids are known in advance, so the misses of the next rows overlap with this
    /// row's work instead of each stalling in turn. The address may be stale if the GC moves the array meanwhile; a
    /// prefetch never faults.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRecord<TRows>(ref int x0, ref int g0, ref uint h0, nint k, int stride, int firstByte, bool twoLines)
        where TRows : struct, IRowSelection
    {
        var record = firstByte + (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref h0, (nint)Unsafe.Add(ref g0, TRows.Row(ref x0, k)) * stride));
        Sse.Prefetch0(record);
        if (twoLines)
        {
            Sse.Prefetch0(record + 64);
        }
    }

    /// <summary>
    /// Takes the sums <see cref="DurationsAndSla"/> added for these rows back out of the 64-bit line sums (exactly: the
    /// same values subtracted modulo 2^64) and adds them to the wide 128-bit sums instead. Used when a batch's values
    /// could have wrapped a 64-bit sum (durations close to <see cref="Durations.MaxTicks"/> in huge groups).
    /// </summary>
    public static void MoveSums(ReadOnlySpan<int> gid, Span<uint> records, int stride, WideGroupStates wide,
        ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> resolution)
    {
        for (var i = 0; i < gid.Length; i++)
        {
            var g = gid[i];
            ref var row = ref records[g * stride];
            long handle = 0;
            if (!talk.IsEmpty && talk[i] >= 0)
            {
                handle = talk[i] + (hold.IsEmpty ? 0 : Math.Max(hold[i], 0)) + (wrap.IsEmpty ? 0 : Math.Max(wrap[i], 0));
            }

            var response = firstResponse.IsEmpty ? 0 : Math.Max(firstResponse[i], 0);
            var resolved = resolution.IsEmpty ? 0 : Math.Max(resolution[i], 0);
            Unsafe.As<uint, ulong>(ref Unsafe.Add(ref row, GroupStates.HandleSum)) -= (ulong)handle;
            Unsafe.As<uint, ulong>(ref Unsafe.Add(ref row, GroupStates.FirstResponseSum)) -= (ulong)response;
            Unsafe.As<uint, ulong>(ref Unsafe.Add(ref row, GroupStates.ResolutionSum)) -= (ulong)resolved;
            wide.HandleSum[g] += handle;
            wide.FirstResponseSum[g] += response;
            wide.ResolutionSum[g] += resolved;
        }
    }

    /// <summary>Writes present values grouped by group id: group g's values go to <c>values[position[g]..]</c>; every group needs one slack slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GatherDurations(ReadOnlySpan<int> gid, ReadOnlySpan<long> ticks, Span<int> position, Span<long> values)
    {
        ref var p0 = ref MemoryMarshal.GetReference(position);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i < ticks.Length; i++)
        {
            var v = ticks[i];
            ref var p = ref Unsafe.Add(ref p0, gid[i]);
            Unsafe.Add(ref v0, p) = v;
            p += (int)((ulong)~v >> 63);
        }
    }

    /// <summary>As <see cref="GatherDurations"/> for handle times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GatherHandle(ReadOnlySpan<int> gid, ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, Span<int> position, Span<long> values)
    {
        ref var p0 = ref MemoryMarshal.GetReference(position);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        var hasHold = !hold.IsEmpty;
        var hasWrap = !wrap.IsEmpty;
        for (var i = 0; i < talk.Length; i++)
        {
            var t = talk[i];
            var h = hasHold ? hold[i] : 0;
            var w = hasWrap ? wrap[i] : 0;
            h &= ~(h >> 63);
            w &= ~(w >> 63);
            ref var p = ref Unsafe.Add(ref p0, gid[i]);
            Unsafe.Add(ref v0, p) = t + h + w;
            p += (int)((ulong)~t >> 63);
        }
    }
}
