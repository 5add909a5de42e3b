namespace CxMetrics.Benchmarks.Infrastructure;

/// <summary>One sentence on what a suite measures, printed above its table in docs/benchmarks.md.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SuiteDescriptionAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
