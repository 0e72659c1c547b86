namespace Scaffolder.EndToEnd;

/// <summary>
/// What tests/benchmarks/server.sh measures: the default overlay (Docker, PostgreSQL, WhiteNoise) with each web
/// server, served by the image's own CMD without WEB_CONCURRENCY, against runserver on the same deployment.
/// </summary>
public static class ServerBenchmarkPlan
{
    public static IReadOnlyList<Scenario> Scenarios { get; } =
    [
        new("forky", "docker", "postgres", "whitenoise"),
        new("forky", "docker", "postgres", "whitenoise", Server: "uvicorn"),
    ];

    public static ServerBenchmark Create(Commands commands, RunRecord record, string work) =>
        new(commands, record, work, duration: TimeSpan.FromSeconds(10), rounds: 3, connections: 32);

    /// <summary>The median of each server on each page, and the generated server's ratio to each runserver.</summary>
    public static void Report(ServerBenchmark benchmark, TextWriter output)
    {
        output.WriteLine($"server benchmark ({benchmark.Settings}; {Environment.ProcessorCount} CPUs; medians, requests per second):");
        foreach (var scenario in benchmark.Results.GroupBy(result => result.Scenario))
        {
            foreach (var page in scenario.GroupBy(result => result.Page))
            {
                var generated = page.Single(result => result.Server == "generated server");
                var others = page.Where(result => !ReferenceEquals(result, generated)).ToList();
                output.WriteLine($"  {scenario.Key}, {page.Key}: generated server {generated.Median:0}"
                    + string.Concat(others.Select(other => $"; {other.Server} {other.Median:0} ({generated.Median / other.Median:0.0}x)")));
            }
        }
    }
}
