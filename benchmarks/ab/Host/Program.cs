// In-process A/B of CxMetrics builds: each build (a folder holding its CxMetrics.dll and dependencies) is loaded into an
// AssemblyLoadContext of its own with the driver, and the rounds alternate between the builds, so every build sees the
// same machine noise. Usage: AbHost <driver.dll> <agent|channel> <rows> <rounds> <build folder>...
// On Linux it also prints each build's minor page faults per call (first touches of pages: about 15 µs each on the VM
// this project is measured on; docs/grouping-performance-log.md, "Eleventh session"). The GC is shared by the builds in one process, so
// compare allocation strategies out of process (BenchmarkDotNet) as well.
using System.Runtime.Loader;

if (args.Length < 5)
{
    Console.Error.WriteLine("usage: AbHost <driver.dll> <agent|channel> <rows> <rounds> <build folder>...");
    return 2;
}

var driver = Path.GetFullPath(args[0]);
var grouping = args[1];
var rows = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var rounds = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var builds = args[4..].Select(Path.GetFullPath).ToArray();
var calls = new List<(Func<double> Single, Func<double> Parallel)>();
foreach (var build in builds)
{
    var context = new AssemblyLoadContext(build);
    context.Resolving += (c, name) =>
    {
        // The build's own assemblies first, then CxMetrics' dependencies next to the driver.
        var path = Path.Combine(build, name.Name + ".dll");
        path = File.Exists(path) ? path : Path.Combine(Path.GetDirectoryName(driver)!, name.Name + ".dll");
        return File.Exists(path) ? c.LoadFromAssemblyPath(path) : null;
    };
    context.LoadFromAssemblyPath(Path.Combine(build, "CxMetrics.dll"));
    var type = context.LoadFromAssemblyPath(driver).GetType("CxMetrics.Ab.AbDriver", throwOnError: true)!;
    type.GetMethod("Setup")!.Invoke(null, [grouping, rows]);
    calls.Add((type.GetMethod("Single")!.CreateDelegate<Func<double>>(), type.GetMethod("Parallel")!.CreateDelegate<Func<double>>()));
}

for (var w = 0; w < 15; w++)
{
    foreach (var (single, parallel) in calls)
    {
        single();
        parallel();
    }
}

// CXAB_TRACE=1 prints every call (time, minor page faults, collections so far): runs of calls that each take the
// fresh pages of their result's allocation show up as runs of a few hundred faults.
var trace = Environment.GetEnvironmentVariable("CXAB_TRACE") == "1";
var singles = builds.Select(_ => new List<double>()).ToArray();
var parallels = builds.Select(_ => new List<double>()).ToArray();
var singleFaults = builds.Select(_ => new List<double>()).ToArray();
var parallelFaults = builds.Select(_ => new List<double>()).ToArray();
for (var round = 0; round < rounds; round++)
{
    for (var k = 0; k < calls.Count; k++)
    {
        var b = (k + round) % calls.Count; // rotate which build goes first
        var faults = MinorFaults();
        singles[b].Add(calls[b].Single());
        singleFaults[b].Add(MinorFaults() - faults);
        faults = MinorFaults();
        parallels[b].Add(calls[b].Parallel());
        parallelFaults[b].Add(MinorFaults() - faults);
        if (trace)
        {
            Console.WriteLine($"round {round,4} {Path.GetFileName(builds[b]),-24} one thread {singles[b][^1],7:F2} ms {singleFaults[b][^1],5} faults | Compute {parallels[b][^1],7:F2} ms {parallelFaults[b][^1],5} faults | gen0/1/2 so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
    }
}

Console.WriteLine($"{rows:N0} rows by {grouping} x {Environment.GetEnvironmentVariable("CXAB_PERIOD") ?? "day"} ({Environment.GetEnvironmentVariable("CXAB_DAYS") ?? "90"} days), {rounds} alternating rounds; ms as min / q25 / median / mean / p90 / max");
for (var b = 0; b < builds.Length; b++)
{
    Console.WriteLine($"{Path.GetFileName(builds[b]),-24} one thread {Stats(singles[b])} | GroupedMetrics.Compute {Stats(parallels[b])}");
}

if (OperatingSystem.IsLinux())
{
    Console.WriteLine("minor page faults per call, same statistics:");
    for (var b = 0; b < builds.Length; b++)
    {
        Console.WriteLine($"{Path.GetFileName(builds[b]),-24} one thread {Stats(singleFaults[b])} | GroupedMetrics.Compute {Stats(parallelFaults[b])}");
    }
}

return 0;

// The process's minor faults so far (field 10 of /proc/self/stat), or 0 where there is no such file.
static double MinorFaults()
{
    if (!OperatingSystem.IsLinux())
    {
        return 0;
    }

    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return double.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
}

static string Stats(List<double> values)
{
    values.Sort();
    return FormattableString.Invariant($"{values[0],6:F2} / {values[(values.Count - 1) / 4],6:F2} / {values[(values.Count - 1) / 2],6:F2} / {values.Average(),6:F2} / {values[(values.Count - 1) * 9 / 10],6:F2} / {values[^1],6:F2}");
}
