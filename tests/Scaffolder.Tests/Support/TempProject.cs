using Scaffolder.Testing;

namespace Scaffolder.Tests.Support;

/// <summary>A copy of a fixture project in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempProject : IDisposable
{
    private TempProject(string root) => Root = root;

    public string Root { get; }

    public static TempProject Empty()
    {
        var root = Path.Combine(Path.GetTempPath(), "scaffolder-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return new TempProject(root);
    }

    public static TempProject From(string fixture)
    {
        var project = Empty();
        FixtureCopy.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures"), fixture, project.Root);
        // A fixture marks the root of its git repository with GitRootMarker: the copy is a repository there.
        foreach (var marker in Directory.EnumerateFiles(project.Root, GitRootMarker, SearchOption.AllDirectories).ToList())
        {
            File.Delete(marker);
            var result = ProcessRunner.Run("git", ["init", "-q", Path.GetDirectoryName(marker)!]);
            if (result.ExitCode != 0)
                throw new InvalidOperationException("git init failed: " + result.Error);
        }
        return project;
    }

    /// <summary>The file that marks, in a fixture, the folder to make a git repository (a fixture cannot hold .git).</summary>
    public const string GitRootMarker = "GIT_ROOT";

    /// <summary>Makes the project a git repository, as deployed projects are; merges take their bases from it.</summary>
    public TempProject WithGit()
    {
        var result = ProcessRunner.Run("git", ["init", "-q", Root]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException("git init failed: " + result.Error);
        return this;
    }

    /// <summary>Commits everything in the project, as a user does between applies.</summary>
    public void Commit(string message)
    {
        foreach (var arguments in new[] { new[] { "add", "-A" }, ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message] })
        {
            var result = ProcessRunner.Run("git", ["-C", Root, .. arguments]);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.Error}");
        }
    }

    /// <summary>A copy of the repository's templates/ that a test may change, as a newer Scaffolder would.</summary>
    public static (TempProject Folder, Catalog.TemplateSource Source) CopyOfTemplates()
    {
        var folder = Empty();
        var source = Path.Combine(RepositoryRoot.Path, "templates");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            folder.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        return (folder, Catalog.TemplateSource.FromFolder(folder.Root));
    }

    public void Replace(string relative, string oldText, string newText)
    {
        var text = Read(relative);
        if (!text.Contains(oldText, StringComparison.Ordinal))
            throw new InvalidOperationException($"{relative} does not contain '{oldText}'");
        Write(relative, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), content);
    }

    /// <summary>Every file below the root with its content, sorted by path, to show what changed and what did not.</summary>
    public SortedDictionary<string, string> Contents() =>
        new(Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(Root, file).Replace('\\', '/'), ContentOf), StringComparer.Ordinal);

    // A symlink is shown as where it points, so that a dangling one compares too.
    private static string ContentOf(string file) =>
        new FileInfo(file).LinkTarget is { } target ? $"symlink to {target}" : File.ReadAllText(file);

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
