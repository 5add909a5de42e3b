namespace CxMetrics.Internal.Kernels;

/// <summary>
/// SLA breach counting: a row is measured when it has a first-response time and a target; breached when
/// the first response is strictly greater than the target.
/// </summary>
internal static class SlaKernel
{
    /// <summary>Rows carry their own targets (<paramref name="target"/> may be empty: nothing is measured).</summary>
    public static void Accumulate(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref SlaCounts counts) =>
        Scalar(firstResponse, target, ref counts);

    public static void Scalar(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref SlaCounts counts)
    {
        if (target.IsEmpty)
        {
            return;
        }

        long measured = 0, breached = 0;
        for (var i = 0; i < firstResponse.Length; i++)
        {
            var r = firstResponse[i];
            var t = target[i];
            if (r >= 0 && t >= 0)
            {
                measured++;
                breached += r > t ? 1 : 0;
            }
        }

        counts.Measured += measured;
        counts.Breached += breached;
    }

    /// <summary>
    /// A row without its own target (or with an empty <paramref name="target"/> column) takes
    /// <c>targetByCode[priority]</c>; unknown priorities and codes beyond the table have no target.
    /// </summary>
    public static void AccumulateWithPolicy(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, ref SlaCounts counts)
    {
        long measured = 0, breached = 0;
        for (var i = 0; i < firstResponse.Length; i++)
        {
            var r = firstResponse[i];
            var t = target.IsEmpty ? -1 : target[i];
            if (t < 0 && !priority.IsEmpty)
            {
                var code = priority[i];
                t = (uint)code < (uint)targetByCode.Length ? targetByCode[code] : -1;
            }

            if (r >= 0 && t >= 0)
            {
                measured++;
                breached += r > t ? 1 : 0;
            }
        }

        counts.Measured += measured;
        counts.Breached += breached;
    }
}
