using System.Text.Json;

namespace CxMetrics.Cli;

/// <summary>
/// Writes <c>"small_sample": true|false</c> inside a metric object: n &lt; the accumulator's threshold
/// (<see cref="GroupedMetrics.SmallSampleThreshold"/>, 30), n being the metric's responses/known/handled/measured.
/// </summary>
internal static class SmallSample
{
    public enum Metric { Csat, Nps, Ces, Fcr, HandleTime, Sla, FirstResponse, Resolution }

    public static void Write(Utf8JsonWriter w, InteractionMetrics m, Metric metric, int threshold)
    {
        var n = metric switch
        {
            Metric.Csat => m.Csat.Responses,
            Metric.Nps => m.Nps.Responses,
            Metric.Ces => m.Ces.Responses,
            Metric.Fcr => m.Fcr.Known,
            Metric.HandleTime => m.HandleTime.Measured,
            Metric.Sla => m.SlaBreach.Measured,
            Metric.FirstResponse => m.FirstResponse.Measured,
            _ => m.Resolution.Measured,
        };
        w.WriteBoolean("small_sample", n < threshold);
    }
}
