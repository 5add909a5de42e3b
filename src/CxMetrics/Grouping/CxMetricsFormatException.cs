namespace CxMetrics;

/// <summary>
/// Bytes given to <see cref="MetricsAccumulator.Deserialize"/> are not a serialized accumulator this version can read:
/// truncated, corrupted, of an unknown format version, or inconsistent. The message says what was wrong and where.
/// </summary>
public sealed class CxMetricsFormatException : FormatException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CxMetricsFormatException()
        : base("The data is not a serialized CxMetrics accumulator.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public CxMetricsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the problem.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CxMetricsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
