using CommunityToolkit.HighPerformance.Buffers;

namespace CxMetrics;

/// <summary>
/// Realistic synthetic contacts for demos, tests and benchmarks: a seeded, deterministic generator (the same
/// rows, seed and start always give the same batch) with the missing-value rates of real helpdesk exports.
/// </summary>
/// <remarks>
/// Shape: five channels (phone 35%, chat 30%, email 25%, social 5%, messaging 5%); 500 agents in 20 teams;
/// priorities P1..P4 (5/15/50/30%); about one customer per three contacts, some with many repeats; contacts spread
/// over 90 days (or a given number of days) from <c>start</c>, heavier on weekdays and business hours (UTC). Survey response rates: CSAT 25%, NPS 20%,
/// CES 15%. FCR known for 80% of rows. Talk time missing for 3%; hold only on phone; first-response time missing
/// for 2%, resolution time for 15% (still open); 30% of rows carry their own SLA target, the others rely on a policy.
/// Durations have millisecond precision.
/// </remarks>
public static class SyntheticInteractions
{
    /// <summary>The channels, in code order.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["phone", "chat", "email", "social", "messaging"];

    /// <summary>The priorities, in code order.</summary>
    public static IReadOnlyList<string> Priorities { get; } = ["P1", "P2", "P3", "P4"];

    /// <summary>An SLA policy that fits the generated priorities: P1 = 60 s, P2 = 300 s, P3 = 3600 s, P4 = 86400 s.</summary>
    public static SlaPolicy DefaultPolicy { get; } = SlaPolicy.Parse("P1=60,P2=300,P3=3600,P4=86400");

    private const int AgentCount = 500;
    private const int TeamCount = 20;
    private static readonly string[] AgentNames = MakeNames("agent-", AgentCount, 3);
    private static readonly string[] TeamNames = MakeNames("team-", TeamCount, 2);

    /// <summary>Where contacts start unless a start is given: 2026-08-01T00:00Z.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How many days contacts are spread over unless a span is given: 90.</summary>
    public static int DefaultDays => 90;

    /// <summary>Generates <paramref name="rows"/> contacts over the 90 days from <see cref="DefaultStart"/> (2026-08-01 UTC).</summary>
    /// <param name="rows">The number of contacts.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>A batch that owns pooled buffers (dispose it).</returns>
    public static InteractionBatch Generate(int rows, int seed) => Generate(rows, seed, DefaultStart);

    /// <summary>Generates <paramref name="rows"/> contacts over the 90 days after <paramref name="start"/>.</summary>
    /// <param name="rows">The number of contacts.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="start">The first instant contacts may be opened at.</param>
    /// <returns>A batch that owns pooled buffers (dispose it).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative.</exception>
    public static InteractionBatch Generate(int rows, int seed, DateTimeOffset start) => Generate(rows, seed, start, DefaultDays);

    /// <summary>
    /// Generates <paramref name="rows"/> contacts over the <paramref name="days"/> days after <paramref name="start"/>
    /// (e.g. 30 for a month of data: agent × day is then 500 × 30 groups).
    /// </summary>
    /// <param name="rows">The number of contacts.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="start">The first instant contacts may be opened at.</param>
    /// <param name="days">How many days the contacts are spread over (at least 1).</param>
    /// <returns>A batch that owns pooled buffers (dispose it).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative, or <paramref name="days"/> is below 1 or the span passes <see cref="DateTimeOffset.MaxValue"/>.</exception>
    public static InteractionBatch Generate(int rows, int seed, DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        if (days > (DateTimeOffset.MaxValue.UtcTicks - start.UtcTicks) / TimeSpan.TicksPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"{days} days after {start:O} pass DateTimeOffset.MaxValue.");
        }

        var random = new Random(seed);
        var n = Math.Max(rows, 1);
        var csat = MemoryOwner<byte>.Allocate(n);
        var nps = MemoryOwner<byte>.Allocate(n);
        var ces = MemoryOwner<byte>.Allocate(n);
        var fcr = MemoryOwner<byte>.Allocate(n);
        var talk = MemoryOwner<long>.Allocate(n);
        var hold = MemoryOwner<long>.Allocate(n);
        var wrap = MemoryOwner<long>.Allocate(n);
        var firstResponse = MemoryOwner<long>.Allocate(n);
        var resolution = MemoryOwner<long>.Allocate(n);
        var slaTarget = MemoryOwner<long>.Allocate(n);
        var openedAt = MemoryOwner<long>.Allocate(n);
        var channel = MemoryOwner<int>.Allocate(n);
        var agent = MemoryOwner<int>.Allocate(n);
        var team = MemoryOwner<int>.Allocate(n);
        var priority = MemoryOwner<int>.Allocate(n);
        var customer = MemoryOwner<int>.Allocate(n);

