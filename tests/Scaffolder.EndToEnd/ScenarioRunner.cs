using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Scaffolder.Testing;

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
    private string _scenario = "";
    private int _serversStarted;
    private ServerProcess? _server;

    public ScenarioResult Run(Scenario scenario)
    {
        var clock = Stopwatch.StartNew();
        _scenario = scenario.Name;
        var chroot = chroots[scenario.Chroot];
        // Where the project is made: its folder, or the root of its git repository when the fixture puts it below that.
        var repository = $"/srv/e2e/{scenario.Name}";
        var folder = repository;
        var databaseName = "e2e_" + scenario.Name.Replace('-', '_');
        var bucket = "e2e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        ReadOnlyRoot? readOnlyRoot = null;
        try
        {
            Step("startproject", () =>
            {
                foreach (var made in new[] { repository, Deployed(repository) }.Select(chroot.HostPath).Where(Directory.Exists))
                    Directory.Delete(made, recursive: true);
                if (scenario.Fixture is null)
                {
                    Directory.CreateDirectory(chroot.HostPath(folder));
                    chroot.Check(folder, "django-admin startproject myproject .");
                }
                else
                {
                    FixtureCopy.Copy(fixtures, scenario.Fixture, chroot.HostPath(folder));
                    var gitRoot = chroot.HostPath($"{repository}/GIT_ROOT");
                    if (File.Exists(gitRoot))
                    {
                        File.Delete(gitRoot);
                        commands.Check("git", "init", "-q", chroot.HostPath(repository));
                    }
                }
            });

            // Applied where the user stands: the repository's root, also when the project sits below it.
            var nextSteps = Step("apply", () =>
            {
                var applied = commands.Run(tool, ["apply", chroot.HostPath(repository), .. scenario.ApplyFlags]);
                if (applied.ExitCode != 0 && !scenario.Relock)
                    throw new StepFailed($"scaffolder apply exited {applied.ExitCode}:\n{applied.Tail()}");
                if (scenario.Relock)
                    Relock(chroot, folder, applied);
                return applied.Output;
            });
            folder = Step("the project's folder", () => ProjectFolder(chroot, repository));

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

            var files = Step("read the host's files", () => Read(chroot, folder));
            var plan = files.Host;
            var domain = plan.Domain.Replace("{app}", files.AppName);

            var databaseUrl = Step("database", () => scenario.Database == "sqlite" ? null : services.CreateDatabase(scenario.Database, databaseName));
            var storage = Step("object store", () => ObjectStores.Create(chroot, scenario.Storage, bucket));
            using var mail = new SmtpSink();
            record.PortHandedOut(mail.Port);

            // The app's environment on the platform: the values its manifest declares, what a deployment supplies
            // itself (the secret, the database, mail, the object store), and what the platform sets.
            var supplied = new Dictionary<string, string>
            {
                ["DJANGO_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                ["EMAIL_URL"] = $"smtp://127.0.0.1:{mail.Port}",
                ["DJANGO_CSP_REPORT_ONLY"] = SafetyProbe.CspReportOnly,
            };
            if (databaseUrl is not null)
                supplied["DATABASE_URL"] = databaseUrl;
            foreach (var (key, value) in storage.Concat(DatabaseChecks.DatabaseTlsOverride(scenario)))
                supplied[key] = value;
            var platform = new Dictionary<string, string>(files.DeclaredVariables());
            foreach (var (key, value) in supplied)
                platform[key] = value;
            foreach (var (key, value) in plan.PlatformVariables)
                platform[key] = value.Replace("{app}", files.AppName).Replace("{domain}", domain);

            // Where the manifest's secrets come from a file (a kustomization's secretGenerator), the deployment's values
            // go there, as the next steps say; the app's environment is then exactly what the build made of it.
            if (plan.SecretFile is { } secretFile)
            {
                (files, platform) = Step($"{secretFile} filled in, then built", () =>
                {
                    KustomizeBuild.WriteSecrets(chroot.HostPath($"{folder}/{secretFile}"), supplied);
                    var rebuilt = Read(chroot, folder);
                    return (rebuilt, new Dictionary<string, string>(rebuilt.DeclaredVariables()));
                });
                Step("the release beside the web pods", () => CheckReleaseBesideWeb(files, plan));
            }

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
                : Step("build", () => BuildFromRepository(chroot, folder == repository
                    ? folder
                    : Checkout(chroot, repository, folder, files, nextSteps), files, platform));
            // A pod with a read-only root: whatever runs from here on as the image's user may write to its volumes only.
            var pod = plan.Probes is { } probedWorkload ? new KubernetesPod(files.Manifest, probedWorkload) : null;
            if (pod is { ReadOnlyRoot: true })
                readOnlyRoot = ReadOnlyRoot.Mark(chroot, scenario.Name);

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
            var probed = pod;
            if (probed is not null)
                Step("the pod's user is the image's", () => CheckPodUser(chroot, deployment, probed));
            var abandoned = Step("database sessions so far", () => AbandonedSessions(scenario, databaseName));
            Step(web, () => Serve(chroot, deployment, files.Command(plan.Web), domain, staticOrigin, cspExpected, probes,
                migratesAtStart ? () => { CreateSuperuser(); _step = web; } : null, probed));
            Step("the server closed its database sessions", () => CheckSessionsClosed(scenario, databaseName, abandoned));
            string? note = null;
            if (scenario.Server == "gunicorn")
            {
                Step("the access lines are gunicorn's own", () => AccessLogCheck.Check(chroot, deployment));
                var gunicorn = Step("gunicorn's version", () => chroot.Check("/", "python3 -c 'import gunicorn; print(gunicorn.__version__)'").Output.Trim());
                if (Version.Parse(gunicorn).Major >= ServesThroughRestartsFrom)
                {
                    Step($"workers replaced every {RecycledAfter} requests", () =>
                    {
                        var before = AbandonedSessions(scenario, databaseName);
                        ServeRecycled(chroot, deployment, files.Command(plan.Web), domain);
                        CheckSessionsClosed(scenario, databaseName, before);
                    });
                }
                else
                {
                    note = $"workers not replaced during visits: this chroot's gunicorn {gunicorn} drops the connections a worker "
                        + "accepted after deciding to restart (gunicorn issue #3038); the overlay pins a later one";
                }
            }
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
            if (readOnlyRoot is not null)
                Step("nothing written outside the pod's volumes", () => readOnlyRoot.Check(deployment.User ?? "root", pod!.MountPaths));
            if (plan.ReachedDirectly)
            {
                // Reached without a platform router, Django does not read X-Forwarded-Proto: the server decides, and
                // trusts it from FORWARDED_ALLOW_IPS only; here, an address that is not the probe's.
                Step("forged X-Forwarded-Proto", () => ServeForged(chroot, deployment with
                {
                    Environment = new Dictionary<string, string>(deployment.Environment) { ["FORWARDED_ALLOW_IPS"] = "192.0.2.10" },
                }, files.Command(plan.Web), domain));
            }

            return new ScenarioResult(scenario, Outcome.Passed, clock.Elapsed, null, null, [], note);
        }
        catch (Exception e) when (e is StepFailed or IOException or InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            var log = _server?.LogTail().ToList() ?? [];
            return new ScenarioResult(scenario, Outcome.Failed, clock.Elapsed, _step, e.Message, log, null);
        }
        finally
        {
            StopServer();
            readOnlyRoot?.Remove();
            TearDown(chroot, scenario, databaseName, bucket);
        }
    }

    /// <summary>The host's files; for a kustomize host, with what kustomize build makes of its folder.</summary>
    private RenderedProject Read(Chroot chroot, string folder) =>
        RenderedProject.Read(hosts.For(chroot.HostPath(folder)), chroot.HostPath(folder), kustomization => KustomizeBuild.Run(chroot, folder, kustomization));

    /// <summary>The release's workload runs the web pods' image with the same environment, and is named after its tag.</summary>
    private static void CheckReleaseBesideWeb(RenderedProject files, HostPlan plan)
    {
        var (release, web) = (Workload(plan.Release), Workload(plan.Web));
        if (release is null || web is null)
            return;
        var (job, deployment) = (new KubernetesPod(files.Manifest, release), new KubernetesPod(files.Manifest, web));
        if (job.Image != deployment.Image || job.Image is null)
            throw new StepFailed($"the {release} runs image {job.Image}, the {web} {deployment.Image}");
        var (jobEnvironment, webEnvironment) = (job.Environment(), deployment.Environment());
        if (jobEnvironment.Count != webEnvironment.Count || jobEnvironment.Any(pair => webEnvironment.GetValueOrDefault(pair.Key) != pair.Value))
            throw new StepFailed($"the {release}'s environment differs from the {web}'s");
        if (webEnvironment.GetValueOrDefault("DJANGO_SECRET_KEY") is not { Length: >= 50 })
            throw new StepFailed("the pods' DJANGO_SECRET_KEY is missing or shorter than 50 characters");
        var tag = job.Image[(job.Image.LastIndexOf(':') + 1)..];
        var name = (files.Manifest.Find($"{release}.metadata.name") as string) ?? "";
        if (!name.EndsWith("-" + tag, StringComparison.Ordinal))
            throw new StepFailed($"the {release} is named {name}, not after the image's tag {tag}");

        static string? Workload(string source) => source.StartsWith("pod:", StringComparison.Ordinal) ? source["pod:".Length..] : null;
    }

    /// <summary>The pod runs as the number its securityContext names, which must be the image's USER.</summary>
    private static void CheckPodUser(Chroot chroot, Deployment deployment, KubernetesPod pod)
    {
        var uid = chroot.Check("/", $"id -u {deployment.User ?? "root"}").Output.Trim();
        if (pod.RunAsUser != uid)
            throw new StepFailed($"the pod runs as user {pod.RunAsUser ?? "(unset)"}, the image's USER {deployment.User} is {uid}");
    }

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

    /// <summary>The folder holding manage.py: the one made, or the one folder below it that holds it.</summary>
    private static string ProjectFolder(Chroot chroot, string repository)
    {
        if (File.Exists(chroot.HostPath($"{repository}/manage.py")))
            return repository;
        var below = Directory.GetDirectories(chroot.HostPath(repository))
            .Where(candidate => File.Exists(Path.Join(candidate, "manage.py"))).ToList();
        return below.Count == 1
            ? $"{repository}/{Path.GetFileName(below[0])}"
            : throw new StepFailed($"{below.Count} folders below {repository} hold a manage.py, not one");
    }

    private static string Deployed(string repository) => repository + "-deployed";

    /// <summary>
    /// What a host that builds from the repository receives of a project below the repository's root, once everything is
    /// committed as the next steps say: the committed files only (no .env, which git ignores), as hosts.toml's checkout
    /// says. Returns the folder the host builds and runs in.
    /// </summary>
    private string Checkout(Chroot chroot, string repository, string folder, RenderedProject files, string nextSteps)
    {
        var git = chroot.HostPath(repository);
        commands.Check("git", "-C", git, "add", "-A");
        commands.Check("git", "-C", git, "-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", "commit", "-q", "-m", "Deploy");
        var received = Deployed(repository);
        var (tree, root) = files.Host.Checkout switch
        {
            // The next steps' own push: what it names is what the host receives as its root.
            "subtree" => (SubtreeOf(git, nextSteps), received),
            string source when source.StartsWith("manifest:", StringComparison.Ordinal) =>
                ("HEAD", files.Manifest.Find(source["manifest:".Length..]) is string { Length: > 0 } rootDir
                    ? $"{received}/{rootDir.Trim('/')}"
                    : throw new StepFailed($"{files.Host.Manifest} names no folder at {source["manifest:".Length..]}, so the host builds the repository's root, which holds no manage.py")),
            _ => throw new StepFailed($"hosts.toml does not say what {files.Host.Name} receives of a project below its repository's root (checkout)"),
        };
        Directory.CreateDirectory(chroot.HostPath(received));
        commands.Check("sh", "-c", $"git -C {Shell.Quote(git)} archive {tree} | tar -x -C {Shell.Quote(chroot.HostPath(received))}");
        if (!File.Exists(chroot.HostPath($"{root}/manage.py")))
            throw new StepFailed($"the host builds {Path.GetRelativePath(received, root)} of what it receives, which holds no manage.py");
        if (File.Exists(chroot.HostPath($"{root}/.env")))
            throw new StepFailed($"the .env of {folder} was committed: the host would receive the local secrets");
        return root;
    }

    private string SubtreeOf(string git, string nextSteps)
    {
        var push = System.Text.RegularExpressions.Regex.Match(nextSteps, @"subtree push --prefix (?<prefix>\S+) ");
        if (!push.Success)
            throw new StepFailed("the next steps name no `git subtree push --prefix FOLDER` for a project below its repository's root");
        // The split writes commits of its own, so it needs a committer's name.
        var split = commands.Check("git", "-C", git, "-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid",
            "subtree", "split", "-q", "--prefix", push.Groups["prefix"].Value, "HEAD");
        return System.Text.RegularExpressions.Regex.Match(split.Output, "^[0-9a-f]{40}$", System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } commit
            ? commit.Value
            : throw new StepFailed($"git subtree split printed no commit:\n{split.Tail()}");
    }

    /// <summary>A PaaS build: from the repository, which has no .env (git ignores it), with the app's config vars.</summary>
    private static Deployment BuildFromRepository(Chroot chroot, string folder, RenderedProject files, Dictionary<string, string> platform)
    {
        var env = chroot.HostPath($"{folder}/.env");
        if (File.Exists(env))
            File.Move(env, chroot.HostPath($"{folder}/.env.not-deployed"));
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
    /// <param name="probed">The workload whose probes are sent as the kubelet sends them, if the host has one.</param>
    private void Serve(Chroot chroot, Deployment deployment, string command, string domain, string? staticOrigin, bool cspExpected,
        HealthProbe.PlatformProbes probes, Action? started = null, KubernetesPod? probed = null)
    {
        var (port, server) = StartServer(chroot, deployment, command, "web");
        started?.Invoke();
        using (var probe = new SiteProbe(port, domain, staticOrigin))
            probe.CheckAll();
        HealthProbe.CheckHealthy(port, probes);
        if (probed is not null)
            KubeletProbe.CheckAll(probed, deployment.Environment, port);
        SafetyProbe.CheckBodyLimit(port);
        SafetyProbe.CheckDisallowedHostLogsOneLine(port, server.LogFile);
        if (cspExpected)
            SafetyProbe.CheckReportOnlyPolicy(port, domain);
        StopServer();
    }

    /// <summary>The requests after which <see cref="ServeRecycled"/> has gunicorn replace a worker.</summary>
    private const int RecycledAfter = 10;

    /// <summary>
    /// The oldest gunicorn seen here to serve every connection through a worker's restart: Debian trixie's 23.0
    /// drops those a worker accepts after deciding to restart (gunicorn issue #3038); forky's 26.2 serves them.
    /// </summary>
    private const int ServesThroughRestartsFrom = 26;

    /// <summary>
    /// The web command once more, with each worker replaced after a few requests (GUNICORN_MAX_REQUESTS, as a busy
    /// site's workers are): visits that read the database all answer while workers come and go, and every worker
    /// leaves without an error.
    /// </summary>
    private void ServeRecycled(Chroot chroot, Deployment deployment, string command, string domain)
    {
        var (port, server) = StartServer(chroot, deployment with
        {
            Environment = new Dictionary<string, string>(deployment.Environment) { ["GUNICORN_MAX_REQUESTS"] = RecycledAfter.ToString() },
        }, command, "recycled");
        using (var probe = new SiteProbe(port, domain, null))
            probe.VisitAdmin(visits: 6 * RecycledAfter);
        StopServer();
        var log = File.ReadAllLines(server.LogFile);
        if (!log.Any(line => line.Contains("Autorestarting worker", StringComparison.Ordinal)))
            throw new StepFailed($"no worker was replaced after {RecycledAfter} requests ({server.LogFile})");
        var failed = log.Where(line => line.Contains("exited with code", StringComparison.Ordinal)).ToList();
        if (failed.Count > 0)
            throw new StepFailed($"workers left with an error:\n{string.Join('\n', failed)}");
    }

    /// <summary>The sessions the scenario's database server has seen abandoned so far (none for SQLite).</summary>
    private long AbandonedSessions(Scenario scenario, string databaseName) =>
        scenario.Database == "sqlite" ? 0 : services.AbandonedSessions(scenario.Database, databaseName);

    /// <summary>
    /// Once the server has stopped, its sessions end, and each was closed by the app (the driver says goodbye), not
    /// dropped with a process that left without closing it: a database counts and logs those as aborted.
    /// </summary>
    private void CheckSessionsClosed(Scenario scenario, string databaseName, long abandonedBefore)
    {
        if (scenario.Database == "sqlite")
            return;
        services.WaitUntilNoSessions(scenario.Database, databaseName, TimeSpan.FromSeconds(15));
        var abandoned = services.AbandonedSessions(scenario.Database, databaseName) - abandonedBefore;
        if (abandoned > 0)
            throw new StepFailed($"{abandoned} database session(s) dropped, not closed, when the server's processes ended");
    }

    /// <summary>The web command once more, with DATABASE_URL pointing where nothing answers: alive, but not ready.</summary>
    private void ServeWithoutDatabase(Chroot chroot, Deployment deployment, string command, HealthProbe.PlatformProbes probes)
    {
        var (port, _) = StartServer(chroot, deployment, command, "no-database");
        HealthProbe.CheckDatabaseUnreachable(port, probes);
        StopServer();
    }

    private void ServeForged(Chroot chroot, Deployment deployment, string command, string domain)
    {
        var (port, _) = StartServer(chroot, deployment, command, "forged");
        SafetyProbe.CheckForgedProxyHeaderIsIgnored(port, domain);
        StopServer();
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

    /// <summary>
    /// Starts the deployment's command on a free port as the current step's server, and waits until it listens. Each
    /// server gets a log file of its own: image-built deployments share a folder name and ports are handed out again,
    /// so a name made of those alone would gather an earlier server's lines.
    /// </summary>
    /// <returns>The port it listens on, and the server.</returns>
    private (int Port, ServerProcess Server) StartServer(Chroot chroot, Deployment deployment, string command, string kind)
    {
        var port = FreePort();
        record.PortHandedOut(port);
        var withPort = new Dictionary<string, string>(deployment.Environment) { ["PORT"] = port.ToString() };
        var log = Path.Join(work, $"{_scenario}-{++_serversStarted:00}-{kind}-{port}.log");
        var server = chroot.Start(_step, deployment.Folder, command, withPort, log, deployment.User);
        _server = server;
        server.WaitForPort(port, TimeSpan.FromSeconds(60));
        return (port, server);
    }

    private void StopServer()
    {
        _server?.Dispose();
        _server = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
