namespace CxMetrics.Benchmarks.Suites;

/// <summary>The six headline results as one struct, so the CxMetrics case returns its work without allocating.</summary>
public readonly record struct HeadlineResults(CsatResult Csat, NpsResult Nps, CesResult Ces, FcrResult Fcr, DurationResult HandleTime, SlaResult Sla);
