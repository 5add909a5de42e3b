namespace CxMetrics.Cli.Tests;

internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string TempFile(string name, string? content = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "cxmetrics-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        return path;
    }

    public static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "CxMetrics.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("CxMetrics.sln not found above " + AppContext.BaseDirectory);
    }
}
