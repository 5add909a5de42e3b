namespace CxMetrics.Internal;

/// <summary>How a fused (dense cell) path of <see cref="MetricsAccumulator"/> ended for a batch.</summary>
internal enum FusedOutcome
{
    /// <summary>The path does not apply to this batch and grouping; nothing was changed.</summary>
    NotApplicable,

    /// <summary>The path did its work.</summary>
    Done,

    /// <summary>
    /// A row's opened_at fell outside the guessed range (<see cref="InstantRange.Guess"/>); nothing was changed, and the
    /// caller starts again from the exact range.
    /// </summary>
    OutsideRange,
}
