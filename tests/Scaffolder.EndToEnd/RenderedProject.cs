namespace Scaffolder.EndToEnd;

/// <summary>The rendered files a host reads: its manifest, the Procfile and the Dockerfile, and the commands in them.</summary>
public sealed class RenderedProject(HostPlan host, Manifest manifest, IReadOnlyDictionary<string, string> procfile, DockerImage image)
{
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
            manifest,
            File.Exists(procfile) ? Procfile.Parse(File.ReadAllText(procfile)) : new Dictionary<string, string>(),
            DockerImage.Parse(File.ReadAllText(Path.Join(folder, "Dockerfile"))));
    }

    /// <summary>
    /// The command a source names (see <c>hosts.toml</c>): the first of its " | " alternatives the files have, as one
    /// line for <c>sh -c</c> (a list, exec form, is quoted word by word). Anything else is a literal command.
    /// </summary>
    public string Command(string source)
    {
        foreach (var alternative in source.Split(" | "))
        {
            var (kind, rest) = alternative.Split(':', 2) is [var k, var r] ? (k, r) : ("", alternative);
            var command = kind switch
            {
                "manifest" => Manifest.Find(rest) switch
                {
                    string line => line,
                    IReadOnlyList<object> words => Shell.Join(words.Cast<string>()),
                    _ => null,
                },
                "procfile" => procfile.GetValueOrDefault(rest),
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

    /// <summary>The app's name as the manifest gives it, for the platform's domain.</summary>
    public string? AppName => Host.AppName is { } source ? Manifest.Find(source["manifest:".Length..]) as string : null;

    /// <summary>The variables the manifest declares with their values; those it leaves to the deployment are not here.</summary>
    public IReadOnlyDictionary<string, string> DeclaredVariables()
    {
        var declared = new Dictionary<string, string>();
        if (Host.Variables is { } pod && pod.StartsWith("pod:", StringComparison.Ordinal))
            return new KubernetesPod(Manifest, pod["pod:".Length..]).Environment();
        switch (Host.Variables is { } source ? Manifest.Find(source["manifest:".Length..]) : null)
        {
            case IReadOnlyList<object> list:
                foreach (var item in list.OfType<IReadOnlyDictionary<string, object>>())
                {
                    if (item.GetValueOrDefault("key") is string key && item.GetValueOrDefault("value") is string value)
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
        return declared;
    }
}
