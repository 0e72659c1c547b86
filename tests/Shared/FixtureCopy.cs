namespace Scaffolder.Testing;

/// <summary>
/// Copies a fixture project. A fixture that is another one plus a few files (a dependency manager's over the Django 5.2
/// startproject tree) holds only those files and a <see cref="BaseMarker"/> naming the fixture it lies on: the copy is
/// that fixture's, with its own files over it.
/// </summary>
public static class FixtureCopy
{
    /// <summary>The file in a fixture that names, on its one line, the fixture it lies on.</summary>
    public const string BaseMarker = "LAYERED_ON";

    /// <summary>Copies the fixture <paramref name="name"/> of the folder <paramref name="fixtures"/> into <paramref name="target"/>.</summary>
    public static void Copy(string fixtures, string name, string target)
    {
        var source = Path.Join(fixtures, name);
        if (!Directory.Exists(source))
            throw new DirectoryNotFoundException($"no fixture {name} in {fixtures}");
        var marker = Path.Join(source, BaseMarker);
        if (File.Exists(marker))
            Copy(fixtures, File.ReadAllText(marker).Trim(), target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file == marker)
                continue;
            var copy = Path.Join(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }
}
