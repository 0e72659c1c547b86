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

    /// <summary>Both paths answer 200, uncached, to every probe host.</summary>
    public static void CheckHealthy(int port)
    {
        foreach (var host in ProbeHosts)
        {
            Expect(port, host, LivePath, HttpStatusCode.OK);
            Expect(port, host, ReadyPath, HttpStatusCode.OK);
        }
    }

    /// <summary>With the database out of reach, the process is still alive but not ready.</summary>
    public static void CheckDatabaseUnreachable(int port)
    {
        foreach (var host in ProbeHosts)
        {
            Expect(port, host, LivePath, HttpStatusCode.OK);
            Expect(port, host, ReadyPath, HttpStatusCode.ServiceUnavailable);
        }
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
