using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace Scaffolder.Catalog;

/// <summary>
/// The contents of <c>templates/catalog.toml</c> (choices, releases, pins and the overlay's shared files) and of every
/// host's folder, <c>templates/hosts/NAME/host.toml</c>.
/// </summary>
public sealed class Catalog
{
    public List<string> Python { get; init; } = [];
    public string CurrentLts { get; init; } = "";
    public List<DjangoLine> Django { get; init; } = [];
    public Dictionary<string, string> Packages { get; init; } = [];
    public Dictionary<string, string> Images { get; init; } = [];
    /// <summary>The hosts, one per folder of <c>templates/hosts/</c>, in the order their manifests give: the first is the default.</summary>
    /// <remarks>Not in the templates' model: a template sees its own host as <c>host</c>, and the others' facts and files
    /// were a third of what every run turned into Scriban values.</remarks>
    [TomlIgnore]
    [JsonIgnore]
    public IReadOnlyList<HostInfo> Hosts { get; set; } = [];
    public Dictionary<string, StorageFacts> Storages { get; init; } = [];
    public Dictionary<string, DatabaseFacts> Databases { get; init; } = [];
    public ChoiceLists Choices { get; init; } = new();
    public List<OverlayFileSpec> Files { get; init; } = [];
    public Dictionary<string, List<StorageVariable>> StorageVariables { get; init; } = [];
    /// <summary>The dependency managers' facts, by the name <c>--packages</c> gives them.</summary>
    public Dictionary<string, ManagerFacts> Managers { get; init; } = [];

    public string NewestPython => Python[^1];

    public HostInfo Host(string name) =>
        Hosts.FirstOrDefault(host => host.Name == name) ?? throw new InvalidOperationException($"no host '{name}' in templates/hosts/");

    [JsonIgnore]
    public IReadOnlyList<string> HostNames => [.. Hosts.Select(host => host.Name)];

    public StorageFacts Storage(string name) =>
        Storages.TryGetValue(name, out var facts) ? facts : throw new InvalidOperationException($"catalog.toml has no [storages.{name}]");

    public ManagerFacts Manager(string name) =>
        Managers.TryGetValue(name, out var facts) ? facts : throw new InvalidOperationException($"catalog.toml has no [managers.{name}]");

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
    public List<ChoiceInfo> Database { get; init; } = [];
    public List<ChoiceInfo> Storage { get; init; } = [];
    public List<ChoiceInfo> Server { get; init; } = [];
    public List<ChoiceInfo> Packages { get; init; } = [];
}

/// <summary>
/// A dependency manager (catalog.toml <c>[managers.NAME]</c>): the files that show a project uses it, its lock and the
/// command that brings the lock up to date.
/// </summary>
public sealed class ManagerFacts
{
    /// <summary>Its name in prose.</summary>
    public string Label { get; init; } = "";
    /// <summary>The lock file it writes at the project root; empty for none.</summary>
    public string Lock { get; init; } = "";
    /// <summary>The pyproject.toml table only it reads (e.g. <c>tool.uv</c>); empty for none.</summary>
    public string ToolTable { get; init; } = "";
    /// <summary>A file of its own that declares the packages (<c>Pipfile</c>); empty for none.</summary>
    public string ConfigFile { get; init; } = "";
    /// <summary>The command, run at the project root, that brings the lock up to date with the declared packages.</summary>
    public string LockCommand { get; init; } = "";
    /// <summary>The official image the Dockerfile copies the manager's binary from; empty for none.</summary>
    public string Image { get; init; } = "";
    /// <summary>The requirement the Dockerfile's build stage installs to run the manager; empty for none.</summary>
    public string Tool { get; init; } = "";
}

/// <summary>One offered choice and the line a prompt shows for it.</summary>
public sealed class ChoiceInfo
{
    public string Name { get; init; } = "";
    public string Summary { get; init; } = "";
    /// <summary>For a server: the web command, with <c>{callable}</c>; the environment names the settings.</summary>
    public string Web { get; init; } = "";
    /// <summary>For a server: the web command as a Procfile line, with <c>{callable}</c> and <c>{settings}</c>.</summary>
    public string ProcfileWeb { get; init; } = "";
}

/// <summary>One file of the overlay: which template renders it, where it goes, how it meets an existing file.</summary>
public sealed class OverlayFileSpec
{
    public string Template { get; init; } = "";
    public string Path { get; init; } = "";
    public string Merge { get; init; } = "replace";
    public bool Private { get; init; }
    public List<string> Servers { get; init; } = [];
    /// <summary>The name of a yes-or-no fact of host.toml (e.g. <c>reads_python_version</c>): the file is only for hosts where it holds.</summary>
    public string WhenHost { get; init; } = "";
    /// <summary>The published JSON Schema (in the tests' Schemas/) that the rendered file must pass, if any.</summary>
    public string Schema { get; init; } = "";
    /// <summary>
    /// The part of the rendered file that <see cref="Schema"/> describes, as a dotted path (<c>properties.template</c>,
    /// where a platform publishes a schema for one section only); empty for the whole file.
    /// </summary>
    public string SchemaPart { get; init; } = "";
    /// <summary>A file of this name the user wrote (one Scaffolder never wrote) is theirs: kept as it is, never a conflict.</summary>
    public bool KeepUsers { get; init; }
    /// <summary>The kind of file (requirements, pyproject, pipfile) the project's packages must be declared in for this file to be rendered.</summary>
    public string DeclaredIn { get; init; } = "";

    /// <summary>The kinds of file packages are declared in.</summary>
    public static IReadOnlyList<string> DeclarationKinds => ["requirements", "pyproject", "pipfile"];

    /// <summary>This entry with its template named from templates/, for a host's own file listed in its folder.</summary>
    public OverlayFileSpec InFolder(string folder) => new()
    {
        Template = $"{folder}/{Template}", Path = Path, Merge = Merge, Private = Private, Servers = Servers, WhenHost = WhenHost, Schema = Schema,
        SchemaPart = SchemaPart, DeclaredIn = DeclaredIn, KeepUsers = KeepUsers,
    };

    public bool AppliesTo(HostInfo host, string server, string declaredIn) =>
        (Servers.Count == 0 || Servers.Contains(server)) && (WhenHost.Length == 0 || host.Holds(WhenHost))
        && (DeclaredIn.Length == 0 || DeclaredIn == declaredIn);
}

/// <summary>An environment variable an object store's settings read.</summary>
public sealed class StorageVariable
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public bool Required { get; init; }
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
    /// <summary>The URL's form, as .env.example shows it.</summary>
    public string UrlExample { get; init; } = "";
    /// <summary>The URL of a database on this machine, with <c>{name}</c> and <c>{password}</c>; empty for none.</summary>
    public string UrlLocal { get; init; } = "";
    /// <summary>The URL of compose.yaml's database service, with <c>{name}</c>; empty for none.</summary>
    public string UrlCompose { get; init; } = "";
}
