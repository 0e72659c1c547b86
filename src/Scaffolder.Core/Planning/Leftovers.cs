using System.Text.RegularExpressions;
using Scaffolder.Ownership;
using Scaffolder.Rendering;

namespace Scaffolder.Planning;

/// <summary>
/// What an apply that was killed part-way can leave: the staged copies (<c>FILE.scaffolder-ID.new</c>) and the copies
/// kept aside for rollback (<c>FILE.scaffolder-ID.old</c>) beside the files it writes. Each target is whole either
/// way (it is replaced by one rename), so the copies are only clutter, one of them maybe holding a secret; the next
/// apply removes them once it has written its own files.
/// </summary>
public static partial class Leftovers
{
    /// <returns>The leftovers beside the files this overlay writes or earlier ones wrote, relative to the root.</returns>
    public static IReadOnlyList<string> Find(string root, Overlay overlay, ProjectRecord? record)
    {
        var folders = overlay.Files.Select(file => file.Path)
            .Concat(record?.Files.Keys ?? [])
            .Append(ProjectRecord.FileName)
            .Select(path => Path.GetDirectoryName(path) ?? "")
            .Distinct(StringComparer.Ordinal);
        return [.. folders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder))
            .Where(file => StagedOrKeptAside().IsMatch(Path.GetFileName(file)))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public static void Clear(string root, IReadOnlyList<string> leftovers, IFileOperations files)
    {
        foreach (var leftover in leftovers)
            files.Delete(PathGuard.Resolve(root, leftover));
    }

    [GeneratedRegex(@"\.scaffolder-[0-9a-f]{32}\.(new|old)$")]
    private static partial Regex StagedOrKeptAside();
}
