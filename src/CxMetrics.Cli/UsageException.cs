namespace CxMetrics.Cli;

/// <summary>An option value the tool cannot use (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
