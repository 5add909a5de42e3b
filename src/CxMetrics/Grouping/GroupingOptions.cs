using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics;

/// <summary>How contacts are grouped and how grouped metrics are accumulated (see docs/grouping.md).</summary>
/// <remarks>
/// The default groups nothing: the result is the overall metrics and one group per period when a
/// <see cref="Period"/> is set. Keys and period combine: <c>Keys = [Channel], Period = Day</c> gives one group per
/// (channel, day) that occurs in the data.
/// </remarks>
public sealed record GroupingOptions
{
    /// <summary>The key columns to group by, in the order the caller gave (each at most once). Default: none.</summary>
    public IReadOnlyList<GroupKey> Keys { get; init; } = [];

    /// <summary>The calendar period to bucket <see cref="InteractionBatch.OpenedAt"/> by. Default: <see cref="PeriodUnit.None"/>.</summary>
    public PeriodUnit Period { get; init; } = PeriodUnit.None;

    /// <summary>
    /// The time zone periods are computed in (default UTC). Daylight saving is respected: a contact opened at
    /// 2026-10-24T22:30Z is on 2026-10-25 in Europe/Berlin (UTC+2 that night).
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// When set, first contact resolution of the whole report is derived from repeat contacts instead of the
    /// <see cref="InteractionBatch.FirstContactResolved"/> flags: a contact is resolved first time when the same
    /// customer opens no other contact in (opened_at, opened_at + window]. Contacts too recent to judge are censored
    /// (<see cref="FcrResult.Censored"/>). Must be positive. Default: <see langword="null"/> (flag-based FCR).
    /// </summary>
    public TimeSpan? FcrWindow { get; init; }

    /// <summary>
    /// Use mergeable relative-error sketches (error at most 1/256 ≈ 0.39% of the exact value) for p50/p90
    /// instead of keeping every value. Memory then no longer grows with the row count. Default: exact.
    /// </summary>
    public bool ApproximatePercentiles { get; init; }

    /// <summary>A metric whose responses (or known, handled, measured rows) are fewer than this is flagged as a small sample. Default 30.</summary>
    public int SmallSampleThreshold { get; init; } = 30;

    /// <summary>The repeat-contact FCR window suggested when a caller turns the mode on without a preference: 7 days.</summary>
    public static TimeSpan DefaultFcrWindow { get; } = TimeSpan.FromDays(7);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Keys);
        ArgumentNullException.ThrowIfNull(TimeZone);
        if (Keys.Count > 4)
        {
            ThrowHelper.ThrowInvalidOptions("GroupingOptions.Keys may hold each of Channel, Agent, Team, Priority at most once.");
        }

        var seen = 0;
        foreach (var key in Keys)
        {
            if ((uint)key > (uint)GroupKey.Priority)
            {
                ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"GroupingOptions.Keys holds an unknown key {(int)key}."));
            }

            var bit = 1 << (int)key;
            if ((seen & bit) != 0)
            {
                ThrowHelper.ThrowInvalidOptions($"GroupingOptions.Keys holds {key} twice.");
            }

            seen |= bit;
        }

        if ((uint)Period > (uint)PeriodUnit.Month)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"GroupingOptions.Period {(int)Period} is not a PeriodUnit."));
        }

        if (FcrWindow is { } window && window <= TimeSpan.Zero)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"GroupingOptions.FcrWindow must be positive; got {window}."));
        }

        if (SmallSampleThreshold < 0)
        {
            ThrowHelper.ThrowInvalidOptions(string.Create(CultureInfo.InvariantCulture, $"GroupingOptions.SmallSampleThreshold must not be negative; got {SmallSampleThreshold}."));
        }
    }

    internal bool SameGrouping(GroupingOptions other)
    {
        if (Keys.Count != other.Keys.Count || Period != other.Period || FcrWindow != other.FcrWindow
            || ApproximatePercentiles != other.ApproximatePercentiles || !string.Equals(TimeZone.Id, other.TimeZone.Id, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < Keys.Count; i++)
        {
            if (Keys[i] != other.Keys[i])
            {
                return false;
            }
        }

        return true;
    }
}
