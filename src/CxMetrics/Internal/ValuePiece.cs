namespace CxMetrics.Internal;

/// <summary>A run of tick values inside a pooled chunk: <c>Array[Start..Start + Length]</c>.</summary>
internal readonly struct ValuePiece(long[] array, int start, int length)
{
    public long[] Array { get; } = array;

    public int Start { get; } = start;

    public int Length { get; } = length;

    public Span<long> Span => Array.AsSpan(Start, Length);
}
