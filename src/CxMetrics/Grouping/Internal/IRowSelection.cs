using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>Which rows a grouped kernel visits: the k-th of all rows, or the k-th listed row (a struct type parameter, so each kernel is compiled once per selection with no call per row).</summary>
internal interface IRowSelection
{
    static abstract nint Row(ref int index0, nint k);
}

/// <summary>Every row in order: row k is k.</summary>
internal readonly struct AllRows : IRowSelection
{
    public static nint Row(ref int index0, nint k) => k;
}

/// <summary>The rows listed in an index: row k is index[k].</summary>
internal readonly struct ListedRows : IRowSelection
{
    public static nint Row(ref int index0, nint k) => Unsafe.Add(ref index0, k);
}
