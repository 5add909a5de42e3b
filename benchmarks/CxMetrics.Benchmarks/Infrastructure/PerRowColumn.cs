using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>ns/row or rows/s from the mean time and the <c>Rows</c> parameter of the case.</summary>
internal sealed class PerRowColumn(bool rowsPerSecond) : IColumn
{
    public static readonly PerRowColumn NsPerRow = new(false);
    public static readonly PerRowColumn RowsPerSecond = new(true);

    public string Id => ColumnName;

    public string ColumnName => rowsPerSecond ? "rows/s" : "ns/row";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => rowsPerSecond ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => rowsPerSecond ? "Rows processed per second (Rows / Mean)" : "Nanoseconds per row (Mean / Rows)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        var rows = Rows(benchmarkCase);
        if (stats is null || rows is not > 0)
        {
            return "-";
        }

        var nsPerRow = stats.Mean / rows.Value;
        return rowsPerSecond ? Format(1e9 / nsPerRow) : nsPerRow.ToString(nsPerRow < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
    }

    internal static int? Rows(BenchmarkCase benchmarkCase)
    {
        foreach (var p in benchmarkCase.Parameters.Items)
        {
            if (p.Name == "Rows" && p.Value is int rows)
            {
                return rows;
            }
        }

        return null;
    }

    internal static string Format(double perSecond) => perSecond switch
    {
        >= 1e9 => (perSecond / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " G",
        >= 1e6 => (perSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " M",
        >= 1e3 => (perSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k",
        _ => perSecond.ToString("0", CultureInfo.InvariantCulture),
    };
}
