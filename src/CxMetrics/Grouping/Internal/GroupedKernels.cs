using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal;

/// <summary>
/// The grouped (scatter) form of the core kernels: the same per-row rules as <c>Internal/Kernels</c> (what is a
/// response, handle = talk + hold + wrap with missing hold/wrap as 0, breach = response &gt; target), but each row
/// adds to the state of its group id. Branch-free where a branch would be data-dependent. Tests check every group
/// against the core compute over that group's rows.
/// </summary>
internal static class GroupedKernels
{
    /// <summary>The bin of each byte value: answers in min..max to themselves, <see cref="Missing.Score"/> to the missing bin, the rest to the invalid bin.</summary>
    public static void ScoreBins(int min, int max, Span<byte> bins)
    {
        bins.Fill(GroupStates.InvalidBin);
        for (var v = min; v <= max; v++)
        {
            bins[v] = (byte)v;
        }

        bins[Missing.Score] = GroupStates.MissingBin;
    }

    /// <summary>
    /// Counts contacts and the answers of the four score columns per group in one pass: <c>contacts[g]++</c> and
    /// <c>counts[g · 64 + 16k + bin_k(score_k)]++</c> for k = CSAT, NPS, CES, FCR. An absent column (empty span)
    /// reads as missing. Invalid values land in the invalid bin, which the caller checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ContactsAndScores(ReadOnlySpan<int> gid, long[] contacts, long[] counts, ReadOnlySpan<byte> bins,
        ReadOnlySpan<byte> csat, ReadOnlySpan<byte> nps, ReadOnlySpan<byte> ces, ReadOnlySpan<byte> fcr)
    {
        // bins holds four 256-entry tables, already offset by 16k for column k.
        byte missing = Missing.Score;
        ref var a0 = ref csat.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(csat);
        ref var b0 = ref nps.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(nps);
        ref var c0 = ref ces.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(ces);
        ref var d0 = ref fcr.IsEmpty ? ref missing : ref MemoryMarshal.GetReference(fcr);
        nint aStep = csat.IsEmpty ? 0 : 1, bStep = nps.IsEmpty ? 0 : 1, cStep = ces.IsEmpty ? 0 : 1, dStep = fcr.IsEmpty ? 0 : 1;
        ref var bin0 = ref MemoryMarshal.GetReference(bins);
        ref var n0 = ref MemoryMarshal.GetArrayDataReference(contacts);
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(counts);
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        for (nint i = 0; i < gid.Length; i++)
        {
            var g = Unsafe.Add(ref g0, i);
            Unsafe.Add(ref n0, g)++;
            ref var row = ref Unsafe.Add(ref s0, g * GroupStates.ScoreStride);
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, Unsafe.Add(ref a0, i * aStep)))++;
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, 256 + Unsafe.Add(ref b0, i * bStep)))++;
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, 512 + Unsafe.Add(ref c0, i * cStep)))++;
            Unsafe.Add(ref row, Unsafe.Add(ref bin0, 768 + Unsafe.Add(ref d0, i * dStep)))++;
        }
    }

    /// <summary>Counts present durations per group (batch-local) and adds their exact sums; returns the OR of present values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Durations(ReadOnlySpan<int> gid, ReadOnlySpan<long> ticks, Span<int> count, Int128[] sum)
    {
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        ref var t0 = ref MemoryMarshal.GetReference(ticks);
        ref var n0 = ref MemoryMarshal.GetReference(count);
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(sum);
        long or = 0;
        for (nint i = 0; i < ticks.Length; i++)
        {
            var v = Unsafe.Add(ref t0, i);
            var keep = ~(v >> 63); // all ones when present
            var g = Unsafe.Add(ref g0, i);
            v &= keep;
            or |= v;
            Unsafe.Add(ref n0, g) += (int)(keep & 1);
            Unsafe.Add(ref s0, g) += v;
        }

        return or;
    }

    /// <summary>As <see cref="Durations"/> for two columns in one pass (time to first response and time to resolution).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long OrA, long OrB) Durations2(ReadOnlySpan<int> gid, ReadOnlySpan<long> a, Span<int> countA, Int128[] sumA, ReadOnlySpan<long> b, Span<int> countB, Int128[] sumB)
    {
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var na = ref MemoryMarshal.GetReference(countA);
        ref var nb = ref MemoryMarshal.GetReference(countB);
        ref var sa = ref MemoryMarshal.GetArrayDataReference(sumA);
        ref var sb = ref MemoryMarshal.GetArrayDataReference(sumB);
        long orA = 0, orB = 0;
        for (nint i = 0; i < gid.Length; i++)
        {
            var g = Unsafe.Add(ref g0, i);
            var va = Unsafe.Add(ref a0, i);
            var vb = Unsafe.Add(ref b0, i);
            var ka = ~(va >> 63);
            var kb = ~(vb >> 63);
            va &= ka;
            vb &= kb;
            orA |= va;
            orB |= vb;
            Unsafe.Add(ref na, g) += (int)(ka & 1);
            Unsafe.Add(ref nb, g) += (int)(kb & 1);
            Unsafe.Add(ref sa, g) += va;
            Unsafe.Add(ref sb, g) += vb;
        }

        return (orA, orB);
    }

    /// <summary>Handle time per group: rows with talk time, hold and wrap missing count as 0. Returns the OR of present components.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Handle(ReadOnlySpan<int> gid, ReadOnlySpan<long> talk, ReadOnlySpan<long> hold, ReadOnlySpan<long> wrap, Span<int> count, Int128[] sum)
    {
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        ref var n0 = ref MemoryMarshal.GetReference(count);
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(sum);
        ref var t0 = ref MemoryMarshal.GetReference(talk);
        // An absent hold or wrap column reads as a zero stride over one zero.
        long zero = 0;
        ref var h0 = ref hold.IsEmpty ? ref zero : ref MemoryMarshal.GetReference(hold);
        ref var w0 = ref wrap.IsEmpty ? ref zero : ref MemoryMarshal.GetReference(wrap);
        nint hStep = hold.IsEmpty ? 0 : 1, wStep = wrap.IsEmpty ? 0 : 1;
        long or = 0;
        for (nint i = 0; i < talk.Length; i++)
        {
            var t = Unsafe.Add(ref t0, i);
            var keep = ~(t >> 63);
            var h = Unsafe.Add(ref h0, i * hStep);
            var w = Unsafe.Add(ref w0, i * wStep);
            h &= ~(h >> 63);
            w &= ~(w >> 63);
            var handle = (t + h + w) & keep;
            or |= (t | h | w) & keep;
            var g = Unsafe.Add(ref g0, i);
            Unsafe.Add(ref n0, g) += (int)(keep & 1);
            Unsafe.Add(ref s0, g) += handle;
        }

        return or;
    }

    /// <summary>
    /// SLA per group: a row's own target, else its priority's (<paramref name="targetByCodePlusOne"/>[code + 1], index 0 = unknown
    /// priority = no target); measured when response and target are present; breached when response &gt; target.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sla(ReadOnlySpan<int> gid, ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCodePlusOne, long[] measured, long[] breached)
    {
        ref var m0 = ref MemoryMarshal.GetArrayDataReference(measured);
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(breached);
        ref var g0 = ref MemoryMarshal.GetReference(gid);
        ref var r0 = ref MemoryMarshal.GetReference(firstResponse);
        long noTarget = -1;
        int noPriority = -1;
        ref var t0 = ref target.IsEmpty ? ref noTarget : ref MemoryMarshal.GetReference(target);
        nint tStep = target.IsEmpty ? 0 : 1;
        var hasPolicy = !priority.IsEmpty && targetByCodePlusOne.Length > 1;
        ref var p0 = ref hasPolicy ? ref MemoryMarshal.GetReference(priority) : ref noPriority;
        nint pStep = hasPolicy ? 1 : 0;
        var tableLength = hasPolicy ? (uint)targetByCodePlusOne.Length : 1u;
        ref var c0 = ref hasPolicy ? ref MemoryMarshal.GetReference(targetByCodePlusOne) : ref noTarget;
        for (nint i = 0; i < firstResponse.Length; i++)
        {
            var r = Unsafe.Add(ref r0, i);
            var own = Unsafe.Add(ref t0, i * tStep);
            var index = (uint)(Unsafe.Add(ref p0, i * pStep) + 1);
            var byPriority = Unsafe.Add(ref c0, index < tableLength ? index : 0);
            var t = own >= 0 ? own : byPriority;
            var m = (long)((ulong)~(r | t) >> 63);
            var g = Unsafe.Add(ref g0, i);
            Unsafe.Add(ref m0, g) += m;
            Unsafe.Add(ref b0, g) += m & (long)((ulong)(t - r) >> 63);
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
