namespace CxMetrics.IO.Internal;

/// <summary>One file format's reader: turns its input into batches lent from <see cref="Columns"/>.</summary>
internal abstract class BatchSource : IDisposable
{
    protected BatchSource(BatchColumns columns) => Columns = columns;

    public BatchColumns Columns { get; }

    /// <summary>The file's column names that were recognised, in file order.</summary>
    public abstract IReadOnlyList<string> RecognizedColumns { get; }

    /// <summary>How far into the input the reader is, in bytes (for progress).</summary>
    public abstract long Position { get; }

    /// <summary>The next batch (valid until the next call), or <see langword="null"/> at the end.</summary>
    public abstract InteractionBatch? Read();

    public abstract void Dispose();
}
