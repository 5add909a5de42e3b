using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>The widest accelerated vector in the host process, so every table says which kernels ran.</summary>
internal sealed class VectorWidthColumn : IColumn
{
    public static readonly VectorWidthColumn Instance = new();

    public string Id => nameof(VectorWidthColumn);

    public string ColumnName => "SIMD";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Job;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Widest hardware-accelerated vector (Vector512/256/128.IsHardwareAccelerated)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => VectorInfo.Widest;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => VectorInfo.Widest;
}
