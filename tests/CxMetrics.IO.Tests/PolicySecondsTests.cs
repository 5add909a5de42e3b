using System.Globalization;
using System.Text;
using CxMetrics.IO.Internal;
using FsCheck.Xunit;

namespace CxMetrics.IO.Tests;

/// <summary>
/// An SLA policy's seconds (<see cref="SlaPolicy.Parse"/>, in the core package) are read exactly as a duration cell is
/// (<see cref="ValueParser.Duration"/>, in this package): the same texts accepted, the same ticks. Otherwise a policy
/// target of 60.00000005 s and a first response of 60.00000005 s could differ by a tick and breach.
/// </summary>
public class PolicySecondsTests
{
    [Property(MaxTest = 3000, EndSize = 1_000_000)]
    public bool PolicySeconds_EqualTheCellReader(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        if (random.Next(2) == 0)
        {
            // Mostly numbers: up to 10 whole digits (past the largest duration too), maybe a dot and up to 12 decimals.
            text.Append(random.NextInt64(0, 10_000_000_000).ToString("D10", CultureInfo.InvariantCulture)[..random.Next(1, 11)]);
            if (random.Next(3) > 0)
            {
                text.Append('.').Append(random.NextInt64(0, 1_000_000_000_000).ToString("D12", CultureInfo.InvariantCulture)[..random.Next(0, 13)]);
            }
        }
        else
        {
            var length = random.Next(1, 16);
            for (var i = 0; i < length; i++)
            {
                text.Append(random.Next(8) switch { 0 => '.', 1 => "x-+e/:"[random.Next(6)], _ => (char)('0' + random.Next(10)) });
            }
        }

        var seconds = text.ToString();
        var reason = ValueParser.Duration(Encoding.ASCII.GetBytes(seconds), out var cell);
        long? policy;
        try
        {
            policy = SlaPolicy.Parse("P1=" + seconds).GetTargetTicks("P1");
        }
        catch (FormatException)
        {
            policy = null;
        }

        return (reason is null ? cell : (long?)null) == policy
            ? true
            : throw new InvalidOperationException($"'{seconds}': cell {(reason is null ? cell : reason)}, policy {policy?.ToString(CultureInfo.InvariantCulture) ?? "rejected"}");
    }
}
