using System.CommandLine;
using System.Text;
using CxMetrics.IO;
using Spectre.Console;

namespace CxMetrics.Cli;

/// <summary>The <c>cxmetrics</c> commands: <c>report</c> and <c>generate</c>.</summary>
internal static class CliApp
{
    public const int Ok = 0, DataError = 1, UsageError = 2;

    /// <summary>Exit code for anything else: out of memory, or a defect of the tool (never a stack trace on the terminal).</summary>
    public const int Failure = 3;

    private const string Definitions = """
        Definitions (docs/metrics.md, docs/cli.md):
          CSAT  % of answers on the 1..5 scale that are 4 or 5 (top-2-box); mean answer; 95% Wilson interval.
          NPS   % promoters (9..10) - % detractors (0..6) of 0..10 answers, in points; 95% interval from its standard error.
          CES   mean answer on the 1..7 scale; easy % = answers 5..7.
          FCR   % of contacts with a known flag that were resolved at first contact (fcr column); with --fcr-window,
                a contact is resolved when the same customer_id opens no other contact (any channel) within the window
                after it; contacts whose window reaches past the file's latest opened_at are censored (not counted).
          AHT   mean, p50, p90 of talk + hold + wrap seconds over contacts with talk time (missing hold/wrap count 0).
          SLA   % of contacts whose first response took strictly longer than their target: their own
                sla_target_seconds, else the --sla-policy target of their priority (exact match); others are not measured.
          First response / resolution: mean, p50, p90 seconds over rows with the value.
          Percentiles: linear interpolation between closest ranks (numpy default, Excel PERCENTILE.INC).
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal = false)
    {
        var root = Build(stdout, stderr, stderrIsTerminal);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A command line that does not parse (unknown option, missing value, no file) is a usage error like a bad
            // option value: exit 2 and the reason on standard error only (System.CommandLine's default would print the
            // help to standard output and exit 1, the code of unreadable data).
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine("error: " + error.Message);
            }

            stderr.WriteLine("Run 'cxmetrics " + (parse.CommandResult.Command is RootCommand ? string.Empty : parse.CommandResult.Command.Name + " ") + "--help' for the options.");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        var root = new RootCommand("cxmetrics: customer-experience metrics (CSAT, NPS, CES, FCR, AHT, SLA breach, first-response and resolution times) of contact exports in CSV, Arrow or Parquet.");
        root.Add(ReportCommand(stdout, stderr, stderrIsTerminal));
        root.Add(GenerateCommand(stdout, stderr));
        return root;
    }

    private static Command ReportCommand(TextWriter stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "Contacts file: .csv (RFC 4180, UTF-8, header row), .arrow/.feather/.ipc (Arrow IPC file or stream) or .parquet. "
                + "Columns (any order, all optional, unknown ignored): contact_id, opened_at, channel, agent_id, team, priority, customer_id, "
                + "csat, nps, ces, fcr (or first_contact_resolved), talk_seconds, hold_seconds, wrap_seconds, first_response_seconds, "
                + "resolution_seconds, sla_target_seconds. Durations are decimal seconds and, like opened_at, are kept to 100 ns: "
                + "digits past the 7th decimal are rounded to the nearest 100 ns. See docs/input-formats.md.",
        };
        var by = new Option<string?>("--by") { Description = "Group by these key columns, comma-separated, in this order: channel, agent_id, team, priority. Contacts with an empty key form the group null (unknown).", HelpName = "channel,agent_id,team,priority" };
        var period = new Option<string?>("--period") { Description = "Also group by the period of opened_at in the --tz zone: day (2026-10-05), week (ISO week, 2026-W41) or month (2026-10). Unknown opened_at gives period null.", HelpName = "day|week|month" };
        var format = new Option<string?>("--format") { Description = "Output: table (default, for a terminal), json (the stable contract of docs/cli.md), csv (one line per group plus overall, full precision), markdown, or html (a self-contained page with charts; use with --out).", HelpName = "table|json|csv|markdown|html" };
        var lenient = new Option<bool>("--lenient") { Description = "Read a bad cell as empty instead of stopping; the row still counts and the report lists the unreadable cells per column (\"invalid\"). An unterminated quoted field still stops." };
        var fcrWindow = new Option<string?>("--fcr-window") { Description = "Repeat-contact FCR for the whole report: a contact is resolved at first contact when its customer_id has no other contact opened within SECONDS after it (the fcr column is not used). Contacts too recent to judge are censored.", HelpName = "SECONDS" };
        var slaPolicy = new Option<string?>("--sla-policy") { Description = "First-response targets by priority for rows without sla_target_seconds, e.g. \"P1=60,P2=300,P3=3600\" (seconds; priorities match exactly). Without it only rows with their own target are measured.", HelpName = "P1=60,P2=300,..." };
        var tz = new Option<string?>("--tz") { Description = "IANA time zone in which days, ISO weeks and months are cut (default UTC), e.g. Europe/Berlin.", HelpName = "IANA-ID" };
        var approx = new Option<bool>("--approx-percentiles") { Description = "Approximate p50/p90 with a bounded-memory sketch instead of keeping every duration (for very large files)." };
        var output = new Option<string?>("--out") { Description = "Write the report to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("report", "Compute every metric of a contacts file, overall and per group.\n\n" + Definitions)
        {
            file, by, period, format, lenient, fcrWindow, slaPolicy, tz, approx, output,
        };
        command.SetAction(parse => Guard(stderr, () =>
        {
            var settings = new ReportSettings
            {
                File = parse.GetValue(file)!,
                Keys = OptionParsing.Keys(parse.GetValue(by)),
                Period = OptionParsing.Period(parse.GetValue(period)),
                Format = OptionParsing.Format(parse.GetValue(format)),
                Lenient = parse.GetValue(lenient),
                FcrWindow = OptionParsing.FcrWindow(parse.GetValue(fcrWindow)),
                SlaPolicy = OptionParsing.Policy(parse.GetValue(slaPolicy)),
                TimeZone = OptionParsing.TimeZone(parse.GetValue(tz)),
                ApproximatePercentiles = parse.GetValue(approx),
                Out = parse.GetValue(output),
            };
            var report = stderrIsTerminal ? WithProgress(settings) : ReportEngine.Run(settings);
            Emit(report, settings, stdout);
            return Ok;
        }));
        return command;
    }

    private static Report WithProgress(ReportSettings settings)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        Report? report = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("reading " + Path.GetFileName(settings.File), maxValue: 1);
                report = ReportEngine.Run(settings, (position, length) =>
                {
                    if (length is > 0)
                    {
                        task.Value = Math.Min(1.0, position / (double)length.Value);
                    }
                });
                task.Value = 1;
            });
        return report!;
    }

    private static void Emit(Report report, ReportSettings settings, TextWriter stdout)
    {
        if (settings.Out is { } path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
                using var writer = new StreamWriter(stream, new UTF8Encoding(false));
                Write(report, settings, writer, stream, ansi: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out: cannot write '{path}': {e.Message}");
            }

            return;
        }

        Write(report, settings, stdout, null, ansi: !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out));
    }

    private static void Write(Report report, ReportSettings settings, TextWriter writer, Stream? stream, bool ansi)
    {
        switch (settings.Format)
        {
            case OutputFormat.Json:
                JsonReportWriter.Write(report, settings, new TextWriterStream(writer));

                break;
            case OutputFormat.Csv:
                TextReportWriter.WriteCsv(report, writer);
                break;
            case OutputFormat.Markdown:
                TextReportWriter.WriteMarkdown(report, writer);
                break;
            case OutputFormat.Html:
                HtmlReportWriter.Write(report, settings, writer);
                break;
            default:
                TextReportWriter.WriteTable(report, writer, ansi);
                break;
        }

        writer.Flush();
        _ = stream;
    }

    private static Command GenerateCommand(TextWriter stdout, TextWriter stderr)
    {
        var rows = new Option<long>("--rows") { Description = "Number of contacts to generate.", Required = true, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 1); the same seed and rows give the same file.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var days = new Option<int>("--days") { Description = "Spread opened_at over this many days from 2026-08-01 UTC (default 90; 30 gives agent x day 500 x 30 groups).", DefaultValueFactory = _ => SyntheticInteractions.DefaultDays, HelpName = "D" };
        var output = new Option<string>("--out") { Description = "File to write; its extension picks the format: .csv, .arrow (.feather, .ipc) or .parquet.", Required = true, HelpName = "FILE" };
        var command = new Command("generate", "Write realistic synthetic contacts (SyntheticInteractions: 5 channels, 500 agents in 20 teams, P1..P4, survey response rates and missing values of real exports) for demos and benchmarks.")
        {
            rows, seed, days, output,
        };
        command.SetAction(parse => Guard(stderr, () =>
        {
            var n = parse.GetValue(rows);
            if (n < 0)
            {
                throw new UsageException("--rows must be 0 or more");
            }

            var spread = parse.GetValue(days);
            if (spread is < 1 or > 36_500)
            {
                throw new UsageException("--days must be 1 to 36500");
            }

            var path = parse.GetValue(output)!;
            try
            {
                _ = InteractionReader.FormatFromPath(path);
            }
            catch (InteractionDataException e)
            {
                // The --out value itself is wrong (nothing was read): a usage error like any bad option value.
                throw new UsageException("--out: " + e.Message);
            }

            Generator.Write(path, n, parse.GetValue(seed), spread);
            stdout.Write(OptionParsing.Invariant($"wrote {n} contacts to {path}\n"));
            return Ok;
        }));
        return command;
    }

    internal static int Guard(TextWriter stderr, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InteractionDataException e)
        {
            stderr.Write(e.Message + "\n");
            return DataError;
        }
        catch (UsageException e)
        {
            stderr.Write("error: " + e.Message + "\n");
            return UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.Write("error: " + e.Message + "\n");
            return DataError;
        }
        catch (OutOfMemoryException)
        {
            stderr.Write("error: out of memory: the report needs more memory than the process was given\n");
            return Failure;
        }
        catch (Exception e)
        {
            // The readers turn every problem with the input into InteractionDataException; anything else is a defect of
            // the tool: say so in one line instead of an unhandled exception's stack trace.
            stderr.Write($"internal error ({e.GetType().Name}): {e.Message}\nThis is a defect of cxmetrics; please report it with the command and, if you can, the input.\n");
            return Failure;
        }
    }
}
