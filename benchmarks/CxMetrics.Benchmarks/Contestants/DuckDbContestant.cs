using System.Globalization;
using DuckDB.NET.Data;

namespace CxMetrics.Benchmarks.Contestants;

/// <summary>
/// DuckDB in memory: the columns loaded once into a table (UTINYINT scores, BIGINT ticks, NULL = missing), the six
/// metrics as one SQL query with the same definitions. Only <see cref="Headline"/> is timed.
/// </summary>
internal sealed class DuckDbContestant : IDisposable
{
    public const string HeadlineSql = """
        SELECT
          count(csat), count(*) FILTER (WHERE csat >= 4),
          count(nps), count(*) FILTER (WHERE nps >= 9), count(*) FILTER (WHERE nps <= 6),
          count(ces), avg(ces),
          count(fcr), count(*) FILTER (WHERE fcr = 1),
          count(talk), sum(talk::HUGEINT + coalesce(hold, 0) + coalesce(wrap, 0)),
          count(*) FILTER (WHERE first_response IS NOT NULL AND sla_target IS NOT NULL),
          count(*) FILTER (WHERE first_response > sla_target)
        FROM contacts
        """;

    public const string PercentileSql = """
        SELECT quantile_cont(talk + coalesce(hold, 0) + coalesce(wrap, 0), [0.5, 0.9]) FROM contacts WHERE talk IS NOT NULL
        """;

    private readonly DuckDBConnection _connection;
    private readonly DuckDBCommand _headline, _percentiles;

    public DuckDbContestant(InteractionBatch batch)
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE contacts (csat UTINYINT, nps UTINYINT, ces UTINYINT, fcr UTINYINT,
                  talk BIGINT, hold BIGINT, wrap BIGINT, first_response BIGINT, sla_target BIGINT)
                """;
            create.ExecuteNonQuery();
        }

        using (var appender = _connection.CreateAppender("contacts"))
        {
            var csat = batch.Csat.Span;
            var nps = batch.Nps.Span;
            var ces = batch.Ces.Span;
            var fcr = batch.FirstContactResolved.Span;
            var talk = batch.TalkTime.Span;
            var hold = batch.HoldTime.Span;
            var wrap = batch.WrapTime.Span;
            var response = batch.FirstResponseTime.Span;
            var target = batch.SlaTarget.Span;
            for (var i = 0; i < batch.Length; i++)
            {
                appender.CreateRow()
                    .AppendValue(Score(csat[i])).AppendValue(Score(nps[i])).AppendValue(Score(ces[i])).AppendValue(Score(fcr[i]))
                    .AppendValue(Ticks(talk[i])).AppendValue(Ticks(hold[i])).AppendValue(Ticks(wrap[i]))
                    .AppendValue(Ticks(response[i])).AppendValue(Ticks(target[i]))
                    .EndRow();
            }
        }

        _headline = _connection.CreateCommand();
        _headline.CommandText = HeadlineSql;
        _percentiles = _connection.CreateCommand();
        _percentiles.CommandText = PercentileSql;
    }

    public MetricSummary Headline()
    {
        using var reader = _headline.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("DuckDB returned no row.");
        }

        long L(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        double? D(int i) => reader.IsDBNull(i) ? null : reader.GetValue(i) switch
        {
            System.Numerics.BigInteger big => (double)big,
            var v => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        };
        var csatResponses = L(0);
        var npsResponses = L(2);
        var fcrKnown = L(7);
        var handled = L(9);
        var slaMeasured = L(11);
        var breached = L(12);
        return new MetricSummary
        {
            CsatResponses = csatResponses,
            CsatPercent = csatResponses == 0 ? null : 100.0 * L(1) / csatResponses,
            NpsResponses = npsResponses,
            NpsScore = npsResponses == 0 ? null : 100.0 * (L(3) - L(4)) / npsResponses,
            CesResponses = L(5),
            CesMean = D(6),
            FcrKnown = fcrKnown,
            FcrPercent = fcrKnown == 0 ? null : 100.0 * L(8) / fcrKnown,
            AhtHandled = handled,
            AhtMeanSeconds = handled == 0 ? null : D(10) / handled / TimeSpan.TicksPerSecond,
            SlaMeasured = slaMeasured,
            SlaBreached = breached,
            SlaBreachPercent = slaMeasured == 0 ? null : 100.0 * breached / slaMeasured,
        };
    }

    public (double? P50, double? P90) HandlePercentiles()
    {
        using var reader = _percentiles.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0))
        {
            return (null, null);
        }

        var values = (System.Collections.IList)reader.GetValue(0);
        return (Seconds(values[0]), Seconds(values[1]));

        static double? Seconds(object? ticks) => ticks is null ? null : Convert.ToDouble(ticks, CultureInfo.InvariantCulture) / TimeSpan.TicksPerSecond;
    }

    public void Dispose()
    {
        _headline.Dispose();
        _percentiles.Dispose();
        _connection.Dispose();
    }

    private static byte? Score(byte value) => value == Missing.Score ? null : value;

    private static long? Ticks(long value) => value < 0 ? null : value;
}
