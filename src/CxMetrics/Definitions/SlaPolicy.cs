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

    /// <summary>Parses <c>"P1=60,P2=300,P3=3600"</c>: priority=seconds pairs separated by commas.</summary>
    /// <param name="text">The policy text.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">The text is not a list of priority=seconds pairs, or names a priority twice.</exception>
    public static SlaPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = new List<KeyValuePair<string, TimeSpan>>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new FormatException($"SLA policy entry '{part}' is not of the form PRIORITY=SECONDS.");
            }

            var secondsText = part[(eq + 1)..].Trim();
            if (!double.TryParse(secondsText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || !(seconds <= Durations.ToSeconds(Durations.MaxTicks)))
            {
                throw new FormatException($"SLA policy entry '{part}': '{secondsText}' is not a non-negative number of seconds.");
            }

            var priority = part[..eq].Trim();
            foreach (var pair in pairs)
            {
                if (pair.Key == priority)
                {
                    // Two targets for one priority is a typo, not a policy: neither is obviously the one meant.
                    throw new FormatException($"SLA policy names priority '{priority}' more than once.");
                }
            }

            pairs.Add(new(priority, TimeSpan.FromTicks(Durations.FromSeconds(seconds))));
        }

        return new SlaPolicy(pairs);
    }
}
