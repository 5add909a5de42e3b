using System.Buffers;
using System.Text;

namespace CxMetrics.Cli;

/// <summary>
/// A write-only stream that decodes UTF-8 into a <see cref="TextWriter"/>, so a JSON report streams to standard output
/// (or a test's <see cref="StringWriter"/>) as it is written, instead of being built whole in memory first (a report by
/// agent and day is tens of megabytes).
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Min(buffer.Length + 1, 1 << 16));
        try
        {
            // Without flush, the decoder takes every byte it has room for and keeps an incomplete sequence for the next write.
            while (!buffer.IsEmpty)
            {
                _decoder.Convert(buffer, chars, flush: false, out var bytesUsed, out var charsUsed, out _);
                writer.Write(chars, 0, charsUsed);
                buffer = buffer[bytesUsed..];
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
