namespace CxMetrics;

/// <summary>
/// Significance tests for the differences managers ask about: NPS of group A versus group B (or this month versus last),
/// and CSAT, FCR or SLA-breach proportions. All are two-sided z-tests with p-values from <see cref="NormalDistribution"/>.
/// </summary>
/// <remarks>
/// <para>NPS: with p and d the promoter and detractor shares of n answers, the score is 100(p − d) and its variance
/// 100²·(p + d − (p − d)²)/n (the multinomial variance, <see cref="NpsResult.StandardError"/>). For independent samples
/// z = (NPS_A − NPS_B) / √(SE_A² + SE_B²).</para>
/// <para>Proportions: x_A of n_A versus x_B of n_B, pooled p = (x_A + x_B)/(n_A + n_B),
/// z = (x_A/n_A − x_B/n_B) / √(p(1 − p)(1/n_A + 1/n_B)); the difference is reported in percentage points.</para>
/// <para>Both rely on the normal approximation: <see cref="ComparisonTest.SmallSample"/> flags a side with fewer than
/// <c>smallSampleThreshold</c> observations (default 30). A test with an empty side returns <see langword="null"/>.</para>
/// </remarks>
public static class ComparisonTests
{
    /// <summary>Compares two NPS results (A − B).</summary>
    /// <param name="a">Group or period A.</param>
    /// <param name="b">Group or period B.</param>
    /// <param name="smallSampleThreshold">Responses below which a side is a small sample.</param>
    /// <returns>The test, or <see langword="null"/> when either side has no responses.</returns>
    public static ComparisonTest? NpsDifference(NpsResult a, NpsResult b, int smallSampleThreshold = 30)
    {
        if (a.Responses == 0 || b.Responses == 0)
        {
            return null;
        }

        var difference = Score(a) - Score(b);
        var se = Math.Sqrt((Variance(a) / a.Responses) + (Variance(b) / b.Responses)) * 100;
        return Finish(difference, se, Math.Min(a.Responses, b.Responses) < smallSampleThreshold);

        static double Score(NpsResult r) => 100.0 * (r.Promoters - r.Detractors) / r.Responses;

        static double Variance(NpsResult r)
        {
            var p = (double)r.Promoters / r.Responses;
            var d = (double)r.Detractors / r.Responses;
            return Math.Max(0, p + d - ((p - d) * (p - d)));
        }
    }

    /// <summary>Two-proportion z-test of x_A/n_A against x_B/n_B (A − B, in percentage points).</summary>
    /// <param name="successesA">Successes in A.</param>
    /// <param name="trialsA">Trials in A.</param>
    /// <param name="successesB">Successes in B.</param>
    /// <param name="trialsB">Trials in B.</param>
    /// <param name="smallSampleThreshold">Trials below which a side is a small sample.</param>
    /// <returns>The test, or <see langword="null"/> when either side has no trials.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or successes exceed trials.</exception>
    public static ComparisonTest? TwoProportions(long successesA, long trialsA, long successesB, long trialsB, int smallSampleThreshold = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successesA);
        ArgumentOutOfRangeException.ThrowIfNegative(successesB);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successesA, trialsA);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successesB, trialsB);
        if (trialsA == 0 || trialsB == 0)
        {
            return null;
        }

        var pa = (double)successesA / trialsA;
        var pb = (double)successesB / trialsB;
        var pooled = (double)(successesA + successesB) / (trialsA + trialsB);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / trialsA) + (1.0 / trialsB))) * 100;
        return Finish(100 * (pa - pb), se, Math.Min(trialsA, trialsB) < smallSampleThreshold);
    }

    /// <summary>CSAT (satisfied share) of A against B.</summary>
    /// <param name="a">Group or period A.</param>
    /// <param name="b">Group or period B.</param>
    /// <param name="smallSampleThreshold">Responses below which a side is a small sample.</param>
    /// <returns>The test, or <see langword="null"/> when either side has no responses.</returns>
    public static ComparisonTest? Csat(CsatResult a, CsatResult b, int smallSampleThreshold = 30) =>
        TwoProportions(a.Satisfied, a.Responses, b.Satisfied, b.Responses, smallSampleThreshold);

    /// <summary>FCR (resolved share) of A against B.</summary>
    /// <param name="a">Group or period A.</param>
    /// <param name="b">Group or period B.</param>
    /// <param name="smallSampleThreshold">Known rows below which a side is a small sample.</param>
    /// <returns>The test, or <see langword="null"/> when either side has nothing known.</returns>
    public static ComparisonTest? Fcr(FcrResult a, FcrResult b, int smallSampleThreshold = 30) =>
        TwoProportions(a.Resolved, a.Known, b.Resolved, b.Known, smallSampleThreshold);

    /// <summary>SLA breach share of A against B.</summary>
    /// <param name="a">Group or period A.</param>
    /// <param name="b">Group or period B.</param>
    /// <param name="smallSampleThreshold">Measured rows below which a side is a small sample.</param>
    /// <returns>The test, or <see langword="null"/> when either side has nothing measured.</returns>
    public static ComparisonTest? SlaBreach(SlaResult a, SlaResult b, int smallSampleThreshold = 30) =>
        TwoProportions(a.Breached, a.Measured, b.Breached, b.Measured, smallSampleThreshold);

    private static ComparisonTest Finish(double difference, double se, bool small)
    {
        double z;
        if (se > 0)
        {
            z = difference / se;
        }
        else
        {
            z = difference == 0 ? 0 : difference > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return new ComparisonTest(difference, se, z, NormalDistribution.TwoSidedPValue(z), small);
    }
}
