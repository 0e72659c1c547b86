using Scaffolder.Rendering;

namespace Scaffolder.Planning;

public enum FileAction { Create, Update, Unchanged, Conflict }

/// <summary>What applying will do to one file.</summary>
/// <param name="Before">The file's current text; null when it does not exist.</param>
/// <param name="After">The text it will have (for a conflict: what we would have written).</param>
public sealed record PlannedFile(string Path, FileAction Action, string? Before, string After, bool Private)
{
    public bool WillWrite => Action is FileAction.Create or FileAction.Update;
}

public sealed record Plan(string Root, IReadOnlyList<PlannedFile> Files)
{
    public IEnumerable<PlannedFile> Writes => Files.Where(file => file.WillWrite);

    public IEnumerable<PlannedFile> Conflicts => Files.Where(file => file.Action == FileAction.Conflict);
}
