namespace CxMetrics.Tests.Grouping;

public class RepeatContactFcrTests
{
    private static readonly DateTime T0 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    private static GroupedMetrics Run(TimeSpan window, params (string? Customer, double Days)[] contacts)
    {
        var builder = new InteractionBatchBuilder();
        foreach (var (customer, days) in contacts)
        {
            builder.Add(new Interaction { Customer = customer, OpenedAt = T0.AddDays(days), FirstContactResolved = false, Channel = "chat" });
        }

        using var batch = builder.Build();
        return GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions { FcrWindow = window, Keys = [GroupKey.Channel] });
    }

    [Fact]
    public void MetricsAccumulator_RepeatFcr_CensorsContactsNearTheDataEnd()
    {
        // Latest opened_at = day 20. Window 7 days: contacts after day 13 are censored.
        var r = Run(TimeSpan.FromDays(7),
            ("a", 0), ("a", 3),   // a@0 repeated at 3 -> not resolved; a@3 no repeat within (3, 10] -> resolved
            ("b", 5), ("b", 12.5), // b@5: next at 12.5 > 5 + 7 -> resolved; b@12.5: resolved (nothing after, 19.5 <= 20)
            ("c", 13), ("c", 13.5), // c@13: exactly 13 + 7 = 20 <= latest -> judged, repeated at 13.5 -> not resolved; c@13.5 censored
            ("d", 20),            // censored
            (null, 1));           // unknown customer: not part of repeat FCR at all
        var fcr = r.Overall.Fcr;
        Assert.Equal(5, fcr.Known);
        Assert.Equal(3, fcr.Resolved);
        Assert.Equal(2, fcr.Censored);
        Assert.Equal(60.0, fcr.Percent!.Value, 12);
        Assert.Equal(2L, Assert.Single(r.Groups).Metrics.Fcr.Censored);
    }

    [Fact]
    public void MetricsAccumulator_RepeatFcr_WindowEndIsInclusiveAndTiesDoNotRepeat()
    {
        var r = Run(TimeSpan.FromDays(1),
            ("a", 0), ("a", 1),     // repeat exactly at opened_at + window counts: a@0 not resolved
            ("b", 2), ("b", 2),     // same instant: neither repeats the other
            ("z", 10));             // sets the data's end
        Assert.Equal(4, r.Overall.Fcr.Known);
        Assert.Equal(3, r.Overall.Fcr.Resolved);
        Assert.Equal(1, r.Overall.Fcr.Censored);
    }

    [Fact]
    public void MetricsAccumulator_RepeatFcr_LatestInstantSpansBatchesAndMerges()
    {
        var grouping = new GroupingOptions { FcrWindow = TimeSpan.FromDays(7) };
        using var a = new MetricsAccumulator(MetricOptions.Default, grouping);
        using var b = new MetricsAccumulator(MetricOptions.Default, grouping);
        var builder = new InteractionBatchBuilder();
        builder.Add(new Interaction { Customer = "a", OpenedAt = T0 });
        a.Add(builder.Build());
        Assert.Equal(1, a.Result().Overall.Fcr.Censored); // alone, the contact is at the data's end
        var other = new InteractionBatchBuilder();
        other.Add(new Interaction { Customer = "z", OpenedAt = T0.AddDays(30) });
        b.Add(other.Build());
        a.Merge(b);
        var fcr = a.Result().Overall.Fcr;
        Assert.Equal(1, fcr.Known);
        Assert.Equal(1, fcr.Resolved);
        Assert.Equal(1, fcr.Censored);
    }

    [Fact]
    public void MetricsAccumulator_FlagMode_CensoredIsNull()
    {
        var builder = new InteractionBatchBuilder();
        builder.Add(new Interaction { Customer = "a", OpenedAt = T0, FirstContactResolved = true });
        using var batch = builder.Build();
        var r = GroupedMetrics.Compute(batch, MetricOptions.Default, new GroupingOptions());
        Assert.Null(r.Overall.Fcr.Censored);
        Assert.Equal(1, r.Overall.Fcr.Resolved);
    }
}
