namespace CxMetrics.IO;

/// <summary>The file formats CxMetrics reads and writes.</summary>
public enum InteractionFileFormat
{
    /// <summary>RFC 4180 CSV in UTF-8 (with or without a byte-order mark), header row required. Extension <c>.csv</c>.</summary>
    Csv,

    /// <summary>Apache Arrow IPC, file or stream format (detected from the content). Extensions <c>.arrow</c>, <c>.feather</c>, <c>.ipc</c>.</summary>
    Arrow,

    /// <summary>Apache Parquet. Extension <c>.parquet</c>.</summary>
    Parquet,
}
