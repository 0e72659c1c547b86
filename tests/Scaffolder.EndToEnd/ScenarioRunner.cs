using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Scaffolder.EndToEnd;

public sealed record ScenarioResult(Scenario Scenario, bool Passed, TimeSpan Took, string? FailedStep, string? Failure, IReadOnlyList<string> ServerLog, string? Note);

/// <summary>
/// Does with a rendered overlay what a host does: runs the release step, creates the superuser, collects static
/// files, starts the web process as the Procfile and as the Dockerfile's CMD say, and visits the site.
/// </summary>
public sealed class ScenarioRunner(string tool, string fixtures, IReadOnlyDictionary<string, Chroot> chroots, Services services, string work)
{
    private string _step = "";
    private ServerProcess? _server;

    public ScenarioResult Run(Scenario scenario)
    {
        var clock = Stopwatch.StartNew();
        var chroot = chroots[scenario.Chroot];
        var folder = $"/srv/e2e/{scenario.Name}";
        var databaseName = "e2e_" + scenario.Name.Replace('-', '_');
        var bucket = "e2e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        string? note = null;
        try
        {
            Step("startproject", () =>
            {
                if (Directory.Exists(chroot.HostPath(folder)))
                    Directory.Delete(chroot.HostPath(folder), recursive: true);
                if (scenario.Fixture is null)
                {
                    Directory.CreateDirectory(chroot.HostPath(folder));
                    chroot.Check(folder, "django-admin startproject myproject .");
                }
                else
                {
                    CopyFolder(Path.Join(fixtures, scenario.Fixture), chroot.HostPath(folder));
                }
            });

            Step("apply", () =>
            {
                var applied = Commands.Run(tool, ["apply", chroot.HostPath(folder), .. scenario.ApplyFlags]);
                if (applied.ExitCode != 0)
                    throw new StepFailed($"scaffolder apply exited {applied.ExitCode}:\n{applied.Tail()}");
            });

            if (scenario.SwitchTo is { } host)
            {
                Step($"apply again for {host}", () =>
                {
                    var switched = Commands.Run(tool, ["apply", chroot.HostPath(folder), "--host", host, "--force"]);
                    if (switched.ExitCode != 0)
                        throw new StepFailed($"scaffolder apply --host {host} exited {switched.ExitCode}:\n{switched.Tail()}");
                    var (old, now) = (Scenario.ManifestOf(scenario.Host), Scenario.ManifestOf(host));
                    if (File.Exists(chroot.HostPath($"{folder}/{old}")) || !File.Exists(chroot.HostPath($"{folder}/{now}")))
                        throw new StepFailed($"after the switch the project should have {now} and no longer {old}");
                });
            }

            var dockerfile = DockerfileFacts.Parse(File.ReadAllText(chroot.HostPath($"{folder}/Dockerfile")));
            var procfile = Procfile.Parse(File.ReadAllText(chroot.HostPath($"{folder}/Procfile")));
            var settings = dockerfile.Environment.GetValueOrDefault("DJANGO_SETTINGS_MODULE")
                ?? throw new StepFailed("the Dockerfile sets no DJANGO_SETTINGS_MODULE");

            var databaseUrl = Step("database", () => scenario.Database == "sqlite"
                ? $"sqlite:///{folder}/db.sqlite3"
                : services.CreateDatabase(scenario.Database, databaseName));
            var storage = Step("object store", () => ObjectStores.Create(chroot, scenario.Storage, bucket));

            // The local .env leaves the object store's variables for the user to fill in, as they would.
            Step("local check", () => chroot.Check(folder, "python3 manage.py check",
                new Dictionary<string, string>(storage) { ["DJANGO_SETTINGS_MODULE"] = settings, ["DATABASE_URL"] = databaseUrl }));
            if (scenario.Host == "docker")
                Step("compose env_file", () => Deployment.CheckComposeEnvironment(chroot, folder, dockerfile, storage));

            // From here on, the platform: no .env (it never reaches the image), everything from the environment.
            File.Move(chroot.HostPath($"{folder}/.env"), chroot.HostPath($"{folder}/.env.not-deployed"));
            using var mail = new SmtpSink();
            var platform = new Dictionary<string, string>(storage)
            {
                ["DJANGO_SETTINGS_MODULE"] = settings,
                ["DJANGO_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                // Written as people write lists: with a space after the comma.
                ["DJANGO_ALLOWED_HOSTS"] = "localhost, 127.0.0.1",
                ["DATABASE_URL"] = databaseUrl,
                ["EMAIL_URL"] = $"smtp://127.0.0.1:{mail.Port}",
                ["DJANGO_CSP_REPORT_ONLY"] = SafetyProbe.CspReportOnly,
            };
            foreach (var (key, value) in Deployment.DatabaseTlsOverride(scenario))
                platform[key] = value;

            Step("check --deploy", () =>
            {
                var checkedOut = chroot.Check(folder, "python3 manage.py check --deploy --fail-level WARNING", platform);
                if (!checkedOut.Output.Contains("no issues"))
                    throw new StepFailed($"check --deploy reported:\n{checkedOut.Tail()}");
            });
            Step("email", () =>
            {
                chroot.Check(folder, "python3 manage.py sendtestemail admin@example.com", platform);
                if (!mail.Messages.Any(message => message.Contains("admin@example.com")))
                    throw new StepFailed($"sendtestemail went through, but the SMTP server at EMAIL_URL received no mail for admin@example.com");
            });
            if (scenario.Storage == "gcs")
            {
                note = "no GCS emulator exists here: stopped after check --deploy";
                return new ScenarioResult(scenario, true, clock.Elapsed, null, null, [], note);
            }

            Step("release (Procfile)", () => chroot.Check(folder, procfile["release"], platform, TimeSpan.FromMinutes(3)));
            Step("database TLS", () => Deployment.CheckDatabaseTls(chroot, folder, scenario, platform));
            Step("createsuperuser", () => chroot.Check(folder, "python3 manage.py createsuperuser --noinput",
                new Dictionary<string, string>(platform)
                {
                    ["DJANGO_SUPERUSER_USERNAME"] = "admin",
                    ["DJANGO_SUPERUSER_EMAIL"] = "admin@example.com",
                    ["DJANGO_SUPERUSER_PASSWORD"] = SiteProbe.Password,
                }));
            Step("collectstatic", () => chroot.Check(folder, "python3 manage.py collectstatic --noinput", platform, TimeSpan.FromMinutes(3)));

            if (scenario.Storage is "s3" or "azure")
            {
                Step("uploads private, static files public", () =>
                {
                    var (media, statics) = UploadProbe.Urls(chroot, folder, platform);
                    UploadProbe.CheckPrivateUploadsAndPublicStatics(scenario.Storage, media, statics);
                });
            }
            if (scenario.Storage == "s3")
            {
                Step("AWS_S3_CUSTOM_DOMAIN for static files only", () =>
                {
                    const string domain = "cdn.e2e.invalid";
                    var (media, statics) = UploadProbe.Urls(chroot, folder, new Dictionary<string, string>(platform) { ["AWS_S3_CUSTOM_DOMAIN"] = domain });
                    UploadProbe.CheckCustomDomainServesStaticsOnly(media, statics, platform["AWS_S3_ENDPOINT_URL"], domain);
                });
            }

            var staticOrigin = ObjectStores.PublicOrigin(scenario.Storage, bucket);
            var cspExpected = scenario.Chroot == "forky-exp";
            Step("web (Procfile)", () => Serve(chroot, folder, procfile["web"], platform, staticOrigin, cspExpected));

            // A container runtime: the image's ENV, overridden by what the platform sets, and the CMD as parsed.
            var container = new Dictionary<string, string>(dockerfile.Environment.Where(pair => pair.Key != "PATH"));
            foreach (var (key, value) in platform)
                container[key] = value;
            Step("web (Dockerfile CMD)", () => Serve(chroot, folder, Shell.Join(dockerfile.Command), container, staticOrigin, cspExpected));
            if (scenario.Host == "docker")
            {
                // Reached without a platform router, Django does not read X-Forwarded-Proto: the server decides, and
                // trusts it from FORWARDED_ALLOW_IPS only (above, its default: the probe's own loopback address).
                Step("forged X-Forwarded-Proto", () => ServeForged(chroot, folder, Shell.Join(dockerfile.Command),
                    new Dictionary<string, string>(container) { ["FORWARDED_ALLOW_IPS"] = "192.0.2.10" }));
            }

            return new ScenarioResult(scenario, true, clock.Elapsed, null, null, [], note);
        }
        catch (Exception e) when (e is StepFailed or IOException or InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            var log = _server?.LogTail().ToList() ?? [];
            return new ScenarioResult(scenario, false, clock.Elapsed, _step, e.Message, log, note);
        }
        finally
        {
            _server?.Dispose();
            _server = null;
            TearDown(chroot, scenario, databaseName, bucket);
        }
    }

    private void Serve(Chroot chroot, string folder, string command, Dictionary<string, string> environment, string? staticOrigin,
        bool cspExpected)
    {
        var port = FreePort();
        var withPort = new Dictionary<string, string>(environment) { ["PORT"] = port.ToString() };
        _server = chroot.Start(_step, folder, command, withPort, Path.Join(work, $"{Path.GetFileName(folder)}-{port}.log"));
        _server.WaitForPort(port, TimeSpan.FromSeconds(60));
        using (var probe = new SiteProbe(port, staticOrigin))
            probe.CheckAll();
        SafetyProbe.CheckBodyLimit(port);
        SafetyProbe.CheckDisallowedHostLogsOneLine(port, _server.LogFile);
        if (cspExpected)
            SafetyProbe.CheckReportOnlyPolicy(port);
        _server.Dispose();
        _server = null;
    }

    private void ServeForged(Chroot chroot, string folder, string command, Dictionary<string, string> environment)
    {
        var port = FreePort();
        var withPort = new Dictionary<string, string>(environment) { ["PORT"] = port.ToString() };
        _server = chroot.Start(_step, folder, command, withPort, Path.Join(work, $"{Path.GetFileName(folder)}-{port}.log"));
        _server.WaitForPort(port, TimeSpan.FromSeconds(60));
        SafetyProbe.CheckForgedProxyHeaderIsIgnored(port);
        _server.Dispose();
        _server = null;
    }

    private void TearDown(Chroot chroot, Scenario scenario, string databaseName, string bucket)
    {
        // Best effort: the suite's own servers, and their data, go away at the end anyway.
        try
        {
            services.DropDatabase(scenario.Database, databaseName);
            ObjectStores.Delete(chroot, scenario.Storage, bucket);
        }
        catch (StepFailed)
        {
        }
    }

    private void Step(string name, Action action)
    {
        _step = name;
        action();
    }

    private T Step<T>(string name, Func<T> action)
    {
        _step = name;
        return action();
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Join(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
