namespace CxMetrics.IO.Internal;

/// <summary>
/// A read-only, forward-only view of another stream from its current position up to an end offset: Apache.Arrow's
/// stream reader reads an Arrow file's messages through it and sees the end of the data where the file's footer
/// begins, so it never takes the footer for a message.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long end) : Stream
{
    /// <summary>Bytes left before the end.</summary>
    public long Remaining => Math.Max(0, end - inner.Position);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = Remaining;
        return left == 0 ? 0 : inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = Remaining;
        return left == 0 ? ValueTask.FromResult(0) : inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, left)], cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
