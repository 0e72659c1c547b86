namespace Scaffolder.EndToEnd;

/// <summary>One deployment to prove: a fresh project in a chroot (which fixes the Django release) and the choices applied to it.</summary>
/// <param name="SwitchTo">A host to apply again for, from the remembered answers, before deploying: a host switch must deploy too.</param>
/// <param name="Fixture">A project layout from the unit tests' fixtures (a settings package, custom names, a project below its
/// git repository's root) instead of a fresh startproject.</param>
/// <param name="Relock">The project's lock (uv.lock, poetry.lock) lacks the overlay's packages: apply names the lock command and
/// exits 1; the user runs it (the chroot's stand-in) and applies again, which must then be complete.</param>
public sealed record Scenario(string Chroot, string Host, string Database, string Storage, string Server = "gunicorn", bool Force = false,
    string? SwitchTo = null, string? Fixture = null, bool Relock = false)
{
    public string Name =>
        $"{Fixture ?? Chroot}-{Host}-{Database}-{Storage}-{Server}{(SwitchTo is null ? "" : $"-then-{SwitchTo}")}";

    public IEnumerable<string> ApplyFlags =>
        ["--host", Host, "--database", Database, "--storage", Storage, "--server", Server, "--yes", .. Force ? ["--force"] : Array.Empty<string>()];

    /// <summary>
    /// Every host hosts.toml knows with every database and WhiteNoise on Django 5.2 (SQLite with --force, as a user
    /// would need, on the hosts that wipe their disk and mount no volume for it), every object store on one host (and S3 on DigitalOcean, as Spaces), Django 4.2 and 6.1 on the
    /// default choices, ASGI behind a platform router and without one, a host switch by a second apply, the
    /// settings-package and custom-name layouts, uv and Poetry projects, and a project below its repository's root.
    /// </summary>
    public static IReadOnlyList<Scenario> Matrix(IEnumerable<HostPlan> hosts) =>
    [
        .. from host in hosts
           from database in host.Databases
           select new Scenario("forky", host.Name, database, "whitenoise", Force: database == "sqlite" && host.SqliteRefused),
        new("forky", "docker", "postgres", "s3"),
        // The release Job collects static files into the store; the pods serve ASGI.
        new("forky", "kubernetes", "postgres", "s3"),
        new("forky", "kubernetes", "postgres", "whitenoise", Server: "uvicorn"),
        new("forky", "docker", "postgres", "azure"),
        new("forky", "docker", "postgres", "gcs"),
        // Spaces on DigitalOcean: the s3 store at an endpoint of its own, set by the app spec (here, the suite's).
        new("forky", "digitalocean", "postgres", "s3"),
        new("trixie", "docker", "postgres", "whitenoise"),
        new("forky-exp", "docker", "postgres", "whitenoise"),
        new("forky", "heroku", "postgres", "whitenoise", Server: "uvicorn"),
        // uvicorn, not Django, decides the scheme here: a forged X-Forwarded-Proto must not pass it either.
        new("forky", "docker", "postgres", "whitenoise", Server: "uvicorn"),
        new("forky", "heroku", "postgres", "s3", SwitchTo: "fly"),
        new("forky", "docker", "postgres", "whitenoise", Fixture: "settings-package"),
        new("forky", "heroku", "mysql", "whitenoise", Fixture: "custom-settings"),
        // A uv project and a Poetry 2 project (with a package of the user's own, requests), each on a platform that builds
        // them natively and on one that builds the Dockerfile.
        new("forky", "heroku", "postgres", "whitenoise", Fixture: "uv-app", Relock: true),
        new("forky", "docker", "postgres", "whitenoise", Fixture: "uv-app", Relock: true),
        new("forky", "render", "postgres", "whitenoise", Fixture: "poetry-app", Relock: true),
        new("forky", "fly", "postgres", "whitenoise", Fixture: "poetry-app", Relock: true),
        // A project one folder below its git repository's root, applied from that root: Heroku receives the folder by the
        // next steps' subtree push, Render the repository with rootDir, an image host the folder as build context.
        new("forky", "heroku", "postgres", "whitenoise", Fixture: "subfolder"),
        new("forky", "render", "postgres", "whitenoise", Fixture: "subfolder"),
        new("forky", "docker", "postgres", "whitenoise", Fixture: "subfolder"),
    ];
}
