using System.Runtime.Versioning;
using Scaffolder.EndToEnd;
using Scaffolder.Testing;

[assembly: SupportedOSPlatform("linux")]

// Usage: dotnet run --project tests/Scaffolder.EndToEnd -- --tool PATH --fixtures DIR [--cache DIR] [--filter TEXT] [--benchmark-servers]
// tests/e2e/run.sh prepares the machine, builds the tool and calls this; tests/benchmarks/server.sh calls it with
// --benchmark-servers, which deploys the benchmark's scenarios and measures their web servers instead of probing them.
var options = Options.Parse(args);
var hosts = HostCatalog.Load(Path.Join(AppContext.BaseDirectory, "hosts.toml"));
var scenarios = (options.BenchmarkServers ? ServerBenchmarkPlan.Scenarios : Scenario.Matrix(hosts.Hosts))
    .Where(scenario => scenario.Name.Contains(options.Filter, StringComparison.Ordinal)).ToList();
var work = Directory.CreateTempSubdirectory("scaffolder-e2e-").FullName;
// The database servers run as their own users and must reach their folders below it.
File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
Console.WriteLine($"end-to-end: {scenarios.Count} scenarios; work folder {work}");

var record = new RunRecord();
using var interruption = new Interruption(record);
var commands = new Commands(record);
var chroots = new[] { "forky", "trixie", "forky-exp" }
    .ToDictionary(name => name, name => new Chroot(name, Path.Join(options.Cache, name), commands));
var benchmark = options.BenchmarkServers ? ServerBenchmarkPlan.Create(commands, record, work) : null;
var passed = 0;
var failed = 0;
var partial = new List<ScenarioResult>();
// An interrupt closes the record: whatever the run starts after it is refused, and the run ends here.
try
{
    using (var services = new Services(work, Path.Join(options.Cache, "node", "node_modules", ".bin"), commands, record))
    {
        var runner = new ScenarioRunner(options.Tool, options.Fixtures, hosts, chroots, services, commands, record, work, benchmark);
        foreach (var scenario in scenarios)
        {
            var result = runner.Run(scenario);
            if (result.Outcome == Outcome.Passed)
            {
                passed++;
                Console.WriteLine($"ok    {scenario.Name} ({result.Took.TotalSeconds:0.0} s){(result.Note is null ? "" : $": {result.Note}")}");
                continue;
            }
            if (result.Outcome == Outcome.Partial)
            {
                partial.Add(result);
                Console.WriteLine($"part  {scenario.Name} ({result.Took.TotalSeconds:0.0} s): {result.Note}");
                continue;
            }

            failed++;
            Console.WriteLine($"FAIL  {scenario.Name} ({result.Took.TotalSeconds:0.0} s) at step '{result.FailedStep}': {result.Failure}");
            foreach (var line in result.ServerLog)
                Console.WriteLine($"      | {line}");
        }
    }
}
catch (OperationCanceledException)
{
    Console.WriteLine("end-to-end: interrupted");
    return 130;
}

// Every process the run started must have been stopped by now; anything left is a leak, and fails the run.
var leftovers = new LeakCheck(record, chroots.Values, LinuxProcess.Read(Environment.ProcessId)!).Find();
if (leftovers.Count > 0)
{
    Console.WriteLine($"leak check FAILED: {leftovers.Count} processes started by the run still run:");
    foreach (var leftover in leftovers)
        Console.WriteLine($"LEAK  {leftover}");
    // Stopped now, so that the next run finds its ports free; only the groups the run can prove are its own.
    foreach (var group in record.Groups)
        ProcessGroup.Stop(group, TimeSpan.FromSeconds(5));
}
else
{
    Console.WriteLine("leak check: no process started by the run is left");
}

// The servers' data is large: keep the folder only when its logs may explain a failure.
if (failed == 0 && leftovers.Count == 0)
    Directory.Delete(work, recursive: true);
else
    Console.WriteLine($"logs and server data kept in {work}");

if (benchmark is not null)
    ServerBenchmarkPlan.Report(benchmark, Console.Out);

// A partly proven scenario is neither passed nor failed: it is counted on a line of its own.
if (partial.Count > 0)
    Console.WriteLine($"{partial.Count} partial (not counted as passed): {string.Join(", ", partial.Select(result => result.Scenario.Name))}");
Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 && leftovers.Count == 0 ? 0 : 1;

internal sealed record Options(string Tool, string Fixtures, string Cache, string Filter, bool BenchmarkServers)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        var tool = Value("--tool") ?? throw new ArgumentException("--tool PATH (the built scaffolder) is required");
        var fixtures = Value("--fixtures") ?? throw new ArgumentException("--fixtures DIR (tests/Scaffolder.Tests/Fixtures) is required");
        return new Options(
            Path.GetFullPath(tool),
            Path.GetFullPath(fixtures),
            Value("--cache") ?? Environment.GetEnvironmentVariable("SCAFFOLDER_E2E_CACHE") ?? "/var/cache/scaffolder-e2e",
            Value("--filter") ?? "",
            args.Contains("--benchmark-servers"));
    }
}
