namespace CxMetrics.Internal.Kernels;

/// <summary>
/// A compile-time integer for generic kernel specialization: the JIT compiles one copy of a kernel per struct
/// argument and folds <see cref="Value"/>, so a loop body can drop work it does not need without a branch per row.
/// </summary>
internal interface IConstant
{
    static abstract int Value { get; }
}

#pragma warning disable CA1812 // used only as generic arguments
internal readonly struct C0 : IConstant { public static int Value => 0; }
internal readonly struct C1 : IConstant { public static int Value => 1; }
internal readonly struct C2 : IConstant { public static int Value => 2; }
internal readonly struct C3 : IConstant { public static int Value => 3; }
internal readonly struct C4 : IConstant { public static int Value => 4; }
internal readonly struct C5 : IConstant { public static int Value => 5; }
internal readonly struct C6 : IConstant { public static int Value => 6; }
internal readonly struct C7 : IConstant { public static int Value => 7; }
internal readonly struct C8 : IConstant { public static int Value => 8; }
internal readonly struct C9 : IConstant { public static int Value => 9; }
internal readonly struct C10 : IConstant { public static int Value => 10; }
internal readonly struct C11 : IConstant { public static int Value => 11; }
#pragma warning restore CA1812
