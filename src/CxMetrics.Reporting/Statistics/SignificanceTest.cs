namespace CxMetrics.Reporting;

/// <summary>
/// Compares a figure between two independent groups (two periods, two channels) with a two-sided z test.
/// Rates use the two-proportion test (pooled standard error for the statistic, unpooled for the interval);
/// NPS uses the difference of two scores over the root sum of their squared standard errors.
/// Large-sample approximations: prefer groups with at least 30 answers each.
/// </summary>
public static class SignificanceTest
{
    private const double Z95 = 1.959964;

    /// <summary>Compares two NPS results (b − a).</summary>
    /// <param name="a">The first (baseline) group.</param>
    /// <param name="b">The second group.</param>
    /// <returns>The comparison, or null when either score or standard error is missing.</returns>
    public static ComparisonResult? Nps(NpsResult a, NpsResult b)
    {
        if (a.Score is not { } sa || b.Score is not { } sb || a.StandardError is not { } ea || b.StandardError is not { } eb)
        {
            return null;
        }

        var diff = sb - sa;
        var se = Math.Sqrt((ea * ea) + (eb * eb));
        var z = se > 0 ? diff / se : 0;
        return new ComparisonResult(diff, se, z, se > 0 ? TwoSided(z) : diff == 0 ? 1 : 0, new ConfidenceInterval(diff - (Z95 * se), diff + (Z95 * se)));
    }

    /// <summary>Compares two rates given as successes out of trials (b − a), in percentage points.</summary>
    /// <param name="successesA">Successes in the first group.</param>
    /// <param name="trialsA">Trials in the first group.</param>
    /// <param name="successesB">Successes in the second group.</param>
    /// <param name="trialsB">Trials in the second group.</param>
    /// <returns>The comparison, or null when a group has no trials.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or successes exceed trials.</exception>
    public static ComparisonResult? Proportions(long successesA, long trialsA, long successesB, long trialsB)
    {
        Check(successesA, trialsA, nameof(successesA));
        Check(successesB, trialsB, nameof(successesB));
        if (trialsA == 0 || trialsB == 0)
        {
            return null;
        }

        double pa = (double)successesA / trialsA, pb = (double)successesB / trialsB;
        var pooled = (double)(successesA + successesB) / (trialsA + trialsB);
        var sePooled = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / trialsA) + (1.0 / trialsB)));
        var se = Math.Sqrt((pa * (1 - pa) / trialsA) + (pb * (1 - pb) / trialsB));
        var diff = pb - pa;
        var z = sePooled > 0 ? diff / sePooled : 0;
        var p = sePooled > 0 ? TwoSided(z) : diff == 0 ? 1 : 0;
        return new ComparisonResult(100 * diff, 100 * se, z, p, new ConfidenceInterval(100 * (diff - (Z95 * se)), 100 * (diff + (Z95 * se))));
    }

    /// <summary>Compares the CSAT satisfied share of two groups.</summary>
    /// <param name="a">The first (baseline) group.</param>
    /// <param name="b">The second group.</param>
    /// <returns>The comparison, or null when a group has no answers.</returns>
    public static ComparisonResult? Csat(CsatResult a, CsatResult b) => Proportions(a.Satisfied, a.Responses, b.Satisfied, b.Responses);

    /// <summary>Compares the first contact resolution rate of two groups.</summary>
    /// <param name="a">The first (baseline) group.</param>
    /// <param name="b">The second group.</param>
    /// <returns>The comparison, or null when a group has no known outcome.</returns>
    public static ComparisonResult? Fcr(FcrResult a, FcrResult b) => Proportions(a.Resolved, a.Known, b.Resolved, b.Known);

    /// <summary>Compares the SLA breach rate of two groups.</summary>
    /// <param name="a">The first (baseline) group.</param>
    /// <param name="b">The second group.</param>
    /// <returns>The comparison, or null when a group has no measured contact.</returns>
    public static ComparisonResult? SlaBreach(SlaResult a, SlaResult b) => Proportions(a.Breached, a.Measured, b.Breached, b.Measured);

    /// <summary>Two-sided p-value of a standard normal statistic: erfc(|z| / √2).</summary>
    internal static double TwoSided(double z) => Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2)));

    /// <summary>Complementary error function (Numerical Recipes erfcc, fractional error below 1.2e-7).</summary>
    internal static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var r = t * Math.Exp((-z * z) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806 + (t * (0.27886807
            + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277))))))))))))))))));
        return x >= 0 ? r : 2 - r;
    }

    private static void Check(long successes, long trials, string name)
    {
        if (trials < 0 || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(name, $"Successes ({successes}) must be between 0 and the trials ({trials}).");
        }
    }
}
