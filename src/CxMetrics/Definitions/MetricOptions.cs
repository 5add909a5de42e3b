namespace CxMetrics;

/// <summary>Every definition choice in one place; the defaults are the common industry definitions (docs/metrics.md).</summary>
public sealed record MetricOptions
{
    /// <summary>The default options.</summary>
    public static MetricOptions Default { get; } = new();

    /// <summary>CSAT scale and satisfied threshold.</summary>
    public CsatOptions Csat { get; init; } = CsatOptions.Default;

    /// <summary>NPS bands.</summary>
    public NpsOptions Nps { get; init; } = NpsOptions.Default;

    /// <summary>CES scale and easy threshold.</summary>
    public CesOptions Ces { get; init; } = CesOptions.Default;

    /// <summary>First-response targets by priority for rows without their own target; <see langword="null"/> = none (only rows with a target are measured).</summary>
    public SlaPolicy? SlaPolicy { get; init; }

    /// <summary>Whether to compute the exact p50 and p90 of handle, first-response and resolution times (default true). Off, they are null and no values are kept.</summary>
    public bool IncludePercentiles { get; init; } = true;

    internal void Validate()
    {
        Csat.Validate();
        Nps.Validate();
        Ces.Validate();
    }
}
