namespace CxMetrics.Internal;

/// <summary>
/// The temporary record of a dense cell in the per-cell scatter (<see cref="BlockScatterKernel.ScatterCells"/>): the
/// 64-byte line of <see cref="GroupStates"/> (same offsets), then a row's four score answers counted as two pairs, one
/// counter per combination of answers (missing included): (CSAT, NPS) and (CES, FCR flag). A row then does two
/// read-modify-writes for its scores instead of four (the row loop is bound by its memory operations).
/// <see cref="ToGroupRecord"/> folds a cell's pair counters into the <see cref="GroupStates"/> record: an answer's counter
/// is the sum of its row (or column) of the pair table.
/// </summary>
/// <remarks>
/// Every counter's offset fits a byte, so the kernel keeps its 16-entry byte tables and shuffles: a row's first pair is at
/// <c>table[csat &amp; 15] + table[16 + (nps &amp; 15)]</c> (the CSAT slot times 12 plus the base, plus the NPS slot), the
/// second likewise. The largest offset is 16 + 12 · 12 + 12 · 3 − 1 = 195 (scales within 0..10: at most 11 answers and
/// missing). With the default scales the record is 112 uints (448 bytes) instead of 48.
/// </remarks>
internal sealed class ScorePairLayout
{
    /// <summary>NPS slots: missing, then 0..10.</summary>
    private const int NpsSlots = 12;

    /// <summary>FCR flag slots: missing, then 0 and 1.</summary>
    private const int FcrSlots = 3;

    private readonly int _csatMin, _csatMax, _cesMin, _cesMax;
    private readonly int _csatSlots, _cesSlots, _second;
    private readonly byte[] _csatOffset, _npsOffset, _cesOffset, _fcrOffset;

    public ScorePairLayout(GroupStates states)
    {
        _csatMin = states.CsatMin;
        _csatMax = states.CsatMax;
        _cesMin = states.CesMin;
        _cesMax = states.CesMax;
        _csatSlots = _csatMax - _csatMin + 2;
        _cesSlots = _cesMax - _cesMin + 2;
        _second = GroupStates.LineStride + (_csatSlots * NpsSlots);
        RecordStride = (_second + (_cesSlots * FcrSlots) + 3) & ~3;
        _csatOffset = Offsets(_csatSlots, GroupStates.CsatMissing, states.CsatAnswers + _csatMin);
        _npsOffset = Offsets(NpsSlots, GroupStates.NpsMissing, states.NpsAnswers);
        _cesOffset = Offsets(_cesSlots, GroupStates.CesMissing, states.CesAnswers + _cesMin);
        _fcrOffset = Offsets(FcrSlots, GroupStates.FcrMissing, GroupStates.Fcr0);
        GroupStride = states.RecordStride;
    }

    /// <summary>uints per cell (a multiple of 4, larger than <see cref="GroupStride"/>).</summary>
    public int RecordStride { get; }

    /// <summary>uints per <see cref="GroupStates"/> record.</summary>
    public int GroupStride { get; }

    /// <summary>
    /// The kernel's four 16-entry tables (64 bytes) indexed by <c>value &amp; 15</c> (validated scores are on their scale
    /// or missing, 255 → entry 15): CSAT → base of the first pair + slot · 12, NPS → slot, CES → base of the second pair +
    /// slot · 3, FCR → slot (slot 0 = missing, then the scale's values in order).
    /// </summary>
    public void Tables(Span<byte> tables)
    {
        for (var v = 0; v < 16; v++)
        {
            tables[v] = (byte)(GroupStates.LineStride + (Slot(v, _csatMin, _csatMax) * NpsSlots));
            tables[16 + v] = (byte)Slot(v, 0, 10);
            tables[32 + v] = (byte)(_second + (Slot(v, _cesMin, _cesMax) * FcrSlots));
            tables[48 + v] = (byte)Slot(v, 0, 1);
        }
    }

    /// <summary>
    /// Writes the <see cref="GroupStates"/> record of one cell (its first <see cref="GroupStride"/> uints) over the start
    /// of its pair record <paramref name="cell"/> (<see cref="RecordStride"/> uints): the line as is, each answer's counter
    /// the sum of the pair counters it takes part in. The rest of the cell's span is left as it was.
    /// </summary>
    public void ToGroupRecord(Span<uint> cell)
    {
        Span<uint> record = stackalloc uint[GroupStride];
        record.Clear();
        cell[..GroupStates.LineStride].CopyTo(record);
        Fold(cell[GroupStates.LineStride..], _csatOffset, _npsOffset, record);
        Fold(cell[_second..], _cesOffset, _fcrOffset, record);
        record.CopyTo(cell);
    }

    /// <summary>Adds each pair counter <c>pairs[a · columns + b]</c> to the counters of both of its answers.</summary>
    private static void Fold(ReadOnlySpan<uint> pairs, byte[] rowOffset, byte[] columnOffset, Span<uint> record)
    {
        var columns = columnOffset.Length;
        for (var a = 0; a < rowOffset.Length; a++)
        {
            for (var b = 0; b < columns; b++)
            {
                var count = pairs[(a * columns) + b];
                record[rowOffset[a]] += count;
                record[columnOffset[b]] += count;
            }
        }
    }

    /// <summary>Slot of a table entry: 0 for missing (and for entries no validated value reaches), else value − min + 1.</summary>
    private static int Slot(int entry, int min, int max) => entry >= min && entry <= max ? entry - min + 1 : 0;

    /// <summary>The <see cref="GroupStates"/> offset of each slot: missing first, then the answers from <paramref name="firstAnswer"/>.</summary>
    private static byte[] Offsets(int slots, int missing, int firstAnswer)
    {
        var offsets = new byte[slots];
        offsets[0] = (byte)missing;
        for (var k = 1; k < slots; k++)
        {
            offsets[k] = (byte)(firstAnswer + k - 1);
        }

        return offsets;
    }
}
