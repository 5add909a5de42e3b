using System.Globalization;
using System.Reflection;

namespace CxMetrics.Benchmarks.Contestants;

/// <summary>
/// Checks, before anything is timed, that a contestant computes what CxMetrics computes: counts exactly, finished
/// numbers to 1e-9 relative (contestants that sum doubles in another order differ in the last bits). Throws, so that
/// BenchmarkDotNet reports the case as failed instead of timing a wrong answer.
/// </summary>
internal static class Equivalence
{
    public const double RelativeTolerance = 1e-9;

    public static void Check(string contestant, MetricSummary expected, MetricSummary actual)
    {
        var errors = new List<string>();
        foreach (var property in typeof(MetricSummary).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var e = property.GetValue(expected);
            var a = property.GetValue(actual);
            if (!Same(e, a))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{property.Name}: CxMetrics {e ?? "null"}, {contestant} {a ?? "null"}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{contestant} disagrees with CxMetrics; refusing to time it:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));
        }
    }

    public static void Check(string contestant, double? expected, double? actual, string what)
    {
        if (!Same(expected, actual))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{contestant} disagrees with CxMetrics on {what}: CxMetrics {expected}, {contestant} {actual}; refusing to time it."));
        }
    }

    public static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (double e, double a) => Close(e, a),
        (long e, long a) => e == a,
        _ => Equals(expected, actual),
    };

    public static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));
}
