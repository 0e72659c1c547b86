using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Scaffolder.EndToEnd;

/// <summary>A server to measure: its command, the Host it is visited under, and what it needs in its environment besides the deployment's.</summary>
public sealed record BenchmarkedServer(string Name, string Command, string Host, IReadOnlyDictionary<string, string> Environment);

/// <summary>What one server served of one page: the requests per second of each measured wrk run.</summary>
public sealed record Throughput(string Scenario, string Page, string Server, IReadOnlyList<double> RequestsPerSecond)
{
    public double Median
    {
        get
        {
            var sorted = RequestsPerSecond.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}

/// <summary>
/// Measures a deployed overlay's web server against <c>manage.py runserver</c> on the same deployment: the same
/// folder, user and environment, one server at a time, each page with wrk over loopback for a fixed time, in
/// rounds that alternate the servers so that a busy moment of the machine does not fall on one server only.
/// Plain HTTP for all (DJANGO_SECURE_SSL_REDIRECT=False): runserver cannot take the scheme from a proxy header.
/// </summary>
public sealed partial class ServerBenchmark(Commands commands, RunRecord record, string work, TimeSpan duration, int rounds, int connections)
{
    public const string DynamicPage = "admin login page";
    public const string StaticFile = "admin stylesheet";

    private readonly List<Throughput> _results = [];

    public IReadOnlyList<Throughput> Results => _results;

    public string Settings => $"wrk -t2 -c{connections} -d{duration.TotalSeconds:0}s, {rounds} rounds";

    public void Measure(string scenario, Chroot chroot, Deployment deployment, string webCommand, string domain)
    {
        // The same settings and environment for all: only the server differs. runserver as it starts by default
        // (its autoreloader polls the project's files) and without the autoreloader, its fastest.
        BenchmarkedServer[] servers =
        [
            new("generated server", webCommand, domain, new Dictionary<string, string>()),
            new("runserver", "python manage.py runserver 127.0.0.1:$PORT", domain, new Dictionary<string, string>()),
            new("runserver --noreload", "python manage.py runserver --noreload 127.0.0.1:$PORT", domain, new Dictionary<string, string>()),
        ];
        var samples = servers.ToDictionary(server => server.Name, _ => new Dictionary<string, List<double>> { [DynamicPage] = [], [StaticFile] = [] });
        for (var round = 0; round < rounds; round++)
        {
            foreach (var server in servers)
            {
                foreach (var (page, requestsPerSecond) in MeasureOnce(scenario, round, chroot, deployment, server))
                    samples[server.Name][page].Add(requestsPerSecond);
            }
        }
        foreach (var (server, pages) in samples)
            foreach (var (page, values) in pages)
                _results.Add(new Throughput(scenario, page, server, values));
    }

    private List<(string Page, double RequestsPerSecond)> MeasureOnce(string scenario, int round, Chroot chroot, Deployment deployment, BenchmarkedServer benchmarked)
    {
        var port = FreePort();
        record.PortHandedOut(port);
        var environment = new Dictionary<string, string>(deployment.Environment)
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["DJANGO_SECURE_SSL_REDIRECT"] = "False",
        };
        foreach (var (key, value) in benchmarked.Environment)
            environment[key] = value;
        // The server writes its output (a line per request, from either server) to a file itself, as a platform's log
        // collector takes it off the machine: relayed through this process, the lines would cost the 2 CPUs the servers
        // are measured on, and the faster server, which logs more lines, the most. The file joins the run's logs after.
        var log = $"benchmark-{scenario}-{benchmarked.Name.Replace(' ', '-').Replace(",", "")}-round{round + 1}-{port}.log";
        try
        {
            using var server = chroot.Start(benchmarked.Name, deployment.Folder, $"{benchmarked.Command} >>/tmp/{log} 2>&1", environment,
                Path.Join(work, log), deployment.User);
            server.WaitForPort(port, TimeSpan.FromSeconds(60));

            // Both pages answer 200 before anything is timed (which also lets every worker finish starting).
            var host = benchmarked.Host;
            var stylesheet = StylesheetOf(Fetch(port, host, "/admin/login/", "text/html"));
            Fetch(port, host, stylesheet, "text/css");
            Wrk(port, host, "/admin/login/", TimeSpan.FromSeconds(3));

            var results = new List<(string Page, double RequestsPerSecond)>
            {
                (DynamicPage, Wrk(port, host, "/admin/login/", duration)),
                (StaticFile, Wrk(port, host, stylesheet, duration)),
            };
            Console.WriteLine($"      {benchmarked.Name}: {string.Join(", ", results.Select(result => $"{result.Page} {result.RequestsPerSecond:0} req/s"))}");
            return results;
        }
        finally
        {
            var written = chroot.HostPath($"/tmp/{log}");
            if (File.Exists(written))
                File.AppendAllText(Path.Join(work, log), File.ReadAllText(written));
            File.Delete(written);
        }
    }

    /// <returns>The requests per second wrk measured; every answer must have been a success.</returns>
    private double Wrk(int port, string domain, string path, TimeSpan time)
    {
        var run = commands.Run("wrk",
            ["-t2", $"-c{connections}", $"-d{time.TotalSeconds:0}s", "--timeout", "10s", "-H", $"Host: {domain}", $"http://127.0.0.1:{port}{path}"],
            time + TimeSpan.FromSeconds(30));
        if (run.ExitCode != 0)
            throw new StepFailed($"wrk exited {run.ExitCode}:\n{run.Tail()}");
        if (run.Output.Contains("Non-2xx or 3xx responses", StringComparison.Ordinal))
            throw new StepFailed($"{path} did not always answer with success under load:\n{run.Tail()}");
        var rate = RequestsPerSecond().Match(run.Output);
        return rate.Success
            ? double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture)
            : throw new StepFailed($"wrk printed no Requests/sec:\n{run.Tail()}");
    }

    private static string Fetch(int port, string domain, string path, string contentType)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        request.Headers.Host = domain;
        using var response = http.Send(request);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != contentType)
            throw new StepFailed($"GET {path} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}, not 200 {contentType}");
        return body;
    }

    private static string StylesheetOf(string loginPage)
    {
        var link = Stylesheet().Match(loginPage);
        return link.Success ? WebUtility.HtmlDecode(link.Groups["href"].Value) : throw new StepFailed("the login page links no admin stylesheet");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+(?<rate>[0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex("""href="(?<href>/static/admin/css/base[^"]*\.css)""")]
    private static partial Regex Stylesheet();
}