        var customerCount = Math.Max(1, rows / 3);
        var startTicks = start.UtcTicks;
        var spanTicks = days * TimeSpan.TicksPerDay;
        for (var i = 0; i < rows; i++)
        {
            var ch = Pick(random.NextDouble(), 0.35, 0.65, 0.90, 0.95);
            var pr = Pick(random.NextDouble(), 0.05, 0.20, 0.70);
            var ag = random.Next(AgentCount);
            channel.Span[i] = ch;
            priority.Span[i] = pr;
            agent.Span[i] = ag;
            team.Span[i] = ag % TeamCount;
            // Squaring skews customers towards low ids: a few customers contact often, as in real data.
            var u = random.NextDouble();
            customer.Span[i] = (int)(u * u * customerCount);
            openedAt.Span[i] = startTicks + OpenedOffset(random, start.UtcDateTime, spanTicks);

            csat.Span[i] = random.NextDouble() < 0.25 ? (byte)(5 - Pick(random.NextDouble(), 0.45, 0.70, 0.82, 0.90)) : Missing.Score;
            nps.Span[i] = random.NextDouble() < 0.20 ? NpsAnswer(random) : Missing.Score;
            ces.Span[i] = random.NextDouble() < 0.15 ? (byte)(7 - Pick(random.NextDouble(), 0.30, 0.55, 0.72, 0.82, 0.90, 0.96)) : Missing.Score;
            fcr.Span[i] = random.NextDouble() < 0.80 ? (byte)(random.NextDouble() < 0.72 ? 1 : 0) : Missing.Flag;

            var (talkMean, responseMean) = ch switch
            {
                0 => (360.0, 35.0),
                1 => (540.0, 50.0),
                2 => (420.0, 4 * 3600.0),
                3 => (300.0, 2 * 3600.0),
                _ => (480.0, 600.0),
            };
            talk.Span[i] = random.NextDouble() < 0.03 ? Missing.Duration : Millis(LogNormal(random, talkMean, 0.6));
            hold.Span[i] = ch == 0
                ? (random.NextDouble() < 0.4 ? Millis(LogNormal(random, 60, 0.8)) : 0)
                : (random.NextDouble() < 0.5 ? Missing.Duration : 0);
            wrap.Span[i] = random.NextDouble() < 0.05 ? Missing.Duration : Millis(LogNormal(random, 45, 0.5));
            firstResponse.Span[i] = random.NextDouble() < 0.02 ? Missing.Duration : Millis(LogNormal(random, responseMean * (1 + (0.5 * (3 - pr))), 0.9));
            resolution.Span[i] = random.NextDouble() < 0.15 ? Missing.Duration : Millis(LogNormal(random, 20 * 3600, 1.2));
            slaTarget.Span[i] = random.NextDouble() < 0.30 ? ChannelTarget(ch) : Missing.Duration;
        }

        var customerNames = new CustomerNames(customerCount);
        var owners = new IDisposable[] { csat, nps, ces, fcr, talk, hold, wrap, firstResponse, resolution, slaTarget, openedAt, channel, agent, team, priority, customer };
        return new InteractionBatch(rows, new Internal.DisposableGroup(owners))
        {
            Csat = csat.Memory[..rows],
            Nps = nps.Memory[..rows],
            Ces = ces.Memory[..rows],
            FirstContactResolved = fcr.Memory[..rows],
            TalkTime = talk.Memory[..rows],
            HoldTime = hold.Memory[..rows],
            WrapTime = wrap.Memory[..rows],
            FirstResponseTime = firstResponse.Memory[..rows],
            ResolutionTime = resolution.Memory[..rows],
            SlaTarget = slaTarget.Memory[..rows],
            OpenedAt = openedAt.Memory[..rows],
            Channel = new KeyColumn(channel.Memory[..rows], Channels),
            Agent = new KeyColumn(agent.Memory[..rows], AgentNames),
            Team = new KeyColumn(team.Memory[..rows], TeamNames),
            Priority = new KeyColumn(priority.Memory[..rows], Priorities),
            Customer = new KeyColumn(customer.Memory[..rows], customerNames),
        };
    }

    private static int Pick(double u, params ReadOnlySpan<double> cumulative)
    {
        var i = 0;
        while (i < cumulative.Length && u >= cumulative[i])
        {
            i++;
        }

        return i;
    }

    private static byte NpsAnswer(Random random)
    {
        var u = random.NextDouble();
        return u switch
        {
            < 0.30 => 10,
            < 0.52 => 9,
            < 0.67 => 8,
            < 0.77 => 7,
            < 0.83 => 6,
            < 0.88 => 5,
            _ => (byte)random.Next(0, 5),
        };
    }

    private static long OpenedOffset(Random random, DateTime start, long spanTicks)
    {
        // Weekdays and business hours are busier: redraw a weekend or night instant with probability 0.6.
        while (true)
        {
            var offset = (long)(random.NextDouble() * spanTicks);
            var at = start.AddTicks(offset);
            var quiet = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || at.Hour < 8 || at.Hour >= 18;
            if (!quiet || random.NextDouble() < 0.4)
            {
                return offset;
            }
        }
    }

    private static double LogNormal(Random random, double mean, double sigma)
    {
        // Box-Muller; mu chosen so that the distribution's mean is `mean`.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        var mu = Math.Log(mean) - (sigma * sigma / 2);
        return Math.Exp(mu + (sigma * z));
    }

    private static long Millis(double seconds) => Math.Min((long)Math.Round(seconds * 1000), 10L * 365 * 86400 * 1000) * TimeSpan.TicksPerMillisecond;

    private static long ChannelTarget(int channel) => channel switch
    {
        0 => 60 * TimeSpan.TicksPerSecond,
        1 => 120 * TimeSpan.TicksPerSecond,
        2 => 86400 * TimeSpan.TicksPerSecond,
        3 => 7200 * TimeSpan.TicksPerSecond,
        _ => 900 * TimeSpan.TicksPerSecond,
    };

    private static string[] MakeNames(string prefix, int count, int digits)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = prefix + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
        }

        return names;
    }

    /// <summary>Customer ids made on demand, so a 10M-row batch does not hold 3M strings until someone asks.</summary>
    private sealed class CustomerNames(int count) : IReadOnlyList<string>
    {
        public string this[int index] => "C" + (index + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

        public int Count => count;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
