using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Scaffolder.EndToEnd;

public enum Outcome { Passed, Failed, Partial }

public sealed record ScenarioResult(Scenario Scenario, Outcome Outcome, TimeSpan Took, string? FailedStep, string? Failure, IReadOnlyList<string> ServerLog, string? Note);

/// <summary>Where and how a deployed app's commands run: its folder, its user (null for root) and its environment.</summary>
public sealed record Deployment(string Folder, string? User, IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// Does with a rendered overlay what its host does, with the commands of the host's own files (see <c>hosts.toml</c>):
/// builds it, proves the settings the platform loads, runs the release step, starts the web process and visits the
/// site under the platform's domain.
/// </summary>
public sealed class ScenarioRunner(string tool, string fixtures, HostCatalog hosts, IReadOnlyDictionary<string, Chroot> chroots,
    Services services, Commands commands, RunRecord record, string work, ServerBenchmark? benchmark = null)
{
    private const string NoGcsEmulator = "no GCS emulator exists here: built and checked (check --deploy, settings, mail); release and web not run";

    private string _step = "";
    private ServerProcess? _server;

    public ScenarioResult Run(Scenario scenario)
    {
        var clock = Stopwatch.StartNew();
        var chroot = chroots[scenario.Chroot];
        var folder = $"/srv/e2e/{scenario.Name}";
        var databaseName = "e2e_" + scenario.Name.Replace('-', '_');
        var bucket = "e2e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
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
                var applied = commands.Run(tool, ["apply", chroot.HostPath(folder), .. scenario.ApplyFlags]);
                if (applied.ExitCode != 0 && !scenario.Relock)
                    throw new StepFailed($"scaffolder apply exited {applied.ExitCode}:\n{applied.Tail()}");
                if (scenario.Relock)
                    Relock(chroot, folder, applied);
            });

            if (scenario.SwitchTo is { } host)
            {
                Step($"apply again for {host}", () =>
                {
                    var switched = commands.Run(tool, ["apply", chroot.HostPath(folder), "--host", host, "--force"]);
                    if (switched.ExitCode != 0)
                        throw new StepFailed($"scaffolder apply --host {host} exited {switched.ExitCode}:\n{switched.Tail()}");
                    var (old, now) = (hosts.Named(scenario.Host).Manifest, hosts.Named(host).Manifest);
                    if (File.Exists(chroot.HostPath($"{folder}/{old}")) || !File.Exists(chroot.HostPath($"{folder}/{now}")))
                        throw new StepFailed($"after the switch the project should have {now} and no longer {old}");
                });
            }

            var files = Step("read the host's files", () => RenderedProject.Read(hosts.For(chroot.HostPath(folder)), chroot.HostPath(folder)));
            var plan = files.Host;
            var domain = plan.Domain.Replace("{app}", files.AppName);

            var databaseUrl = Step("database", () => scenario.Database == "sqlite" ? null : services.CreateDatabase(scenario.Database, databaseName));
            var storage = Step("object store", () => ObjectStores.Create(chroot, scenario.Storage, bucket));
            using var mail = new SmtpSink();
            record.PortHandedOut(mail.Port);

            // The app's environment on the platform: the values its manifest declares, what a deployment supplies
            // itself (the secret, the database, mail, the object store), and what the platform sets.
            var platform = new Dictionary<string, string>(files.DeclaredVariables());
            platform["DJANGO_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            if (databaseUrl is not null)
                platform["DATABASE_URL"] = databaseUrl;
            platform["EMAIL_URL"] = $"smtp://127.0.0.1:{mail.Port}";
            foreach (var (key, value) in storage)
                platform[key] = value;
            foreach (var (key, value) in plan.PlatformVariables)
                platform[key] = value.Replace("{app}", files.AppName).Replace("{domain}", domain);
            platform["DJANGO_CSP_REPORT_ONLY"] = SafetyProbe.CspReportOnly;
            foreach (var (key, value) in DatabaseChecks.DatabaseTlsOverride(scenario))
                platform[key] = value;

            var settingsModule = platform.GetValueOrDefault("DJANGO_SETTINGS_MODULE")
                ?? (plan.BuildImage ? files.Image.Environment(Chroot.BaseEnvironment).GetValueOrDefault("DJANGO_SETTINGS_MODULE") : null)
                ?? throw new StepFailed($"neither {plan.Manifest} nor the image names DJANGO_SETTINGS_MODULE");
            // The local .env leaves the object store's variables for the user to fill in, as they would.
            Step("local check", () => chroot.Check(folder, "python3 manage.py check", new Dictionary<string, string>(storage)
            {
                ["DJANGO_SETTINGS_MODULE"] = settingsModule,
                ["DATABASE_URL"] = databaseUrl ?? $"sqlite:///{folder}/db.sqlite3",
            }));
            // The .env as shipped is all a local run has: with SQLite it must be enough to migrate.
            if (scenario.Database == "sqlite")
            {
                var local = new Dictionary<string, string> { ["DJANGO_SETTINGS_MODULE"] = settingsModule };
                Step("migrate with the .env alone", () => chroot.Check(folder, "python3 manage.py migrate --noinput", local));
                // An .env of an earlier Scaffolder holds "DATABASE_URL=", which a re-apply keeps (the user's lines win).
                Step("migrate with an earlier .env", () =>
                {
                    var env = chroot.HostPath($"{folder}/.env");
                    var shipped = File.ReadAllText(env);
                    File.WriteAllText(env, shipped + "DATABASE_URL=\n");
                    try
                    {
                        chroot.Check(folder, "python3 manage.py migrate --noinput", local);
                    }
                    finally
                    {
                        File.WriteAllText(env, shipped);
                    }
                });
            }
            if (plan.EnvFile)
                Step("compose env_file", () => DatabaseChecks.CheckComposeEnvironment(chroot, folder, files.Image.Environment(Chroot.BaseEnvironment), storage));

            var deployment = plan.BuildImage
                ? Step("build (image)", () => BuildImage(chroot, folder, files, platform))
                : Step("build", () => BuildFromRepository(chroot, folder, files, platform));

            // A fresh disk where the manifest mounts one: an empty folder, root's and closed to other users' writes, as a
            // platform's new volume is (the app's user must be given it).
            var volume = plan.Volume is { } volumeSource && files.Manifest.Find(volumeSource["manifest:".Length..]) is string mount
                && mount.StartsWith('/') && mount.Trim('/').Length > 0 ? mount : null;
            if (volume is not null)
            {
                Step("volume", () =>
                {
                    if (Directory.Exists(chroot.HostPath(volume)))
                        Directory.Delete(chroot.HostPath(volume), recursive: true);
                    chroot.Check("/", $"mkdir -p {Shell.Quote(volume)} && chown root:root {Shell.Quote(volume)} && chmod 755 {Shell.Quote(volume)}");
                });
            }

            Step("check --deploy", () =>
            {
                var checkedOut = Check(chroot, deployment, "python3 manage.py check --deploy --fail-level WARNING");
                if (!checkedOut.Output.Contains("no issues"))
                    throw new StepFailed($"check --deploy reported:\n{checkedOut.Tail()}");
            });
            Step("settings", () => DeployedSettings.Load(chroot, deployment.Folder, deployment.Environment, deployment.User).Expect(scenario.Storage, domain));
            Step("email", () =>
            {
                Check(chroot, deployment, "python3 manage.py sendtestemail admin@example.com");
                if (!mail.Messages.Any(message => message.Contains("admin@example.com")))
                    throw new StepFailed($"sendtestemail went through, but the SMTP server at EMAIL_URL received no mail for admin@example.com");
            });
            if (scenario.Storage == "gcs")
                return new ScenarioResult(scenario, Outcome.Partial, clock.Elapsed, null, null, [], NoGcsEmulator);

            // "none": the manifest has no release step; its web command migrates before the server starts.
            var migratesAtStart = files.Command(plan.Release) == "none";
            void CreateSuperuser() => Step("createsuperuser", () => Check(chroot, deployment with
            {
                Environment = new Dictionary<string, string>(deployment.Environment)
                {
                    ["DJANGO_SUPERUSER_USERNAME"] = "admin",
                    ["DJANGO_SUPERUSER_EMAIL"] = "admin@example.com",
                    ["DJANGO_SUPERUSER_PASSWORD"] = SiteProbe.Password,
                },
            }, "python3 manage.py createsuperuser --noinput"));
            if (!migratesAtStart)
            {
                Step($"release ({plan.Release})", () => Check(chroot, deployment, files.Command(plan.Release), TimeSpan.FromMinutes(3)));
                Step("database TLS", () => DatabaseChecks.CheckDatabaseTls(chroot, deployment.Folder, scenario, deployment.Environment));
                CreateSuperuser();
            }

            if (scenario.Storage is "s3" or "azure")
            {
                Step("uploads private, static files public", () =>
                {
                    var (media, statics) = UploadProbe.Urls(chroot, deployment.Folder, deployment.Environment);
                    UploadProbe.CheckPrivateUploadsAndPublicStatics(scenario.Storage, media, statics);
                });
            }
            if (scenario.Storage == "s3")
            {
                Step("AWS_S3_CUSTOM_DOMAIN for static files only", () =>
                {
                    const string cdn = "cdn.e2e.invalid";
                    var (media, statics) = UploadProbe.Urls(chroot, deployment.Folder,
                        new Dictionary<string, string>(deployment.Environment) { ["AWS_S3_CUSTOM_DOMAIN"] = cdn });
                    UploadProbe.CheckCustomDomainServesStaticsOnly(media, statics, deployment.Environment["AWS_S3_ENDPOINT_URL"], cdn);
                });
            }

            // Benchmarking takes the place of the web step's visit: the deployment is the same up to here.
            if (benchmark is not null)
            {
                Step("benchmark", () => benchmark.Measure(scenario.Name, chroot, deployment, files.Command(plan.Web), domain));
                return new ScenarioResult(scenario, Outcome.Passed, clock.Elapsed, null, null, [], null);
            }

            var staticOrigin = ObjectStores.PublicOrigin(scenario.Storage, bucket);
            var cspExpected = scenario.Chroot == "forky-exp";
            var web = $"web ({plan.Web})";
            var probes = Step("read the platform's probes", () => files.Probes);
            Step(web, () => Serve(chroot, deployment, files.Command(plan.Web), domain, staticOrigin, cspExpected, probes,
                migratesAtStart ? () => { CreateSuperuser(); _step = web; } : null));
            // An image runs as its app's user, also where it starts as root to be given a volume: what the app wrote
            // there (the database, made by the migrations at start) is not root's.
            if (volume is not null && plan.BuildImage)
            {
                Step("volume written by the app's user", () =>
                {
                    var written = chroot.Check("/", $"find {Shell.Quote(volume)} -mindepth 1").Output.Trim();
                    var rootOwned = chroot.Check("/", $"find {Shell.Quote(volume)} -user root").Output.Trim();
                    if (written.Length == 0)
                        throw new StepFailed($"the app wrote nothing in the volume at {volume}: its database is elsewhere, and lost on the next deploy");
                    if (rootOwned.Length > 0)
                        throw new StepFailed($"the volume holds files of root's, so the app ran as root or was not given the volume:\n{rootOwned}");
                });
            }
            // A web command that migrates first does not start without its database, as it should not.
            if (!migratesAtStart)
            {
                Step("readiness without the database", () => ServeWithoutDatabase(chroot, deployment with
                {
                    Environment = new Dictionary<string, string>(deployment.Environment)
                    {
                        ["DATABASE_URL"] = HealthProbe.UnreachableDatabaseUrl(scenario.Database, FreePort()),
                    },
                }, files.Command(plan.Web), probes));
            }
            if (plan.ReachedDirectly)
            {
                // Reached without a platform router, Django does not read X-Forwarded-Proto: the server decides, and
                // trusts it from FORWARDED_ALLOW_IPS only; here, an address that is not the probe's.
                Step("forged X-Forwarded-Proto", () => ServeForged(chroot, deployment with
                {
                    Environment = new Dictionary<string, string>(deployment.Environment) { ["FORWARDED_ALLOW_IPS"] = "192.0.2.10" },
                }, files.Command(plan.Web), domain));
            }

            return new ScenarioResult(scenario, Outcome.Passed, clock.Elapsed, null, null, [], null);
        }
        catch (Exception e) when (e is StepFailed or IOException or InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            var log = _server?.LogTail().ToList() ?? [];
            return new ScenarioResult(scenario, Outcome.Failed, clock.Elapsed, _step, e.Message, log, null);
        }
        finally
        {
            _server?.Dispose();
            _server = null;
            TearDown(chroot, scenario, databaseName, bucket);
        }
    }

    /// <summary>A PaaS build: from the repository, which has no .env (git ignores it), with the app's config vars.</summary>
    /// <summary>
    /// The lock lacks the overlay's packages: apply must have said so, naming the command, and exited 1. The command is
    /// run as the user would (the chroot's stand-in); then apply completes and --check passes. The declared packages
    /// keep the user's own beside the overlay's.
    /// </summary>
    private void Relock(Chroot chroot, string folder, CommandResult applied)
    {
        var named = System.Text.RegularExpressions.Regex.Match(applied.Output, "run `(?<command>[^`]+)` in ");
        if (applied.ExitCode != 1 || !named.Success)
            throw new StepFailed($"scaffolder apply should name the lock command and exit 1, and exited {applied.ExitCode}:\n{applied.Tail()}");
        chroot.Check(folder, named.Groups["command"].Value);
        var again = commands.Run(tool, ["apply", chroot.HostPath(folder)]);
        if (again.ExitCode != 0)
            throw new StepFailed($"scaffolder apply after `{named.Groups["command"].Value}` exited {again.ExitCode}:\n{again.Tail()}");
        var check = commands.Run(tool, ["apply", chroot.HostPath(folder), "--check"]);
        if (check.ExitCode != 0)
            throw new StepFailed($"scaffolder apply --check after the relock exited {check.ExitCode}:\n{check.Tail()}");
        var declared = File.ReadAllText(chroot.HostPath($"{folder}/pyproject.toml"));
        foreach (var package in new[] { "requests", "django-environ", "gunicorn", "psycopg", "whitenoise" })
        {
            if (!declared.Contains($"\"{package}", StringComparison.Ordinal))
                throw new StepFailed($"pyproject.toml should declare {package} (the user's own packages and the overlay's):\n{declared}");
        }
    }

    private static Deployment BuildFromRepository(Chroot chroot, string folder, RenderedProject files, Dictionary<string, string> platform)
    {
        File.Move(chroot.HostPath($"{folder}/.env"), chroot.HostPath($"{folder}/.env.not-deployed"));
        foreach (var source in files.Host.Build)
            chroot.Check(folder, files.Command(source), platform, TimeSpan.FromMinutes(3));
        return new Deployment(folder, null, platform);
    }

    /// <summary>An image build from the project as build context; the image then runs with the platform's variables over its ENV.</summary>
    private Deployment BuildImage(Chroot chroot, string folder, RenderedProject files, Dictionary<string, string> platform)
    {
        var image = new ImageBuild(chroot, hosts.ProvidedByChroot).Build(chroot.HostPath(folder), files.Image);
        var environment = new Dictionary<string, string>(image.Environment);
        foreach (var (key, value) in platform)
            environment[key] = value;
        return new Deployment(image.WorkingDirectory, image.User, environment);
    }

    private static CommandResult Check(Chroot chroot, Deployment deployment, string command, TimeSpan? timeout = null) =>
        chroot.Check(deployment.Folder, command, deployment.Environment, timeout, deployment.User);

    /// <param name="started">What must happen once the server listens and before the site is visited (the superuser, where the web command migrates).</param>
    private void Serve(Chroot chroot, Deployment deployment, string command, string domain, string? staticOrigin, bool cspExpected,
        HealthProbe.PlatformProbes probes, Action? started = null)
    {
        var port = FreePort();
        record.PortHandedOut(port);
        var withPort = new Dictionary<string, string>(deployment.Environment) { ["PORT"] = port.ToString() };
        _server = chroot.Start(_step, deployment.Folder, command, withPort, Path.Join(work, $"{Path.GetFileName(deployment.Folder)}-{port}.log"), deployment.User);
        _server.WaitForPort(port, TimeSpan.FromSeconds(60));
        started?.Invoke();
        using (var probe = new SiteProbe(port, domain, staticOrigin))
            probe.CheckAll();
        HealthProbe.CheckHealthy(port, probes);
        SafetyProbe.CheckBodyLimit(port);
        SafetyProbe.CheckDisallowedHostLogsOneLine(port, _server.LogFile);
        if (cspExpected)
            SafetyProbe.CheckReportOnlyPolicy(port, domain);
        _server.Dispose();
        _server = null;
    }

    /// <summary>The web command once more, with DATABASE_URL pointing where nothing answers: alive, but not ready.</summary>
    private void ServeWithoutDatabase(Chroot chroot, Deployment deployment, string command, HealthProbe.PlatformProbes probes)
    {
        var port = FreePort();
        record.PortHandedOut(port);
        var withPort = new Dictionary<string, string>(deployment.Environment) { ["PORT"] = port.ToString() };
        _server = chroot.Start(_step, deployment.Folder, command, withPort, Path.Join(work, $"{Path.GetFileName(deployment.Folder)}-no-database-{port}.log"), deployment.User);
        _server.WaitForPort(port, TimeSpan.FromSeconds(60));
        HealthProbe.CheckDatabaseUnreachable(port, probes);
        _server.Dispose();
        _server = null;
    }

    private void ServeForged(Chroot chroot, Deployment deployment, string command, string domain)
    {
        var port = FreePort();
        record.PortHandedOut(port);
        var withPort = new Dictionary<string, string>(deployment.Environment) { ["PORT"] = port.ToString() };
        _server = chroot.Start(_step, deployment.Folder, command, withPort, Path.Join(work, $"{Path.GetFileName(deployment.Folder)}-forged-{port}.log"), deployment.User);
        _server.WaitForPort(port, TimeSpan.FromSeconds(60));
        SafetyProbe.CheckForgedProxyHeaderIsIgnored(port, domain);
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
            new ImageBuild(chroot, hosts.ProvidedByChroot).Reset();
        }
        catch (Exception e) when (e is StepFailed or IOException)
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
