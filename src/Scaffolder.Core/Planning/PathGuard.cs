namespace Scaffolder.Planning;

/// <summary>Keeps every write inside the project: no absolute paths, no <c>..</c>, no symlink that leads out.</summary>
public static class PathGuard
{
    public static string Resolve(string root, string relative)
    {
        var segments = relative.Split('/', '\\');
        if (Path.IsPathRooted(relative) || relative.Length == 0 || segments.Contains(".."))
            throw new UserError($"refusing to write '{relative}': it is not a path inside the project");

        var realRoot = RealPath(Path.GetFullPath(root));
        var target = Path.GetFullPath(Path.Combine(root, relative));
        var realTarget = RealPath(target);
        if (!realTarget.StartsWith(realRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UserError($"refusing to write '{relative}': a symlink leads it out of the project, to {realTarget}");
        return target;
    }

    /// <summary>The path with every symlink along it resolved, as far as it exists.</summary>
    private static string RealPath(string path)
    {
        var current = Path.GetPathRoot(path)!;
        foreach (var segment in path[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            // One readlink per segment, whether it names a folder or a file (the kind only types what is returned).
            var entry = new FileInfo(current);
            if (entry.LinkTarget is not null)  // a dangling link counts too: writing through it would create its target
                current = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
        }
        return current;
    }
}
