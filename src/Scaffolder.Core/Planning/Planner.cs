using Scaffolder.Answers;
using Scaffolder.Merging;
using Scaffolder.Ownership;
using Scaffolder.Rendering;

namespace Scaffolder.Planning;

/// <summary>
/// Compares the rendered overlay with the files on disk and the record of earlier applies, and decides per file:
/// <list type="bullet">
/// <item>absent: created;</item>
/// <item>requirements.txt, .env, ignore files: merged by their structure, the user's lines always kept;</item>
/// <item>as we wrote it last: updated freely;</item>
/// <item>edited by the user: a three-way merge of what we wrote last, what the user has and what we render now;
/// a merge with conflicts leaves the file alone and writes the merge beside it as FILE.scaffolder-new;</item>
/// <item>never written by us: a conflict, left alone unless <c>force</c>;</item>
/// <item><c>force</c> settles conflicts in the template's favour; edits that merge cleanly are kept even then;</item>
/// <item>written by us but no longer needed (another host): listed, removed only with <c>force</c>.</item>
/// </list>
/// The record itself (.scaffolder.json) is the plan's last file.
/// </summary>
public sealed class Planner(IThreeWayMerge merge)
{
    public const string SideFileSuffix = ".scaffolder-new";

    public Plan Plan(string root, Overlay overlay, ProjectAnswers answers, ProjectRecord? previous, bool force)
    {
        var files = new List<PlannedFile>();
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        var bases = new List<string>();
        var previousFiles = previous?.Files ?? new Dictionary<string, string>();

        foreach (var file in overlay.Files)
        {
            var (planned, owned) = PlanFile(root, file, previousFiles.GetValueOrDefault(file.Path), force);
            files.AddRange(planned);
            // What we render now is what we wrote (or, after a conflict, what the user is to settle towards).
            if (owned && !file.Private)
            {
                recorded[file.Path] = GitBlob.Hash(file.Content);
                if (file.Merge == MergeStrategy.Replace)
                    bases.Add(file.Content);
            }
        }

        var rendered = overlay.Files.Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, hash) in previousFiles.Where(entry => !rendered.Contains(entry.Key)))
        {
            var before = Read(root, path);
            if (before is null)
                continue;
            files.Add(force
                ? new PlannedFile(path, FileAction.Remove, before, "", false, "no longer needed by these answers")
                : new PlannedFile(path, FileAction.Obsolete, before, "", false, "no longer needed by these answers; --force removes it"));
            if (!force)
                recorded[path] = hash;
        }

        var record = new ProjectRecord(answers, recorded).Serialize();
        files.Add(Planned(ProjectRecord.FileName, record, Read(root, ProjectRecord.FileName), isPrivate: false));
        return new Plan(root, files, bases);
    }

    /// <returns>What happens to the file (and to its side file, if any), and whether we own what it will hold.</returns>
    private (IEnumerable<PlannedFile> Planned, bool Owned) PlanFile(string root, RenderedFile file, string? recordedHash, bool force)
    {
        var before = Read(root, file.Path);
        if (before is null || file.Merge != MergeStrategy.Replace)
        {
            var after = before is null ? file.Content : FileMergers.Merge(file.Merge, before, file.Content);
            return ([Planned(file.Path, after, before, file.Private)], true);
        }

        if (before == file.Content)
            return ([Planned(file.Path, before, before, isPrivate: false)], true);
        if (recordedHash is null)
        {
            return force
                ? ([Changed(file.Path, before, file.Content, "not written by Scaffolder; replaced (--force)")], true)
                : ([new PlannedFile(file.Path, FileAction.Conflict, before, file.Content, false, "not written by Scaffolder; --force replaces it")], false);
        }
        if (GitBlob.Hash(before) == recordedHash)
            return ([Changed(file.Path, before, file.Content, "as Scaffolder wrote it: updated to the current template")], true);

        // The user edited a file we wrote: merge their edits with the template's. Only what does not merge is a conflict,
        // and only a conflict is settled by --force.
        var baseText = merge.ReadBase(root, recordedHash);
        var merged = baseText is null ? null : merge.Merge(root, file.Path, baseText, before, file.Content);
        if (merged is { Conflicts: 0 })
        {
            return merged.Text == before
                ? ([Planned(file.Path, before, before, isPrivate: false)], true)
                : ([Changed(file.Path, before, merged.Text, "your edits merged with the current template")], true);
        }
        if (force)
            return ([Changed(file.Path, before, file.Content, "your edits conflicted with the current template; replaced (--force)")], true);

        var sidePath = file.Path + SideFileSuffix;
        var reason = merged is null
            ? "edited, and what Scaffolder wrote last is not in git to merge with"
            : $"edited; {merged.Conflicts} conflict(s) with the current template";
        return ([
            new PlannedFile(file.Path, FileAction.Conflict, before, file.Content, false, $"{reason}: see {sidePath}"),
            Planned(sidePath, merged?.Text ?? file.Content, Read(root, sidePath), isPrivate: false),
        ], true);
    }

    /// <summary>A file we may write as it comes: created, updated or left as it is.</summary>
    private static PlannedFile Planned(string path, string after, string? before, bool isPrivate)
    {
        var action = before is null ? FileAction.Create : before == after ? FileAction.Unchanged : FileAction.Update;
        return new PlannedFile(path, action, before, after, isPrivate);
    }

    private static PlannedFile Changed(string path, string before, string after, string note) =>
        new(path, FileAction.Update, before, after, false, note);

    private static string? Read(string root, string relative)
    {
        var path = PathGuard.Resolve(root, relative);
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
