using System.Net;

namespace Scaffolder.EndToEnd;

/// <summary>
/// The health endpoints as a platform's probe reaches them: over plain HTTP, without X-Forwarded-Proto, under a host
/// name of the probe's own (an address or <c>localhost</c>), which the site's ALLOWED_HOSTS does not list.
/// </summary>
public static class HealthProbe
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";

    /// <summary>The host names probes send: Kubernetes-style probes an address, Docker's healthcheck localhost.</summary>
    private static readonly string[] ProbeHosts = ["10.0.0.7:8000", "localhost"];

    /// <summary>Both paths answer 200, uncached, to every probe host; so do the platform's own probes, as it sends them.</summary>
    public static void CheckHealthy(int port, PlatformProbes platform)
    {
        foreach (var host in ProbeHosts)
        {
            Expect(port, host, LivePath, HttpStatusCode.OK);
            Expect(port, host, ReadyPath, HttpStatusCode.OK);
        }
        foreach (var (path, host) in platform.Requests)
            Expect(port, host, path, HttpStatusCode.OK);
    }

    /// <summary>With the database out of reach, the process is still alive but not ready, to the platform's probes too.</summary>
    public static void CheckDatabaseUnreachable(int port, PlatformProbes platform)
    {
        foreach (var host in ProbeHosts)
        {
            Expect(port, host, LivePath, HttpStatusCode.OK);
            Expect(port, host, ReadyPath, HttpStatusCode.ServiceUnavailable);
        }
        foreach (var host in platform.Hosts)
        {
            if (platform.Live is { } live)
                Expect(port, host, live, HttpStatusCode.OK);
            if (platform.Ready is { } ready)
                Expect(port, host, ready, HttpStatusCode.ServiceUnavailable);
        }
    }

    /// <summary>
    /// The paths the host's manifest tells the platform to probe (read from the rendered manifest, see <c>hosts.toml</c>),
    /// and the Host header its probe sends (the suite's probe hosts where the platform documents none).
    /// </summary>
    public sealed record PlatformProbes(string? Ready, string? Live, string? ProbeHost)
    {
        public IReadOnlyList<string> Hosts => ProbeHost is { } host ? [host] : ProbeHosts;

        public IEnumerable<(string Path, string Host)> Requests =>
            from path in new[] { Ready, Live }.OfType<string>()
            from host in Hosts
            select (path, host);
    }

    /// <summary>A URL for the scenario's database that nothing answers: a closed loopback port, or a file in a folder that does not exist.</summary>
    public static string UnreachableDatabaseUrl(string database, int closedPort) => database switch
    {
        "postgres" => $"postgres://e2e:e2e@127.0.0.1:{closedPort}/e2e",
        "mysql" => $"mysql://e2e:e2e@127.0.0.1:{closedPort}/e2e",
        "sqlite" => "sqlite:////nonexistent-e2e-folder/db.sqlite3",
        _ => throw new StepFailed($"no unreachable URL known for {database}"),
    };

    private static void Expect(int port, string host, string path, HttpStatusCode expected)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(15) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        request.Headers.Host = host;
        using var response = http.Send(request);
        var cacheControl = response.Headers.CacheControl?.ToString();
        if (response.StatusCode != expected)
            throw new StepFailed($"GET {path} with Host {host} and no X-Forwarded-Proto answered {(int)response.StatusCode}, not {(int)expected}");
        if (cacheControl != "no-store")
            throw new StepFailed($"GET {path} answered with Cache-Control '{cacheControl}', not 'no-store'");
    }
}
