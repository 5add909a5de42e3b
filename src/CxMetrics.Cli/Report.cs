namespace CxMetrics.Cli;

/// <summary>What a report shows: the rows read, the lenient losses, the overall metrics and the groups (sorted).</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Invalid">Lost cells by column (lenient mode), only columns above zero.</param>
/// <param name="KeyNames">The group key names in output order: the --by columns by their CSV names, then "period".</param>
/// <param name="Overall">Metrics of every row.</param>
/// <param name="Groups">Metrics per key combination, ordered by key tuple (null first, ordinal).</param>
/// <param name="RepeatContactFcr">Whether FCR is the repeat-contact mode (then fcr.censored is written).</param>
internal sealed record Report(
    long Rows,
    IReadOnlyDictionary<string, long> Invalid,
    IReadOnlyList<string> KeyNames,
    InteractionMetrics Overall,
    IReadOnlyList<ReportGroup> Groups,
    bool RepeatContactFcr)
{
    /// <summary>A metric with fewer than this many responses/known/handled/measured rows is flagged small_sample.</summary>
    public int SmallSampleThreshold { get; init; } = 30;
}

/// <summary>One group of a report: its key values (in <see cref="Report.KeyNames"/> order, null = unknown) and metrics.</summary>
/// <param name="Keys">The key values.</param>
/// <param name="Metrics">The metrics.</param>
internal sealed record ReportGroup(IReadOnlyList<string?> Keys, InteractionMetrics Metrics);
