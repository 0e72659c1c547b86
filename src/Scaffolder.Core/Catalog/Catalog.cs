namespace Scaffolder.Catalog;

/// <summary>The contents of <c>templates/catalog.toml</c>: choices, releases, pins and the overlay's files.</summary>
public sealed class Catalog
{
    public List<string> Python { get; init; } = [];
    public string CurrentLts { get; init; } = "";
    public List<DjangoLine> Django { get; init; } = [];
    public Dictionary<string, string> Packages { get; init; } = [];
    public Dictionary<string, string> Images { get; init; } = [];
    public Dictionary<string, HostFacts> Hosts { get; init; } = [];
    public Dictionary<string, StorageFacts> Storages { get; init; } = [];
    public Dictionary<string, DatabaseFacts> Databases { get; init; } = [];
    public ChoiceLists Choices { get; init; } = new();
    public List<OverlayFileSpec> Files { get; init; } = [];
    public Dictionary<string, List<StorageVariable>> StorageVariables { get; init; } = [];

    public string NewestPython => Python[^1];

    public HostFacts Host(string name) =>
        Hosts.TryGetValue(name, out var facts) ? facts : throw new InvalidOperationException($"catalog.toml has no [hosts.{name}]");

    public StorageFacts Storage(string name) =>
        Storages.TryGetValue(name, out var facts) ? facts : throw new InvalidOperationException($"catalog.toml has no [storages.{name}]");

    public DatabaseFacts Database(string name) =>
        Databases.TryGetValue(name, out var facts) ? facts : throw new InvalidOperationException($"catalog.toml has no [databases.{name}]");

    public DjangoLine? FindLine(string line) => Django.FirstOrDefault(d => d.Line == line);

    public string Package(string role) =>
        Packages.TryGetValue(role, out var requirement)
            ? requirement
            : throw new InvalidOperationException($"catalog.toml has no [packages] entry '{role}'");
}

public sealed class DjangoLine
{
    public string Line { get; init; } = "";
    public string PythonMax { get; init; } = "";
    public string Requirement { get; init; } = "";
}

public sealed class ChoiceLists
{
    public List<ChoiceInfo> Host { get; init; } = [];
    public List<ChoiceInfo> Database { get; init; } = [];
    public List<ChoiceInfo> Storage { get; init; } = [];
    public List<ChoiceInfo> Server { get; init; } = [];
}

/// <summary>One offered choice and the line a prompt shows for it.</summary>
public sealed class ChoiceInfo
{
    public string Name { get; init; } = "";
    public string Summary { get; init; } = "";
}

/// <summary>One file of the overlay: which template renders it, where it goes, how it meets an existing file.</summary>
public sealed class OverlayFileSpec
{
    public string Template { get; init; } = "";
    public string Path { get; init; } = "";
    public string Merge { get; init; } = "replace";
    public bool Private { get; init; }
    public List<string> Hosts { get; init; } = [];
    public List<string> Servers { get; init; } = [];

    public bool AppliesTo(string host, string server) =>
        (Hosts.Count == 0 || Hosts.Contains(host)) && (Servers.Count == 0 || Servers.Contains(server));
}

/// <summary>An environment variable an object store's settings read.</summary>
public sealed class StorageVariable
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public bool Required { get; init; }
}

/// <summary>What a host's platform does that the overlay has to match (catalog.toml <c>[hosts.NAME]</c>).</summary>
public sealed class HostFacts
{
    public string Label { get; init; } = "";
    /// <summary>The platform's router is the only way in and sets X-Forwarded-Proto: Django may trust the header.</summary>
    public bool ProxyHeaderTrusted { get; init; }
    /// <summary>What the manifest sets FORWARDED_ALLOW_IPS to; empty leaves gunicorn's and uvicorn's default (loopback).</summary>
    public string ForwardedAllowIps { get; init; } = "";
    /// <summary>The databases (postgres, mysql) that the settings connect to over TLS by default on this host.</summary>
    public List<string> DatabaseTls { get; init; } = [];
    /// <summary>The seconds the platform waits after SIGTERM before it kills the app.</summary>
    public int StopTimeout { get; init; }
}

/// <summary>A storage's name in prose and the loggers its client library reports every request on.</summary>
public sealed class StorageFacts
{
    public string Label { get; init; } = "";
    public List<string> QuietLoggers { get; init; } = [];
}

/// <summary>How a database's driver is told to require TLS (catalog.toml <c>[databases.NAME]</c>); empty for SQLite.</summary>
public sealed class DatabaseFacts
{
    /// <summary>The key in the database's OPTIONS, e.g. <c>sslmode</c>.</summary>
    public string TlsOption { get; init; } = "";
    /// <summary>The value that makes the connection fail rather than go without TLS, e.g. <c>require</c>.</summary>
    public string TlsRequired { get; init; } = "";
}
