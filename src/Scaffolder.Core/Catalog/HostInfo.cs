using Tomlyn.Serialization;

namespace Scaffolder.Catalog;

/// <summary>
/// Everything a host is, read from its folder <c>templates/hosts/NAME/</c>: <c>host.toml</c> (the facts below and its
/// own files), <c>next-steps.sbn</c> (what the user does to deploy) and <c>settings.py.sbn</c> (how the production
/// settings learn the site's domain). Adding a host is adding a folder.
/// </summary>
public sealed class HostInfo
{
    public const string ManifestFile = "host.toml";
    public const string NextStepsFile = "next-steps.sbn";
    public const string SettingsSnippetFile = "settings.py.sbn";

    public string Name { get; init; } = "";
    public string Label { get; init; } = "";
    /// <summary>The line the prompt shows for it.</summary>
    public string Summary { get; init; } = "";
    /// <summary>Where the prompt and --help list it; the lowest is the default.</summary>
    public int Order { get; init; }
    /// <summary>The app's disk outlives a deploy, so SQLite may keep its file there.</summary>
    public bool DiskSurvivesDeploy { get; init; }
    /// <summary>The platform offers volumes that outlive a deploy.</summary>
    public bool OffersVolumes { get; init; }
    /// <summary>Where the host's manifest mounts a volume for SQLite's file; empty when it mounts none.</summary>
    public string SqliteVolume { get; init; } = "";
    /// <summary>
    /// A fresh volume of the platform belongs to root while the image runs as the app's user: with SQLite on it, the
    /// image starts as root, gives the volume to the app's user and runs as that user from then on.
    /// </summary>
    public bool VolumeOwnedByRoot { get; init; }
    /// <summary>The manifest runs two or more instances of the app at once (replicas): SQLite's one file cannot serve them.</summary>
    public bool RunsReplicas { get; init; }
    /// <summary>The platform tells the app its public domain (the settings snippet reads it); otherwise DJANGO_ALLOWED_HOSTS must.</summary>
    public bool NamesItsDomain { get; init; }
    /// <summary>The host's manifest runs the database as a service of its own, with a password from .env.</summary>
    public bool DatabaseService { get; init; }
    /// <summary>The platform's build reads the Python version from .python-version.</summary>
    public bool ReadsPythonVersion { get; init; }
    /// <summary>The platform's router is the only way in and sets X-Forwarded-Proto: Django may trust the header.</summary>
    public bool ProxyHeaderTrusted { get; init; }
    /// <summary>What the manifest sets FORWARDED_ALLOW_IPS to; empty leaves gunicorn's and uvicorn's default (loopback).</summary>
    public string ForwardedAllowIps { get; init; } = "";
    /// <summary>The databases (postgres, mysql) that the settings connect to over TLS by default on this host.</summary>
    public List<string> DatabaseTls { get; init; } = [];
    /// <summary>The seconds the platform waits after SIGTERM before it kills the app; gunicorn's graceful shutdown ends within it.</summary>
    public int StopTimeout { get; init; }
    /// <summary>
    /// For a host that builds from the repository: how its own build installs the packages, by dependency manager (its
    /// <c>[install]</c> table). A manager not listed cannot be built there; empty for a host that builds the Dockerfile.
    /// </summary>
    public Dictionary<string, string> Install { get; init; } = [];
    /// <summary>The platform's build picks the manager by its file at the root (a lock, or requirements.txt) and refuses two.</summary>
    public bool OneManagerFile { get; init; }
    /// <summary>The host's own files; their templates are named relative to its folder until the loader places them.</summary>
    public List<OverlayFileSpec> Files { get; set; } = [];

    /// <summary>Keys of host.toml that no fact above reads, with their values: reported at load, never silently dropped.</summary>
    [TomlExtensionData]
    public Dictionary<string, object?> UnknownKeys { get; init; } = [];


    /// <summary>The folder, relative to templates/, e.g. <c>hosts/render</c>.</summary>
    [TomlIgnore]
    public string Folder { get; set; } = "";

    [TomlIgnore]
    public string NextSteps => $"{Folder}/{NextStepsFile}";

    [TomlIgnore]
    public string SettingsSnippet => $"{Folder}/{SettingsSnippetFile}";

    /// <summary>The yes-or-no facts a shared file may be limited by (<c>when_host</c>), by their name in host.toml.</summary>
    public static IReadOnlyList<string> Facts =>
        ["disk_survives_deploy", "offers_volumes", "volume_owned_by_root", "runs_replicas", "names_its_domain", "database_service", "reads_python_version", "proxy_header_trusted"];

    /// <summary>Every key host.toml may hold.</summary>
    public static IReadOnlyList<string> Keys =>
        ["name", "label", "summary", "order", .. Facts, "sqlite_volume", "forwarded_allow_ips", "database_tls", "stop_timeout", "install", "one_manager_file", "files"];

    public bool Holds(string fact) => fact switch
    {
        "disk_survives_deploy" => DiskSurvivesDeploy,
        "offers_volumes" => OffersVolumes,
        "volume_owned_by_root" => VolumeOwnedByRoot,
        "runs_replicas" => RunsReplicas,
        "names_its_domain" => NamesItsDomain,
        "database_service" => DatabaseService,
        "reads_python_version" => ReadsPythonVersion,
        "proxy_header_trusted" => ProxyHeaderTrusted,
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "not a yes-or-no fact of host.toml"),
    };
}
