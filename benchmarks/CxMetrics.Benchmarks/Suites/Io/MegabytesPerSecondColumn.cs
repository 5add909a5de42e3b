using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CxMetrics.Benchmarks.Infrastructure;

namespace CxMetrics.Benchmarks.Suites;

/// <summary>CSV megabytes (10^6 bytes) per second: the size of the case's CSV over its mean time.</summary>
internal sealed class MegabytesPerSecondColumn : IColumn
{
    public static readonly MegabytesPerSecondColumn Instance = new();

    public string Id => nameof(MegabytesPerSecondColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 2;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "CSV megabytes (10^6 bytes) read per second";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        var rows = PerRowColumn.Rows(benchmarkCase);
        return stats is null || rows is not > 0 ? "-" : Rate(CsvData.Bytes(rows.Value).Length, stats.Mean);
    }

    public static string Rate(long bytes, double meanNs) => (bytes / 1e6 / (meanNs / 1e9)).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>The shared config plus MB/s.</summary>
internal sealed class IoBenchConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public IoBenchConfig()
    {
        Add(new BenchConfig());
        AddColumn(MegabytesPerSecondColumn.Instance);
    }
}
