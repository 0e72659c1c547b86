namespace Scaffolder.EndToEnd;

/// <summary>The rendered files a host reads: its manifest, the Procfile and the Dockerfile, and the commands in them.</summary>
public sealed class RenderedProject(HostPlan host, string folder, Manifest manifest, IReadOnlyDictionary<string, string> procfile, DockerImage image)
{
    private readonly Dictionary<string, Manifest> _otherFiles = [];

    public HostPlan Host { get; } = host;

    public Manifest Manifest { get; } = manifest;

    public DockerImage Image { get; } = image;

    /// <param name="build">For a kustomize host: what <c>kustomize build</c> makes of the manifest's folder (given relative to the project).</param>
    public static RenderedProject Read(HostPlan host, string folder, Func<string, string>? build = null)
    {
        var procfile = Path.Join(folder, "Procfile");
        var manifest = host.Kustomize
            ? Manifest.FromBuild(host.Manifest, (build ?? throw new InvalidOperationException("a kustomize host needs its build"))(Path.GetDirectoryName(host.Manifest)!))
            : Manifest.Read(Path.Join(folder, host.Manifest));
        return new RenderedProject(
            host,
            folder,
            manifest,
            File.Exists(procfile) ? Procfile.Parse(File.ReadAllText(procfile)) : new Dictionary<string, string>(),
            DockerImage.Parse(File.ReadAllText(Path.Join(folder, "Dockerfile"))));
    }

    /// <summary>
    /// The command a source names (see <c>hosts.toml</c>): the first of its " | " alternatives the files have, as one
    /// line for <c>sh -c</c> (a list, exec form, is quoted word by word). An alternative of parts joined by " + " is
    /// their words in order (a container's command, then its args), and is there only when every part is. Anything
    /// else is a literal command.
    /// </summary>
    public string Command(string source)
    {
        foreach (var alternative in source.Split(" | "))
        {
            var parts = alternative.Split(" + ");
            if (parts.Length > 1)
            {
                var words = parts.Select(Words).ToList();
                if (words.All(part => part is not null))
                    return Shell.Join(words.SelectMany(part => part!));
                continue;
            }
            var (kind, rest) = alternative.Split(':', 2) is [var k, var r] ? (k, r) : ("", alternative);
            var command = kind switch
            {
                "manifest" or "file" => Value(alternative) switch
                {
                    string line => line,
                    IReadOnlyList<object> list => Shell.Join(list.Cast<string>()),
                    _ => null,
                },
                "procfile" => procfile.GetValueOrDefault(rest),
                "platform" when rest == "install" => PlatformInstall(),
                // As the kubelet: the container's command and args, else the image's CMD.
                "pod" => Shell.Join(new KubernetesPod(Manifest, rest).Command ?? Image.Command),
                "image" when rest == "cmd" => Shell.Join(Image.Command),
                _ => alternative,
            };
            if (command is not null)
                return command;
        }
        throw new StepFailed($"{Host.Manifest}: no command at {source}");
    }

    /// <summary>The words of one part of a joined command: a list of the manifest's, or one string as a single word.</summary>
    private IReadOnlyList<string>? Words(string part) => Value(part) switch
    {
        string word => [word],
        IReadOnlyList<object> list => [.. list.Cast<string>()],
        _ => null,
    };

    /// <summary>A value of the manifest ("manifest:PATH") or of another rendered file ("file:NAME:PATH"), or null.</summary>
    private object? Value(string source)
    {
        if (source.StartsWith("manifest:", StringComparison.Ordinal))
            return Manifest.Find(source["manifest:".Length..]);
        if (source.Split(':', 3) is ["file", var name, var path])
        {
            if (!_otherFiles.TryGetValue(name, out var file))
            {
                var full = Path.Join(folder, name);
                if (!File.Exists(full))
                    return null;
                _otherFiles[name] = file = Manifest.Read(full);
            }
            return file.Find(path);
        }
        return null;
    }

    /// <summary>The paths the manifest has the platform probe, and the probe's Host header; a path named in hosts.toml must be there.</summary>
    public HealthProbe.PlatformProbes Probes => new(ProbePath(Host.ReadyPath), ProbePath(Host.LivePath), Host.ProbeHost);

    private string? ProbePath(string? source) => source is null
        ? null
        : Value(source) as string is { } path && path.StartsWith('/')
            ? path
            : throw new StepFailed($"{Host.Manifest}: no probe path at {source}");

    /// <summary>
    /// The install the platform's build picks by the file at the project's root (hosts.toml <c>install</c>); like the
    /// buildpack, it refuses a repository with two of them.
    /// </summary>
    private string PlatformInstall()
    {
        var present = Host.Install.Where(pair => File.Exists(Path.Join(folder, pair.Key))).ToList();
        return present.Count switch
        {
            1 => present[0].Value,
            0 => throw new StepFailed($"{Host.Name}'s build finds none of {string.Join(", ", Host.Install.Select(pair => pair.Key))} at the root"),
            _ => throw new StepFailed($"{Host.Name}'s build refuses a repository with both {string.Join(" and ", present.Select(pair => pair.Key))}"),
        };
    }

    /// <summary>The app's name as the manifest gives it, for the platform's domain.</summary>
    public string? AppName => Host.AppName is { } source ? Manifest.Find(source["manifest:".Length..]) as string : null;

    /// <summary>The variables the manifest declares with their values; those it leaves to the deployment are not here.</summary>
    public IReadOnlyDictionary<string, string> DeclaredVariables()
    {
        var declared = new Dictionary<string, string>();
        if (Host.Variables is { } pod && pod.StartsWith("pod:", StringComparison.Ordinal))
            return new KubernetesPod(Manifest, pod["pod:".Length..]).Environment();
        // Several places are joined by " + " (app-level, then component-level variables); a later one wins.
        foreach (var source in Host.Variables?.Split(" + ") ?? [])
            Declare(declared, Manifest.Find(source["manifest:".Length..]));
        return declared;
    }

    private static void Declare(Dictionary<string, string> declared, object? variables)
    {
        switch (variables)
        {
            case IReadOnlyList<object> list:
                // {key, value} (render.yaml, DigitalOcean) or {name, value} (a container's env: Cloud Run, Azure).
                foreach (var item in list.OfType<IReadOnlyDictionary<string, object>>())
                {
                    if ((item.GetValueOrDefault("key") ?? item.GetValueOrDefault("name")) is string key && item.GetValueOrDefault("value") is string value)
                        declared[key] = value;
                }
                break;
            case IReadOnlyDictionary<string, object> map:
                foreach (var (key, value) in map)
                {
                    if (value is string text)
                        declared[key] = text;
                    else if (value is IReadOnlyDictionary<string, object> entry && entry.GetValueOrDefault("value") is string declaredValue)
                        declared[key] = declaredValue;
                }
                break;
        }
    }
}
