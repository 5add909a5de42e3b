using System.Globalization;
using CxMetrics.IO.Internal;

namespace CxMetrics.IO;

/// <summary>
/// A contacts file holds data CxMetrics cannot read: a bad cell (in strict mode), a record with the wrong number of
/// fields, an unterminated quoted field, a duplicated column or an unreadable file. Carries where and why.
/// </summary>
/// <remarks>
/// The message reads <c>row 5, column csat: '6' is outside 1..5</c>. Rows count the records of a CSV file with
/// the header as row 1 (a quoted line break does not start a row); for Arrow and Parquet files, row numbers are
/// those the same data would have as a CSV file with a header (the first data row is row 2).
/// </remarks>
public sealed class InteractionDataException : Exception
{
    /// <summary>Creates an exception for a problem at a row and column.</summary>
    /// <param name="row">The 1-based row (header = 1), or 0 when the problem is not tied to a row.</param>
    /// <param name="column">The column name as written in the file, or <see langword="null"/>.</param>
    /// <param name="rawValue">The cell text as read, or <see langword="null"/>.</param>
    /// <param name="reason">Why it cannot be read, e.g. <c>is outside 1..5</c>.</param>
    public InteractionDataException(long row, string? column, string? rawValue, string reason)
        : this(row, column, rawValue, reason, null)
    {
    }

    /// <summary>Creates an exception for a problem at a row and column, with the error that caused it.</summary>
    /// <param name="row">The 1-based row (header = 1), or 0 when the problem is not tied to a row.</param>
    /// <param name="column">The column name as written in the file, or <see langword="null"/>.</param>
    /// <param name="rawValue">The cell text as read, or <see langword="null"/>.</param>
    /// <param name="reason">Why it cannot be read.</param>
    /// <param name="innerException">The underlying error, or <see langword="null"/>.</param>
    public InteractionDataException(long row, string? column, string? rawValue, string reason, Exception? innerException)
        : base(Format(row, column, rawValue, reason), innerException)
    {
        Row = row;
        Column = column;
        RawValue = rawValue;
        Reason = reason ?? string.Empty;
    }

    /// <summary>The 1-based row (the header is row 1), or 0 when the problem concerns the whole file.</summary>
    public long Row { get; }

    /// <summary>The column name as written in the file, or <see langword="null"/> when the problem is not tied to one column.</summary>
    public string? Column { get; }

    /// <summary>The raw cell text (long values are cut at 200 characters), or <see langword="null"/>.</summary>
    public string? RawValue { get; }

    /// <summary>Why the data cannot be read, e.g. <c>is outside 1..5</c>.</summary>
    public string Reason { get; }

    private static string Format(long row, string? column, string? rawValue, string reason)
    {
        var where = (row > 0, column is not null) switch
        {
            (true, true) => string.Create(CultureInfo.InvariantCulture, $"row {row}, column {column}: "),
            (true, false) => string.Create(CultureInfo.InvariantCulture, $"row {row}: "),
            (false, true) => $"column {column}: ",
            _ => string.Empty,
        };
        return rawValue is null ? where + reason : $"{where}'{ControlCharacters.Escape(rawValue)}' {reason}";
    }
}
