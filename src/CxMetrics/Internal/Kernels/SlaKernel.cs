namespace CxMetrics.Internal.Kernels;

/// <summary>
/// SLA breach counting: a row is measured when it has a first-response time and a target; breached when
/// the first response is strictly greater than the target.
/// </summary>
/// <remarks>
/// With a policy, a row without its own target takes <c>targetByCode[priority]</c>. The vector paths resolve that
/// target with one compare-and-select per policy code (a handful in practice); a policy of more than
/// <see cref="MaxVectorPolicyCodes"/> codes runs the scalar path.
/// </remarks>
internal static partial class SlaKernel
{
    /// <summary>The largest policy table the vector paths handle with compare-and-select.</summary>
    public const int MaxVectorPolicyCodes = 16;

    /// <summary>Rows carry their own targets (<paramref name="target"/> may be empty: nothing is measured).</summary>
    public static void Accumulate(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref SlaCounts counts) =>
        Accumulate(firstResponse, target, ref counts, KernelDispatch.Default);

    /// <summary>As <see cref="Accumulate(ReadOnlySpan{long}, ReadOnlySpan{long}, ref SlaCounts)"/> at a given width.</summary>
    public static void Accumulate(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref SlaCounts counts, KernelWidth width)
    {
        switch (width)
        {
            case KernelWidth.Vector512: Vector512(firstResponse, target, ref counts); break;
            case KernelWidth.Vector256: Vector256(firstResponse, target, ref counts); break;
            case KernelWidth.Vector128: Vector128(firstResponse, target, ref counts); break;
            default: Scalar(firstResponse, target, ref counts); break;
        }
    }

    /// <summary>
    /// A row without its own target (or with an empty <paramref name="target"/> column) takes
    /// <c>targetByCode[priority]</c>; unknown priorities and codes beyond the table have no target.
    /// </summary>
    public static void AccumulateWithPolicy(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, ref SlaCounts counts) =>
        AccumulateWithPolicy(firstResponse, target, priority, targetByCode, ref counts, KernelDispatch.Default);

    /// <summary>As <see cref="AccumulateWithPolicy(ReadOnlySpan{long}, ReadOnlySpan{long}, ReadOnlySpan{int}, ReadOnlySpan{long}, ref SlaCounts)"/> at a given width.</summary>
    public static void AccumulateWithPolicy(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, ref SlaCounts counts, KernelWidth width)
    {
        switch (width)
        {
            case KernelWidth.Vector512: WithPolicyVector512(firstResponse, target, priority, targetByCode, ref counts); break;
            case KernelWidth.Vector256: WithPolicyVector256(firstResponse, target, priority, targetByCode, ref counts); break;
            case KernelWidth.Vector128: WithPolicyVector128(firstResponse, target, priority, targetByCode, ref counts); break;
            default: WithPolicyScalar(firstResponse, target, priority, targetByCode, ref counts); break;
        }
    }

    public static void Scalar(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ref SlaCounts counts)
    {
        if (target.IsEmpty)
        {
            return;
        }

        CheckLength(nameof(target), target.Length, firstResponse.Length);
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

    public static void WithPolicyScalar(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority, ReadOnlySpan<long> targetByCode, ref SlaCounts counts)
    {
        CheckLengths(firstResponse, target, priority);
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

    private static void CheckLengths(ReadOnlySpan<long> firstResponse, ReadOnlySpan<long> target, ReadOnlySpan<int> priority)
    {
        if (!target.IsEmpty)
        {
            CheckLength(nameof(target), target.Length, firstResponse.Length);
        }

        if (!priority.IsEmpty)
        {
            CheckLength(nameof(priority), priority.Length, firstResponse.Length);
        }
    }

    private static void CheckLength(string name, int actual, int expected)
    {
        if (actual != expected)
        {
            ThrowHelper.ThrowLengthMismatch(name, actual, expected);
        }
    }
}
