namespace CxMetrics.Reporting;

/// <summary>
/// Computes everything an HTML report shows in one pass over the data: the main result with the caller's grouping, and
/// the results behind the charts (by period, by priority, by channel) with the same time zone, FCR window, percentile
/// mode and small-sample threshold. Each is a <see cref="MetricsAccumulator"/>, so memory is four accumulators'
/// (with exact percentiles each keeps the durations; use <see cref="GroupingOptions.ApproximatePercentiles"/> for huge inputs).
/// </summary>
/// <example>
/// <code>
/// using var builder = new HtmlReportBuilder(MetricOptions.Default, new GroupingOptions { Keys = [GroupKey.Channel], Period = PeriodUnit.Month });
/// while (reader.ReadBatch() is { } batch) { builder.Add(batch); }
/// File.WriteAllText("report.html", builder.Render());
/// </code>
/// </example>
public sealed class HtmlReportBuilder : IDisposable
{
    private readonly MetricsAccumulator _main, _byPeriod, _byPriority, _byChannel;
    private readonly GroupingOptions _grouping;

    /// <summary>Creates the accumulators.</summary>
    /// <param name="metrics">The metric definitions.</param>
    /// <param name="grouping">The grouping of the table; the NPS chart uses its period (weeks when none is asked).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public HtmlReportBuilder(MetricOptions metrics, GroupingOptions grouping)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(grouping);
        _grouping = grouping;
        _main = new MetricsAccumulator(metrics, grouping);
        _byPeriod = new MetricsAccumulator(metrics, grouping with { Keys = [], Period = grouping.Period == PeriodUnit.None ? PeriodUnit.Week : grouping.Period });
        _byPriority = new MetricsAccumulator(metrics, grouping with { Keys = [GroupKey.Priority], Period = PeriodUnit.None });
        _byChannel = new MetricsAccumulator(metrics, grouping with { Keys = [GroupKey.Channel], Period = PeriodUnit.None });
    }

    /// <summary>Adds a batch to every accumulator.</summary>
    /// <param name="batch">The contacts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    public void Add(InteractionBatch batch)
    {
        _main.Add(batch);
        _byPeriod.Add(batch);
        _byPriority.Add(batch);
        _byChannel.Add(batch);
    }

    /// <summary>The main result (what the JSON report of the same options holds).</summary>
    /// <returns>The grouped result.</returns>
    public GroupedMetrics Result() => _main.Result();

    /// <summary>Renders the page.</summary>
    /// <param name="options">Title and input facts, or null for the defaults.</param>
    /// <returns>The HTML document.</returns>
    public string Render(HtmlReportOptions? options = null) =>
        HtmlReport.Render(_main.Result(), _grouping, _byPeriod.Result(), _byPriority.Result(), _byChannel.Result(), options);

    /// <summary>Returns the accumulators' pooled memory.</summary>
    public void Dispose()
    {
        _main.Dispose();
        _byPeriod.Dispose();
        _byPriority.Dispose();
        _byChannel.Dispose();
    }
}
