using System.Text.Json;

namespace CxMetrics.Cli;

/// <summary>
/// Writes <c>"small_sample": true|false</c> inside a metric object. Until the grouping branch exposes its own flag,
/// the rule of the brief is applied here: n &lt; threshold (30), n being the metric's responses/known/handled/measured.
/// </summary>
internal static class SmallSample
{
    public const int Threshold = 30;

    public enum Metric { Csat, Nps, Ces, Fcr, HandleTime, Sla, FirstResponse, Resolution }

    public static void Write(Utf8JsonWriter w, InteractionMetrics m, Metric metric)
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
        w.WriteBoolean("small_sample", n < Threshold);
    }
}
