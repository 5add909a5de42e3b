using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxMetrics.Cli.Tests;

public class ReportCommandTests
{
    [Fact]
    public void Report_Strict_BadCellPrintsRowColumnAndExitsNonZero()
    {
        var file = CliRunner.TempFile("bad.csv", "contact_id,csat\n1,5\n2,4\n3,\n4,6\n");
        var (exit, stdout, stderr) = CliRunner.Run("report", file);
        Assert.NotEqual(0, exit);
        Assert.Equal("row 5, column csat: '6' is outside 1..5\n", stderr);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void Report_Lenient_ListsInvalidCellsPerColumn()
    {
        var file = CliRunner.TempFile("bad.csv", "contact_id,csat,nps\n1,5,x\n2,4,3\n3,,\n4,6,11\n");
        var (exit, stdout, _) = CliRunner.Run("report", file, "--lenient", "--format", "json");
        Assert.Equal(0, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal(4, json["rows"]!.GetValue<long>());
        Assert.Equal(1, json["invalid"]!["csat"]!.GetValue<long>());
        Assert.Equal(2, json["invalid"]!["nps"]!.GetValue<long>());
        Assert.Equal(2, json["overall"]!["csat"]!["responses"]!.GetValue<long>());
        Assert.Equal(4, json["overall"]!["contacts"]!.GetValue<long>());
    }

    [Fact]
    public void Report_UnknownExtension_ClearErrorNonZero()
    {
        var file = CliRunner.TempFile("contacts.txt", "csat\n5\n");
        var (exit, _, stderr) = CliRunner.Run("report", file);
        Assert.NotEqual(0, exit);
        Assert.Contains("use .csv, .arrow", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--period", "year")]
    [InlineData("--by", "colour")]
    [InlineData("--format", "xml")]
    [InlineData("--fcr-window", "-5")]
    [InlineData("--sla-policy", "P1")]
    [InlineData("--tz", "Mars/Olympus")]
    [InlineData("--tz", "")]
    [InlineData("--tz", "W. Europe Standard Time")]
    [InlineData("--tz", "UTC-11")]
    [InlineData("--tz", "utc")]
    [InlineData("--tz", "europe/berlin")]
    [InlineData("--tz", " ")]
    [InlineData("--by", "")]
    [InlineData("--by", "channel,")]
    [InlineData("--by", "channel,,team")]
    [InlineData("--period", "")]
    [InlineData("--format", "")]
    [InlineData("--sla-policy", "")]
    [InlineData("--sla-policy", "P1=60,")]
    [InlineData("--fcr-window", "")]
    public void Report_BadOption_UsageError(string option, string value)
    {
        var file = CliRunner.TempFile("ok.csv", "csat\n5\n");
        var (exit, _, stderr) = CliRunner.Run("report", file, option, value);
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// A command line that does not parse is a usage error too (exit 2, not the data error 1), and like every failure it
    /// writes nothing to standard output (docs/cli.md): only the reason, on standard error.
    /// </summary>
    [Theory]
    [InlineData("report", "{file}", "--colour")]
    [InlineData("report", "{file}", "--period")]
    [InlineData("report", "{file}", "second.csv")]
    [InlineData("report", "{file}", "--format", "json", "--format", "csv")]
    [InlineData("report")]
    [InlineData("generate", "--rows")]
    [InlineData("frobnicate")]
    public void CommandLine_ThatDoesNotParse_UsageErrorOnStandardErrorOnly(params string[] args)
    {
        var file = CliRunner.TempFile("ok.csv", "csat\n5\n");
        var (exit, stdout, stderr) = CliRunner.Run([.. args.Select(a => a == "{file}" ? file : a)]);
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("--help", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Json_EveryContractKeyPresentOnEmptyFile()
    {
        var file = CliRunner.TempFile("empty.csv", "csat\n");
        var (exit, stdout, _) = CliRunner.Run("report", file, "--format", "json");
        Assert.Equal(0, exit);
        var json = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(0, json["rows"]!.GetValue<long>());
        Assert.Empty(json["groups"]!.AsArray());
        var m = json["overall"]!;
        foreach (var (metric, keys) in Contract)
        {
            var o = m[metric]!.AsObject();
            foreach (var key in keys)
            {
                Assert.True(o.ContainsKey(key), $"{metric}.{key} missing");
            }
        }

        Assert.Null(m["csat"]!["pct"]);
        Assert.Null(m["csat"]!["ci95"]);
        Assert.Equal(JsonValueKind.Null, m["aht"]!["p50_seconds"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.False(m["fcr"]!.AsObject().ContainsKey("censored"));
    }

    internal static readonly (string Metric, string[] Keys)[] Contract =
    [
        ("csat", ["responses", "pct", "mean", "ci95"]),
        ("nps", ["responses", "promoters", "passives", "detractors", "score", "ci95"]),
        ("ces", ["responses", "mean", "easy_pct"]),
        ("fcr", ["known", "pct", "ci95"]),
        ("aht", ["handled", "mean_seconds", "p50_seconds", "p90_seconds"]),
        ("sla", ["measured", "breached", "breach_pct", "ci95"]),
        ("first_response", ["measured", "mean_seconds", "p50_seconds", "p90_seconds"]),
        ("resolution", ["measured", "mean_seconds", "p50_seconds", "p90_seconds"]),
    ];

    [Theory]
    [InlineData("csv")]
    [InlineData("markdown")]
    [InlineData("table")]
    public void Report_OtherFormats_Render(string format)
    {
        var file = CliRunner.TempFile("ok.csv", "channel,csat\nchat,5\nphone,2\n");
        var (exit, stdout, _) = CliRunner.Run("report", file, "--format", format);
        Assert.Equal(0, exit);
        Assert.Contains(format == "csv" ? "overall" : "contacts", stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// Key texts come from the data: in the terminal table and markdown their control characters are shown as escapes,
    /// so a key cannot clear or recolour the analyst's terminal; JSON escapes them itself and CSV keeps the data as it is.
    /// </summary>
    [Theory]
    [InlineData("markdown")]
    [InlineData("table")]
    public void Report_KeyWithControlCharacters_IsShownEscaped(string format)
    {
        var file = CliRunner.TempFile("ctl.csv", "channel,csat\n\"a\u001b[2Jb\",5\n\"x\ny\",4\n");
        var (exit, stdout, _) = CliRunner.Run("report", file, "--by", "channel", "--format", format);
        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Contains(@"a\u001B[2Jb", stdout, StringComparison.Ordinal);
        Assert.Contains(@"x\ny", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SameDataInCsvArrowParquet_IdenticalJson()
    {
        var outputs = new List<string>();
        foreach (var ext in new[] { "csv", "arrow", "parquet" })
        {
            var path = CliRunner.TempFile("contacts." + ext);
            Assert.Equal(0, CliRunner.Run("generate", "--rows", "3000", "--seed", "11", "--out", path).Exit);
            var (exit, stdout, stderr) = CliRunner.Run("report", path, "--format", "json", "--sla-policy", "P1=60,P2=300,P3=3600", "--by", "channel,priority", "--period", "week", "--fcr-window", "86400");
            Assert.True(exit == 0, stderr);
            outputs.Add(stdout);
        }

        Assert.Equal(outputs[0], outputs[1]);
        Assert.Equal(outputs[0], outputs[2]);
    }

    [Fact]
    public void Generate_DaysOption_SpreadsOpenedAtOverThatManyDays()
    {
        var path = CliRunner.TempFile("month.csv");
        Assert.Equal(0, CliRunner.Run("generate", "--rows", "3000", "--seed", "3", "--days", "30", "--out", path).Exit);
        var lines = File.ReadAllLines(path);
        var column = Array.IndexOf(lines[0].Split(','), "opened_at");
        var days = new HashSet<string>();
        foreach (var line in lines.Skip(1))
        {
            var day = line.Split(',')[column][..10];
            Assert.InRange(string.CompareOrdinal(day, "2026-08-01"), 0, int.MaxValue);
            Assert.True(string.CompareOrdinal(day, "2026-08-30") <= 0, day);
            days.Add(day);
        }

        Assert.Equal(30, days.Count);
        Assert.Equal(CliApp.UsageError, CliRunner.Run("generate", "--rows", "10", "--days", "0", "--out", path).Exit);
        var (exit, _, stderr) = CliRunner.Run("generate", "--rows", "10", "--out", CliRunner.TempFile("contacts.txt"));
        Assert.Equal(CliApp.UsageError, exit);
        Assert.StartsWith("error: --out: cannot tell the file type", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OutOption_WritesFile()
    {
        var file = CliRunner.TempFile("ok.csv", "csat\n5\n");
        var output = CliRunner.TempFile("report.json");
        var (exit, stdout, _) = CliRunner.Run("report", file, "--format", "json", "--out", output);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(1, JsonNode.Parse(File.ReadAllText(output))!["rows"]!.GetValue<long>());
    }

    [Fact]
    public void Help_ExplainsEveryOption()
    {
        var (_, stdout, _) = CliRunner.Run("report", "--help");
        foreach (var option in new[] { "--by", "--period", "--format", "--lenient", "--fcr-window", "--sla-policy", "--tz", "--approx-percentiles", "--out", "Wilson", "top-2-box" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }
}

public class ReadmeCommandTests
{
    [Fact]
    public void Readme_MainCommand_PrintsTableByChannelAndMonth()
    {
        var root = CliRunner.RepoRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        const string command = "dotnet run --project src/CxMetrics.Cli -c Release -- report samples/data/contacts.csv --by channel --period month";
        Assert.Contains(command, readme, StringComparison.Ordinal);
        var (exit, stdout, stderr) = CliRunner.Run("report", Path.Combine(root, "samples", "data", "contacts.csv"), "--by", "channel", "--period", "month");
        Assert.True(exit == 0, stderr);
        Assert.Contains("2026-09", stdout, StringComparison.Ordinal);
        Assert.Contains("phone", stdout, StringComparison.Ordinal);
        Assert.Contains("47,000", stdout, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(root, "samples", "data", "contacts.csv")).Length < 5_000_000);
    }

    /// <summary>2,500 groups, keys with 2-, 3- and 4-byte UTF-8 characters: the JSON streams through several flushes and the
    /// terminal table comes as tables of <c>TableBlock</c> rows; every group is in both, once, in key order.</summary>
    [Fact]
    public void Report_ManyGroups_JsonStreamsAndTableComesInBlocks()
    {
        var agents = Enumerable.Range(0, 2500).Select(i => $"agent-{i:0000}-{(i % 3) switch { 0 => "é", 1 => "€", _ => "😀" }}").ToArray();
        var file = CliRunner.TempFile("many.csv", "agent_id,csat,talk_seconds\n" + string.Concat(agents.Select((a, i) => $"{a},{1 + (i % 5)},{i}.5\n")));
        var (exit, stdout, _) = CliRunner.Run("report", file, "--by", "agent_id", "--format", "json");
        Assert.Equal(0, exit);
        Assert.True(stdout.Length > 1 << 17, "the report should span several flushes of the JSON writer");
        var groups = JsonNode.Parse(stdout)!["groups"]!.AsArray();
        Assert.Equal(agents.Order(StringComparer.Ordinal), groups.Select(g => g!["key"]!["agent_id"]!.GetValue<string>()));
        Assert.Equal(2.5, groups[0]!["aht"]!["p50_seconds"]!.GetValue<double>() + 2);

        var (tableExit, table, _) = CliRunner.Run("report", file, "--by", "agent_id");
        Assert.Equal(0, tableExit);
        Assert.Equal((agents.Length + 1 + TextReportWriter.TableBlock - 1) / TextReportWriter.TableBlock, table.Split('╭').Length - 1);
        foreach (var a in agents)
        {
            Assert.Equal(1, table.Split(a).Length - 1);
        }

        Assert.Contains("2,500 rows", table, StringComparison.Ordinal);
    }

    /// <summary>
    /// An exception the tool does not expect ends in one line on standard error and exit 3, not a stack trace: an Arrow
    /// file with a damaged batch length once reached the core's score check and ended as "Unhandled exception".
    /// </summary>
    [Fact]
    public void UnexpectedException_IsOneLineAndExit3()
    {
        var stderr = new StringWriter { NewLine = "\n" };
        Assert.Equal(CliApp.Failure, CliApp.Guard(stderr, () => throw new ArgumentOutOfRangeException("csat", "boom")));
        Assert.StartsWith("internal error (ArgumentOutOfRangeException): boom (Parameter 'csat')\n", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", stderr.ToString(), StringComparison.Ordinal);

        stderr = new StringWriter { NewLine = "\n" };
        Assert.Equal(CliApp.Failure, CliApp.Guard(stderr, () => throw new OutOfMemoryException()));
        Assert.Equal("error: out of memory: the report needs more memory than the process was given\n", stderr.ToString());
    }

    /// <summary>That Arrow file itself: a record batch that claims more rows than its columns hold.</summary>
    [Fact]
    public void Report_ArrowBatchLongerThanItsColumns_IsADataError()
    {
        var csat = new Apache.Arrow.Int32Array.Builder().Append(4).Append(5).Append(3).Build();
        var schema = new Apache.Arrow.Schema.Builder().Field(f => f.Name("csat").DataType(Apache.Arrow.Types.Int32Type.Default).Nullable(true)).Build();
        var path = CliRunner.TempFile("damaged.arrow");
        using (var batch = new Apache.Arrow.RecordBatch(schema, [csat], 3))
        using (var file = File.Create(path))
        using (var writer = new Apache.Arrow.Ipc.ArrowFileWriter(file, schema))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var bytes = File.ReadAllBytes(path);
        var at = -1;
        for (var i = 0; i + 8 <= bytes.Length && at < 0; i++)
        {
            at = BitConverter.ToInt64(bytes, i) == 3 ? i : -1; // the first 3 is the batch's length
        }

        BitConverter.GetBytes(5L).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
        var (exit, stdout, stderr) = CliRunner.Run("report", path, "--format", "json");
        Assert.Equal(CliApp.DataError, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("the file is not a readable Arrow file: record batch 1 has 5 rows but its column 'csat' holds 3 values\n", stderr);
    }
}
