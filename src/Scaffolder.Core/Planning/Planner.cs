using Scaffolder.Merging;
using Scaffolder.Rendering;

namespace Scaffolder.Planning;

/// <summary>
/// Compares the rendered overlay with the files on disk and decides, per file, what applying does. A file
/// we would replace wholesale that exists with other content is a conflict unless <c>force</c> is given;
/// files merged by structure (requirements.txt, .env, ignore files) never are.
/// </summary>
public static class Planner
{
    public static Plan Plan(string root, Overlay overlay, bool force) =>
        new(root, [.. overlay.Files.Select(file => PlanFile(root, file, force))]);

    private static PlannedFile PlanFile(string root, RenderedFile file, bool force)
    {
        var before = ReadExisting(Path.Combine(root, file.Path));
        if (before is null)
            return new PlannedFile(file.Path, FileAction.Create, null, file.Content, file.Private);

        var after = file.Merge == MergeStrategy.Replace ? file.Content : FileMergers.Merge(file.Merge, before, file.Content);
        var action = after == before ? FileAction.Unchanged
            : file.Merge != MergeStrategy.Replace || force ? FileAction.Update
            : FileAction.Conflict;
        return new PlannedFile(file.Path, action, before, after, file.Private);
    }

    private static string? ReadExisting(string path)
    {
        if (Directory.Exists(path))
            throw new UserError($"{path} is a folder where the overlay writes a file; move it aside");
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"cannot read {path} ({e.Message}); check its permissions");
        }
    }
}
