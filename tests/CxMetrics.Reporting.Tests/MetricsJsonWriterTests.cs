using System.Text.Json;
using CxMetrics.Reporting.Internal;

namespace CxMetrics.Reporting.Tests;

public class MetricsJsonWriterTests
{
    private static readonly Dictionary<string, string[]> Contract = new()
    {
        ["csat"] = ["responses", "pct", "mean", "ci95"],
        ["nps"] = ["responses", "promoters", "passives", "detractors", "score", "ci95"],
        ["ces"] = ["responses", "mean", "easy_pct"],
        ["fcr"] = ["known", "pct", "ci95"],
        ["aht"] = ["handled", "mean_seconds", "p50_seconds", "p90_seconds"],
        ["sla"] = ["measured", "breached", "breach_pct", "ci95"],
        ["first_response"] = ["measured", "mean_seconds", "p50_seconds", "p90_seconds"],
        ["resolution"] = ["measured", "mean_seconds", "p50_seconds", "p90_seconds"],
    };

    [Fact]
    public void MetricsJsonWriter_ToJson_EveryContractKeyPresent()
    {
        var m = TestData.Metrics(400, 9);
        using var doc = JsonDocument.Parse(MetricsJsonWriter.ToJson(m));
        AssertContract(doc.RootElement, m.Contacts);
        Assert.Equal(m.Nps.Score, doc.RootElement.GetProperty("nps").GetProperty("score").GetDouble());
        Assert.Equal(m.HandleTime.P90Seconds, doc.RootElement.GetProperty("aht").GetProperty("p90_seconds").GetDouble());
    }

    [Fact]
    public void MetricsJsonWriter_ToJson_EmptyGivesNullsNotNaN()
    {
        using var empty = new InteractionBatch(0);
        var json = MetricsJsonWriter.ToJson(InteractionMetrics.Compute(empty));
        using var doc = JsonDocument.Parse(json);
        AssertContract(doc.RootElement, 0);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("nps").GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("sla").GetProperty("ci95").ValueKind);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsJsonWriter_WriteReport_GroupsKeysAndSmallSample()
    {
        var content = TestData.Content();
        using var doc = JsonDocument.Parse(HtmlPage.Json(content));
        var root = doc.RootElement;
        Assert.Equal(125, root.GetProperty("rows").GetInt64());
        Assert.Equal(2, root.GetProperty("invalid").GetProperty("csat").GetInt64());
        Assert.False(root.GetProperty("invalid").TryGetProperty("nps", out _));
        AssertContract(root.GetProperty("overall"), 125);
        Assert.False(root.GetProperty("overall").GetProperty("aht").GetProperty("small_sample").GetBoolean()); // 125 handled >= 30
        var groups = root.GetProperty("groups");
        Assert.Equal(5, groups.GetArrayLength());
        Assert.Equal("chat", groups[0].GetProperty("key").GetProperty("channel").GetString());
        Assert.Equal("2026-09", groups[1].GetProperty("key").GetProperty("period").GetString());
        Assert.Equal(JsonValueKind.Null, groups[3].GetProperty("key").GetProperty("channel").ValueKind);
        Assert.Equal(JsonValueKind.Null, groups[4].GetProperty("key").GetProperty("period").ValueKind);
        Assert.True(groups[0].GetProperty("csat").GetProperty("small_sample").GetBoolean()); // 25 rows < 30
        AssertContract(groups[0], 25);
    }

    private static void AssertContract(JsonElement m, long contacts)
    {
        Assert.Equal(contacts, m.GetProperty("contacts").GetInt64());
        foreach (var (metric, keys) in Contract)
        {
            var o = m.GetProperty(metric);
            foreach (var k in keys)
            {
                Assert.True(o.TryGetProperty(k, out _), $"{metric}.{k} missing");
            }
        }
    }
}
