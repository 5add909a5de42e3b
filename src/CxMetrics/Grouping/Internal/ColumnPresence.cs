namespace CxMetrics.Internal;

/// <summary>A grouped kernel's columns are all present: row i is read at i (type argument; no multiply per row).</summary>
internal readonly struct DenseColumns
{
}

/// <summary>Some of a grouped kernel's columns may be absent: row i is read at i × step (step 0 for an absent column).</summary>
internal readonly struct StridedColumns
{
}
