namespace Scaffolder.EndToEnd;

/// <summary>The rendered files a host reads: its manifest, the Procfile and the Dockerfile, and the commands in them.</summary>
public sealed class RenderedProject(HostPlan host, Manifest manifest, IReadOnlyDictionary<string, string> procfile, DockerImage image, string folder)
{
    public HostPlan Host { get; } = host;

    public Manifest Manifest { get; } = manifest;

    public DockerImage Image { get; } = image;

    public static RenderedProject Read(HostPlan host, string folder)
    {
        var procfile = Path.Join(folder, "Procfile");
        return new RenderedProject(
            host,
            Manifest.Read(Path.Join(folder, host.Manifest)),
            File.Exists(procfile) ? Procfile.Parse(File.ReadAllText(procfile)) : new Dictionary<string, string>(),
            DockerImage.Parse(File.ReadAllText(Path.Join(folder, "Dockerfile"))),
            folder);
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
                "platform" when rest == "install" => PlatformInstall(),
                "image" when rest == "cmd" => Shell.Join(Image.Command),
                _ => alternative,
            };
            if (command is not null)
                return command;
        }
        throw new StepFailed($"{Host.Manifest}: no command at {source}");
    }

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
