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
        if (text is null)
        {
            return keys;
        }

        // An empty value or item (`--by ""`, `--by channel,`) is an error, not "no key": it is what a script with an unset
        // variable passes, and reading it as fewer keys would print a different report without a word.
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            GroupKey key = part switch
            {
                "channel" => GroupKey.Channel,
                "agent_id" or "agent" => GroupKey.Agent,
                "team" => GroupKey.Team,
                "priority" => GroupKey.Priority,
                "" => throw new UsageException($"--by: '{text}' has an empty column name (use channel, agent_id, team, priority, comma-separated)"),
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
        null => PeriodUnit.None,
        "day" => PeriodUnit.Day,
        "week" => PeriodUnit.Week,
        "month" => PeriodUnit.Month,
        _ => throw new UsageException($"--period: '{text}' is not day, week or month"),
    };

    public static OutputFormat Format(string? text) => text switch
    {
        null or "table" => OutputFormat.Table,
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
        if (text is null)
        {
            return TimeZoneInfo.Utc;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"--tz: '{text}' is empty (use an IANA id such as Europe/Berlin, or leave --tz out for UTC)");
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(text);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"--tz: '{text}' is not a known time zone (use an IANA id such as Europe/Berlin)");
        }

        // .NET also finds Windows ids (through ICU); --tz takes IANA ids only, so a report names its zone the way other
        // tools and the docs do, and the same command means the same on every platform.
        if (!zone.HasIanaId)
        {
            throw new UsageException(TimeZoneInfo.TryConvertWindowsIdToIanaId(text, out var iana)
                ? $"--tz: '{text}' is a Windows time-zone id; use the IANA id {iana}"
                : $"--tz: '{text}' is not an IANA time-zone id (use one such as Europe/Berlin)");
        }

        // IANA ids are case-sensitive; .NET special-cases UTC ("utc" finds it). Name the id as it is spelled.
        if (!string.Equals(zone.Id, text, StringComparison.Ordinal) && string.Equals(zone.Id, text, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--tz: '{text}' is not an IANA id as spelled (they are case-sensitive); use {zone.Id}");
        }

        return zone;
    }

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
