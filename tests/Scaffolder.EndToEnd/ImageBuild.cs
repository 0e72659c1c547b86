namespace Scaffolder.EndToEnd;

/// <summary>What an image build leaves for running the image: where and as whom its commands run, and its ENV.</summary>
public sealed record BuiltImage(string WorkingDirectory, string? User, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Command);

/// <summary>
/// Builds a rendered Dockerfile's final stage in a chroot the way a container build does: instruction by
/// instruction, each RUN as written through <c>sh -c</c> in the WORKDIR, as the USER so far, seeing only the ENV so
/// far (over the base image's PATH and locale); <c>COPY</c> of the build context leaves out what .dockerignore says.
/// The chroot stands in for the base image and for what it cannot do here (see <c>hosts.toml</c>): steps that install
/// packages are not run, nor <c>COPY --from</c> an earlier stage, whose product (the virtualenv) the chroot's Debian
/// packages stand in for. The earlier (build) stage runs first, the same way, in a folder of its own: its pip steps are
/// left out as above, its uv and Poetry steps run the stand-ins that check the lock and the declared packages. Every build starts from the chroot's own accounts and without the folders earlier builds
/// made, as a fresh base image would.
/// </summary>
public sealed class ImageBuild(Chroot chroot, IReadOnlyList<string> providedByChroot)
{
    private const string MadeFolders = "/.scaffolder-e2e-workdirs";
    private static readonly string[] AccountFiles = ["passwd", "group", "shadow", "gshadow"];

    /// <summary>Notes of what was not run, for the scenario's line.</summary>
    public List<string> Skipped { get; } = [];

    public BuiltImage Build(string contextFolder, DockerImage image)
    {
        Reset();
        // The build stage first, in a folder of its own (its installs are checked by the stand-ins, its product is not kept).
        MakeFolder(BuildStageFolder);
        Run(contextFolder, image.EarlierStages, BuildStageFolder);
        return Run(contextFolder, image.Instructions, "/") with { Command = image.Command };
    }

    private const string BuildStageFolder = "/.scaffolder-e2e-build-stage";

    private BuiltImage Run(string contextFolder, IReadOnlyList<DockerInstruction> instructions, string folder)
    {
        var environment = new Dictionary<string, string>(Chroot.BaseEnvironment);
        string? user = null;
        foreach (var instruction in instructions)
        {
            switch (instruction.Keyword)
            {
                case "ENV":
                    foreach (var (key, value) in DockerImage.Variables(instruction.Arguments, environment))
                        environment[key] = value;
                    break;
                case "WORKDIR":
                    folder = Path.IsPathRooted(instruction.Arguments) ? instruction.Arguments : Path.Join(folder, instruction.Arguments);
                    MakeFolder(folder);
                    break;
                case "USER":
                    user = instruction.Arguments == "root" ? null : instruction.Arguments;
                    break;
                case "COPY" when instruction.Arguments.StartsWith("--from=", StringComparison.Ordinal):
                    Skipped.Add($"COPY {instruction.Arguments} (the chroot's packages)");
                    break;
                case "COPY":
                    Copy(contextFolder, instruction.Arguments, folder);
                    break;
                case "RUN" when providedByChroot.Any(prefix => instruction.Arguments.StartsWith(prefix, StringComparison.Ordinal)):
                    Skipped.Add($"RUN {instruction.Arguments.Split(' ')[0]} (the chroot's packages)");
                    break;
                case "RUN":
                    chroot.Check(folder, Mounted(contextFolder, instruction.Arguments, folder), environment, TimeSpan.FromMinutes(3), user);
                    break;
            }
        }
        return new BuiltImage(folder, user, environment, []);
    }

    /// <summary>
    /// A RUN's command without its --mount options: a bind mount of the build context is a copy of its source at its
    /// target (relative to the WORKDIR); a cache mount is nothing here.
    /// </summary>
    private string Mounted(string contextFolder, string arguments, string folder)
    {
        var rest = arguments;
        while (rest.StartsWith("--mount=", StringComparison.Ordinal))
        {
            var option = rest.Split(' ', 2);
            var fields = option[0]["--mount=".Length..].Split(',').Select(field => field.Split('=', 2)).Where(pair => pair.Length == 2)
                .ToDictionary(pair => pair[0], pair => pair[1]);
            if (fields.GetValueOrDefault("type") == "bind" && fields.TryGetValue("source", out var source) && fields.TryGetValue("target", out var target))
            {
                var copy = chroot.HostPath(Path.IsPathRooted(target) ? target : Path.Join(folder, target));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(Path.Join(contextFolder, source), copy, overwrite: true);
            }
            rest = option.Length > 1 ? option[1].TrimStart() : "";
        }
        return rest;
    }

    /// <summary>Puts back the chroot's accounts as they were before any build, and removes the folders builds made.</summary>
    public void Reset()
    {
        var saved = chroot.HostPath("/.scaffolder-e2e-accounts");
        if (!Directory.Exists(saved))
        {
            Directory.CreateDirectory(saved);
            foreach (var file in AccountFiles.Where(file => File.Exists(chroot.HostPath($"/etc/{file}"))))
                File.Copy(chroot.HostPath($"/etc/{file}"), Path.Join(saved, file));
            File.WriteAllLines(Path.Join(saved, "home"), Directory.EnumerateDirectories(chroot.HostPath("/home")).Select(home => Path.GetFileName(home)));
        }
        foreach (var file in AccountFiles.Where(file => File.Exists(Path.Join(saved, file))))
            File.Copy(Path.Join(saved, file), chroot.HostPath($"/etc/{file}"), overwrite: true);
        var homes = File.ReadAllLines(Path.Join(saved, "home")).ToHashSet();
        foreach (var home in Directory.EnumerateDirectories(chroot.HostPath("/home")).Where(home => !homes.Contains(Path.GetFileName(home))))
            Directory.Delete(home, recursive: true);

        var made = chroot.HostPath(MadeFolders);
        if (File.Exists(made))
        {
            foreach (var folder in File.ReadAllLines(made).Where(folder => Directory.Exists(chroot.HostPath(folder))))
                Directory.Delete(chroot.HostPath(folder), recursive: true);
            File.Delete(made);
        }
    }

    private void MakeFolder(string folder)
    {
        if (Directory.Exists(chroot.HostPath(folder)))
            return;
        Directory.CreateDirectory(chroot.HostPath(folder));
        File.AppendAllLines(chroot.HostPath(MadeFolders), [folder]);
    }

    // COPY SOURCE... DEST, sources relative to the build context, DEST relative to the WORKDIR.
    private void Copy(string contextFolder, string arguments, string folder)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
        var target = Path.IsPathRooted(words[^1]) ? words[^1] : Path.Join(folder, words[^1]);
        var ignore = DockerIgnore.Read(contextFolder);
        MakeFolder(target);
        foreach (var source in words[..^1])
        {
            var from = Path.GetFullPath(Path.Join(contextFolder, source));
            var files = Directory.Exists(from)
                ? Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Select(file => (File: file, Into: Path.GetRelativePath(from, file)))
                : [(File: from, Into: Path.GetFileName(from))];
            foreach (var (file, into) in files.Where(pair => !ignore.Excludes(Path.GetRelativePath(contextFolder, pair.File).Replace('\\', '/'))))
            {
                var copy = chroot.HostPath(Path.Join(target, into));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy, overwrite: true);
            }
        }
    }
}
