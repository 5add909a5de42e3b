using System.Globalization;

namespace CxMetrics.Internal;

/// <summary>
/// Period keys and labels. A period key is a <see cref="long"/> that orders periods in time: the day number
/// (days since 0001-01-01, a Monday) for days, the day number of the week's Monday for ISO weeks, and
/// year · 12 + month − 1 for months.
/// </summary>
internal static class PeriodCalendar
{
    public const long TicksPerDay = TimeSpan.TicksPerDay;

    public static readonly int MaxDay = (int)(DateTime.MaxValue.Ticks / TicksPerDay);

    public static long KeyOfDay(PeriodUnit unit, int day) => unit switch
    {
        PeriodUnit.Day => day,
        PeriodUnit.Week => day - (day % 7),
        PeriodUnit.Month => MonthKey(new DateTime(day * TicksPerDay)),
        _ => 0,
    };

    private static long MonthKey(DateTime date) => (date.Year * 12L) + date.Month - 1;

    public static string Label(PeriodUnit unit, long key)
    {
        switch (unit)
        {
            case PeriodUnit.Day:
                return new DateTime(key * TicksPerDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case PeriodUnit.Week:
                // The ISO week-year is the year of the week's Thursday.
                var thursday = new DateTime(Math.Min(key + 3, MaxDay) * TicksPerDay);
                return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(thursday):D4}-W{ISOWeek.GetWeekOfYear(thursday):D2}");
            case PeriodUnit.Month:
                return string.Create(CultureInfo.InvariantCulture, $"{key / 12:D4}-{(key % 12) + 1:D2}");
            default:
                return string.Empty;
        }
    }

    public static bool IsUtc(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc || zone.HasSameRules(TimeZoneInfo.Utc);
}
