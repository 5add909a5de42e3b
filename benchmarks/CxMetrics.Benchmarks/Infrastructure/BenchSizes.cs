using System.Globalization;

namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>
/// Row counts of the suites. <c>CXBENCH_SIZES=50000</c> (comma-separated) restricts every suite to the listed sizes
/// (the CI job uses it); a size a suite does not declare is ignored for that suite.
/// </summary>
internal static class BenchSizes
{
    public const string EnvironmentVariable = "CXBENCH_SIZES";

    public static IEnumerable<int> Standard => Filter(10_000, 50_000, 1_000_000);

    public static IEnumerable<int> Kernel => Filter(50_000, 1_000_000);

    public static IEnumerable<int> Grouped => Filter(50_000, 1_000_000);

    public static IEnumerable<int> Large => Filter(10_000_000);

    private static IEnumerable<int> Filter(params int[] declared)
    {
        var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return declared;
        }

        var wanted = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToHashSet();
        return declared.Where(wanted.Contains).ToArray();
    }
}
