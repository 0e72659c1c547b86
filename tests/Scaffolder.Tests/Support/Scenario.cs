using Scaffolder.Answers;
using Scaffolder.Catalog;
using Scaffolder.Detection;
using Scaffolder.Rendering;

namespace Scaffolder.Tests.Support;

/// <summary>A fixture project and the answers to render it with; its name is the snapshot's.</summary>
public sealed record Scenario(string Fixture, string Host, Database Database, Storage Storage, Server Server = Server.Gunicorn, string? Python = null)
{
    public static readonly OverlaySecrets FixedSecrets =
        new("test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ", "test-database-password",
            "test-deploy-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF");

    public static Catalog.Catalog Catalog { get; } = CatalogLoader.Load(TemplateSource.Embedded);

    public string Name =>
        $"{Fixture}-{Host}-{ChoiceNames.Name(Database)}-{ChoiceNames.Name(Storage)}-{ChoiceNames.Name(Server)}";

    public string[] Flags =>
        ["--host", Host, "--database", ChoiceNames.Name(Database), "--storage", ChoiceNames.Name(Storage),
         "--server", ChoiceNames.Name(Server), "--yes"];

    public Overlay Render(TempProject project)
    {
        var detected = new ProjectDetector(Catalog).Detect(project.Root);
        // As apply answers them: the dependency manager and the Python from the project's files.
        var answers = new AnswerCollector(Catalog, null).Collect(detected, new PartialAnswers(Host, Database, Storage, Server, Python)).Answers;
        return new OverlayRenderer(Catalog, TemplateSource.Embedded).Render(detected, answers, FixedSecrets);
    }

    /// <summary>The production settings module among the rendered files.</summary>
    public static RenderedFile SettingsOf(Overlay overlay) =>
        overlay.Files.Single(file => file.Path.EndsWith("/settings_production.py", StringComparison.Ordinal)
            || file.Path.EndsWith("/settings/production.py", StringComparison.Ordinal));

    public override string ToString() => Name;

    /// <summary>Mixes of database, storage, server, Django release and project layout, chosen to cover each at least once.</summary>
    private static readonly Scenario[] Curated =
    [
        new("django52", "heroku", Database.Postgres, Storage.Whitenoise),
        new("django52", "render", Database.Postgres, Storage.S3),
        new("django52", "fly", Database.Mysql, Storage.Gcs),
        new("django52", "docker", Database.Sqlite, Storage.Azure),
        new("django52", "docker", Database.Postgres, Storage.Whitenoise, Server.Uvicorn),
        new("django52", "docker", Database.Mysql, Storage.S3),
        new("django42", "heroku", Database.Mysql, Storage.Whitenoise),
        new("django61", "heroku", Database.Postgres, Storage.S3),
        new("settings-package", "render", Database.Mysql, Storage.Azure),
        new("custom-settings", "fly", Database.Postgres, Storage.Whitenoise),
        // Every way of declaring dependencies, each on a host whose build reads it (its own, or the Dockerfile).
        new("uv", "heroku", Database.Postgres, Storage.Whitenoise),
        new("uv", "fly", Database.Postgres, Storage.Whitenoise),
        new("poetry1", "render", Database.Postgres, Storage.Whitenoise),
        new("poetry2", "docker", Database.Postgres, Storage.Whitenoise),
        new("pipenv", "render", Database.Mysql, Storage.Whitenoise),
        new("pdm", "railway", Database.Postgres, Storage.Whitenoise),
        new("pep621", "docker", Database.Sqlite, Storage.Whitenoise),
        new("requirements-includes", "docker", Database.Postgres, Storage.Whitenoise),
        new("pip-tools", "heroku", Database.Postgres, Storage.Whitenoise),
        // The project one folder below the repository's root (startproject without the dot, git init one level up).
        new("subfolder", "render", Database.Postgres, Storage.Whitenoise),
        new("subfolder", "heroku", Database.Postgres, Storage.Whitenoise),
        new("subfolder", "digitalocean", Database.Postgres, Storage.Whitenoise),
        new("subfolder", "docker", Database.Postgres, Storage.Whitenoise),
        new("subfolder", "railway", Database.Postgres, Storage.Whitenoise),
    ];

    /// <summary>
    /// The curated scenarios, one for every host of the catalog they leave out (a new host folder gets its own), and
    /// SQLite on every host whose manifest mounts a volume for it.
    /// </summary>
    private static readonly Scenario[] Scenarios =
    [
        .. Curated,
        .. Catalog.Hosts.Where(host => Curated.All(scenario => scenario.Host != host.Name))
            .Select(host => new Scenario("django52", host.Name, Database.Postgres, Storage.Whitenoise)),
        .. Catalog.Hosts.Where(host => host.SqliteVolume.Length > 0)
            .Where(host => Curated.All(scenario => scenario.Host != host.Name || scenario.Database != Database.Sqlite))
            .Select(host => new Scenario("django52", host.Name, Database.Sqlite, Storage.Whitenoise)),
    ];

    /// <summary>Names of scenarios covering every host, database and storage at least once, on every fixture layout.</summary>
    public static TheoryData<string> Names { get; } = [.. Scenarios.Select(scenario => scenario.Name)];

    public static Scenario Named(string name) => Scenarios.Single(scenario => scenario.Name == name);
}
