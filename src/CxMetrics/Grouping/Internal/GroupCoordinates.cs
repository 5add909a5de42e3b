namespace CxMetrics.Internal;

/// <summary>A group's identity in an accumulator: its code in each key dictionary (−1 unknown, in <see cref="GroupingOptions.Keys"/> order) and its period index (−1 unknown or none).</summary>
internal readonly record struct GroupCoordinates(int K0, int K1, int K2, int K3, int Period)
{
    public int this[int dimension] => dimension switch
    {
        0 => K0,
        1 => K1,
        2 => K2,
        _ => K3,
    };

    public static GroupCoordinates Create(ReadOnlySpan<int> keys, int period) => new(
        keys.Length > 0 ? keys[0] : -1,
        keys.Length > 1 ? keys[1] : -1,
        keys.Length > 2 ? keys[2] : -1,
        keys.Length > 3 ? keys[3] : -1,
        period);
}
