using System.Globalization;

namespace CxMetrics;

/// <summary>
/// First-response targets by priority, used for rows that carry no target of their own.
/// Priorities match the priority key text exactly (ordinal, case-sensitive).
/// </summary>
public sealed class SlaPolicy
{
    private readonly Dictionary<string, long> _targets;

    /// <summary>Creates a policy from priority → target pairs.</summary>
    /// <param name="targets">The target of each priority.</param>
    /// <exception cref="ArgumentOutOfRangeException">A target is negative or above <see cref="Durations.MaxTicks"/>.</exception>
    public SlaPolicy(IEnumerable<KeyValuePair<string, TimeSpan>> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (priority, target) in targets)
        {
            ArgumentNullException.ThrowIfNull(priority);
            if (target.Ticks < 0 || target.Ticks > Durations.MaxTicks)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), target, $"The SLA target of priority '{priority}' must be between 0 and Durations.MaxTicks.");
            }

            _targets[priority] = target.Ticks;
        }
    }

    /// <summary>The target of each priority.</summary>
    public IReadOnlyDictionary<string, long> TargetTicks => _targets;

    /// <summary>The target of a priority in ticks, or <see cref="Missing.Duration"/> when the policy has none.</summary>
    /// <param name="priority">The priority key text.</param>
    /// <returns>The target in ticks.</returns>
    public long GetTargetTicks(string? priority) =>
        priority is not null && _targets.TryGetValue(priority, out var t) ? t : Missing.Duration;

    /// <summary>
    /// Parses <c>"P1=60,P2=300,P3=3600"</c>: priority=seconds pairs separated by commas. Spaces around a priority and
    /// its seconds are trimmed; the seconds are a plain decimal (no sign or exponent) read exactly to the nearest 100 ns
    /// tick, as duration cells are.
    /// </summary>
    /// <param name="text">The policy text.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">The text is empty, has an empty entry, is not a list of priority=seconds pairs, or
    /// names a priority twice.</exception>
    public static SlaPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            // Empty is not "no policy": that is leaving the policy out; an empty text is what an unset variable gives.
            throw new FormatException("The SLA policy is empty; give PRIORITY=SECONDS pairs such as \"P1=60,P2=300\".");
        }

        var pairs = new List<KeyValuePair<string, TimeSpan>>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new FormatException(part.Length == 0
                    ? $"SLA policy '{text}' has an empty entry (two commas, or a comma at an end)."
                    : $"SLA policy entry '{part}' is not of the form PRIORITY=SECONDS.");
            }

            var secondsText = part[(eq + 1)..].Trim();
            if (!Durations.TryParseSeconds(secondsText, out var ticks))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"SLA policy entry '{part}': '{secondsText}' is not a non-negative number of seconds (plain decimal with '.', at most {Durations.MaxTicks / Durations.TicksPerSecond}.{Durations.MaxTicks % Durations.TicksPerSecond:D7})."));
            }

            var priority = part[..eq].Trim();
            if (priority.Length == 0)
            {
                throw new FormatException($"SLA policy entry '{part}' has no priority name.");
            }

            foreach (var pair in pairs)
            {
                if (pair.Key == priority)
                {
                    // Two targets for one priority is a typo, not a policy: neither is obviously the one meant.
                    throw new FormatException($"SLA policy names priority '{priority}' more than once.");
                }
            }

            pairs.Add(new(priority, TimeSpan.FromTicks(ticks)));
        }

        return new SlaPolicy(pairs);
    }
}
