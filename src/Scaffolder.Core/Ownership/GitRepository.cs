namespace Scaffolder.Ownership;

/// <summary>Where the git repository enclosing a folder starts: the nearest folder up with a <c>.git</c> folder, or a
/// <c>.git</c> file (a worktree's).</summary>
public static class GitRepository
{
    /// <summary>The repository's root folder, or null outside any repository.</summary>
    public static DirectoryInfo? RootOf(string folder)
    {
        for (var candidate = new DirectoryInfo(folder); candidate is not null; candidate = candidate.Parent)
        {
            var marker = Path.Combine(candidate.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
                return candidate;
        }
        return null;
    }
}
