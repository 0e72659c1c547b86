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
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(project.Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return project;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), content);
    }

    /// <summary>Every file below the root with its content, to show that nothing changed.</summary>
    public IReadOnlyDictionary<string, string> Contents() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(Root, file).Replace('\\', '/'), File.ReadAllText);

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
