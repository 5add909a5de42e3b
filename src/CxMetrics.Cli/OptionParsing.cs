using System.Globalization;
using System.Text;
using CxMetrics.IO.Internal;

namespace CxMetrics.Cli;

/// <summary>Turns option texts into settings, with messages that say what is accepted.</summary>
internal static class OptionParsing
{
    public static IReadOnlyList<GroupKey> Keys(string? text)
    {
        var keys = new List<GroupKey>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return keys;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            GroupKey key = part switch
            {
                "channel" => GroupKey.Channel,
                "agent_id" or "agent" => GroupKey.Agent,
                "team" => GroupKey.Team,
                "priority" => GroupKey.Priority,
                _ => throw new UsageException($"--by: unknown column '{part}' (use channel, agent_id, team, priority)"),
            };
            if (keys.Contains(key))
            {
                throw new UsageException($"--by: '{part}' is given twice");
            }

            keys.Add(key);
        }

        return keys;
    }

    public static PeriodUnit Period(string? text) => text switch
    {
        null or "" => PeriodUnit.None,
        "day" => PeriodUnit.Day,
        "week" => PeriodUnit.Week,
        "month" => PeriodUnit.Month,
        _ => throw new UsageException($"--period: '{text}' is not day, week or month"),
    };

    public static OutputFormat Format(string? text) => text switch
    {
        null or "" or "table" => OutputFormat.Table,
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        "markdown" or "md" => OutputFormat.Markdown,
        "html" => OutputFormat.Html,
        _ => throw new UsageException($"--format: '{text}' is not table, json, csv, markdown or html"),
    };

    public static TimeSpan? FcrWindow(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var reason = ValueParser.Duration(Encoding.UTF8.GetBytes(text), out var ticks);
        if (reason is not null || ticks <= 0)
        {
            throw new UsageException($"--fcr-window: '{text}' is not a positive number of seconds");
        }

        return TimeSpan.FromTicks(ticks);
    }

    public static SlaPolicy? Policy(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return SlaPolicy.Parse(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UsageException("--sla-policy: " + e.Message);
        }
    }

    public static TimeZoneInfo TimeZone(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(text);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"--tz: '{text}' is not a known time zone (use an IANA id such as Europe/Berlin)");
        }
    }

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
