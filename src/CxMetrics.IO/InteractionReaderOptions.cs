namespace CxMetrics.IO;

/// <summary>How a contacts file is read and validated.</summary>
public sealed record InteractionReaderOptions
{
    /// <summary>The defaults: strict, default scales, customer keys read, 65,536 rows per batch.</summary>
    public static InteractionReaderOptions Default { get; } = new();

    /// <summary>
    /// <see langword="false"/> (default, strict): the first bad cell stops reading with an <see cref="InteractionDataException"/>.
    /// <see langword="true"/> (lenient): a bad cell reads as empty and is counted in <see cref="InteractionReader.InvalidCells"/>;
    /// its row and other cells still count. Structural errors (an unterminated quoted field, a duplicated column) stop
    /// reading in both modes.
    /// </summary>
    public bool Lenient { get; init; }

    /// <summary>The definitions whose scales validate the csat, nps and ces cells (default <see cref="MetricOptions.Default"/>).</summary>
    public MetricOptions Metrics { get; init; } = MetricOptions.Default;

    /// <summary>
    /// Whether to keep the customer_id column (default true). Only repeat-contact FCR uses it; a caller that does not
    /// need it saves the memory of its dictionary (a key per distinct customer).
    /// </summary>
    public bool ReadCustomer { get; init; } = true;

    /// <summary>The number of rows per batch (default 65,536; at least 1).</summary>
    public int BatchRows { get; init; } = 65_536;

    /// <summary>
    /// How many threads may parse a CSV file's columns (default 1: the calling thread only). With 2 or more, each chunk
    /// of records is split on the calling thread and its columns are parsed by up to this many threads (one column
    /// is never shared, so at most one thread per recognised column). The result is the same for every value: the
    /// same batches, key codes, lost-cell counts and first error. Arrow and Parquet ignore it.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>Test hook: false reads CSV with the reference (record-by-record) path only.</summary>
    internal bool CsvFastPath { get; init; } = true;

    /// <summary>Test hook: the CSV reader's initial byte buffer (default 1 MiB; grown for a longer record).</summary>
    internal int CsvBufferBytes { get; init; } = 1 << 20;
}
