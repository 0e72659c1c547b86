using Tomlyn;
using Tomlyn.Model;

namespace Scaffolder.EndToEnd;

/// <summary>How one host deploys an overlay, as <c>hosts.toml</c> says: where each phase's command comes from.</summary>
/// <param name="Build">The build's commands, in order: sources (see <see cref="RenderedProject.Command"/>) or literal commands.</param>
/// <param name="BuildImage">The host builds the Dockerfile and runs the image; otherwise it runs the repository.</param>
/// <param name="ReachedDirectly">No platform router stands before the app: the web server alone decides whom to believe X-Forwarded-Proto from.</param>
/// <param name="EnvFile">The manifest hands the local .env to the app (compose's env_file), over the image's ENV.</param>
/// <param name="Volume">Where the manifest mounts a disk (a source, see <see cref="RenderedProject.Command"/>), or null.</param>
/// <param name="SqliteRefused">apply refuses SQLite on this host unless forced.</param>
/// <param name="ReadyPath">Where the manifest names the path the platform's readiness (or startup) probe asks, or null.</param>
/// <param name="LivePath">Where the manifest names the path the platform's liveness probe asks, or null.</param>
/// <param name="ProbeHost">The Host header the platform's probe sends, where the platform documents one.</param>
/// <param name="Kustomize">The manifest is a kustomization: its folder, as <c>kustomize build</c> makes it, is what the host applies.</param>
/// <param name="SecretFile">The file the deployment's secrets are written to before the build, as the next steps tell the user, or null.</param>
/// <param name="Probes">The workload whose HTTP probes are sent to the web server as the kubelet sends them, or null.</param>
/// <param name="Databases">The databases deployed on this host (those a host cannot use at all are left out, with the reason in hosts.toml).</param>
public sealed record HostPlan(
    string Name,
    string Manifest,
    string? AppName,
    string? Variables,
    IReadOnlyList<string> Build,
    bool BuildImage,
    string Release,
    string Web,
    string Domain,
    IReadOnlyDictionary<string, string> PlatformVariables,
    bool ReachedDirectly,
    bool EnvFile,
    string? Volume,
    bool SqliteRefused,
    string? ReadyPath,
    string? LivePath,
    string? ProbeHost,
    bool Kustomize,
    string? SecretFile,
    string? Probes,
    IReadOnlyList<string> Databases)
{
    /// <summary>How the platform's own build installs the packages, by the file at the root it picks the installer from, in its order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Install { get; init; } = [];

    /// <summary>
    /// For a project below its repository's root, what a host that builds from the repository receives of it (hosts.toml's
    /// <c>checkout</c>), or null where hosts.toml does not say.
    /// </summary>
    public string? Checkout { get; init; }
}

/// <summary>Every host's plan, read from <c>hosts.toml</c>, and what stands in for what no machine here can do.</summary>
public sealed record HostCatalog(IReadOnlyList<HostPlan> Hosts, IReadOnlyList<string> ProvidedByChroot)
{
    public static HostCatalog Load(string path)
    {
        var toml = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))!;
        var hosts = ((TomlTableArray)toml["host"]).Select(host => new HostPlan(
            Name: (string)host["name"],
            Manifest: (string)host["manifest"],
            AppName: host.TryGetValue("app_name", out var app) ? (string)app : null,
            Variables: host.TryGetValue("variables", out var variables) ? (string)variables : null,
            Build: host.TryGetValue("build", out var build) ? [.. ((TomlArray)build).Cast<string>()] : [],
            BuildImage: host.TryGetValue("build_image", out var image) && (bool)image,
            Release: (string)host["release"],
            Web: (string)host["web"],
            Domain: (string)host["domain"],
            PlatformVariables: ((TomlTable)host["platform_variables"]).ToDictionary(pair => pair.Key, pair => (string)pair.Value),
            ReachedDirectly: host.TryGetValue("reached_directly", out var direct) && (bool)direct,
            EnvFile: host.TryGetValue("env_file", out var envFile) && (bool)envFile,
            Volume: host.TryGetValue("volume", out var volume) ? (string)volume : null,
            SqliteRefused: host.TryGetValue("sqlite_refused", out var refused) && (bool)refused,
            ReadyPath: host.TryGetValue("ready_path", out var ready) ? (string)ready : null,
            LivePath: host.TryGetValue("live_path", out var live) ? (string)live : null,
            ProbeHost: host.TryGetValue("probe_host", out var probeHost) ? (string)probeHost : null,
            Kustomize: host.TryGetValue("kustomize", out var kustomize) && (bool)kustomize,
            SecretFile: host.TryGetValue("secret_file", out var secretFile) ? (string)secretFile : null,
            Probes: host.TryGetValue("probes", out var probes) ? (string)probes : null,
            Databases: host.TryGetValue("databases", out var databases) ? [.. ((TomlArray)databases).Cast<string>()] : ["postgres", "mysql", "sqlite"])
        {
            Install = host.TryGetValue("install", out var install)
                ? [.. ((TomlTable)install).Select(pair => new KeyValuePair<string, string>(pair.Key, (string)pair.Value))]
                : [],
            Checkout = host.TryGetValue("checkout", out var checkout) ? (string)checkout : null,
        });
        var provided = (TomlArray)((TomlTable)toml["image"])["provided_by_chroot"];
        return new HostCatalog([.. hosts], [.. provided.Cast<string>()]);
    }

    public HostPlan Named(string name) => Hosts.Single(host => host.Name == name);

    /// <summary>The plan of the host whose manifest the project has; exactly one must be there.</summary>
    public HostPlan For(string projectFolder)
    {
        var present = Hosts.Where(host => File.Exists(Path.Join(projectFolder, host.Manifest))).ToList();
        return present.Count == 1
            ? present[0]
            : throw new StepFailed($"the overlay should have exactly one host manifest, and has {(present.Count == 0 ? "none" : string.Join(", ", present.Select(host => host.Manifest)))}");
    }
}
