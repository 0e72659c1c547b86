using Scaffolder.Answers;
using Scaffolder.Merging;
using Scaffolder.Ownership;
using Scaffolder.Rendering;

namespace Scaffolder.Planning;

/// <summary>What the user allowed beyond a plain apply.</summary>
/// <param name="Force">Settle conflicts in the template's favour (discarding the user's edits there) and remove every obsolete file.</param>
/// <param name="Prune">Remove obsolete files the user never edited.</param>
public sealed record PlanChoices(bool Force, bool Prune);

/// <summary>
/// Compares the rendered overlay with the files on disk and the record of earlier applies, and decides per file:
/// <list type="bullet">
/// <item>absent: created;</item>
/// <item>requirements.txt, .env, ignore files: merged by their structure, the user's lines always kept;</item>
/// <item>as we wrote it last: updated freely;</item>
/// <item>edited by the user: a three-way merge of what we wrote last, what the user has and what we render now;
/// a merge with conflicts leaves the file alone and writes the merge beside it as FILE.scaffolder-new;</item>
/// <item>never written by us and different: a conflict, with what we would write beside it as FILE.scaffolder-new;</item>
/// <item>a conflict stays pending, in the record, until the user deletes FILE.scaffolder-new; the next apply then takes
/// FILE as they settled it;</item>
/// <item><c>Force</c> settles conflicts in the template's favour; edits that merge cleanly are kept even then;</item>
/// <item>written by us but no longer needed (another host): obsolete, removed by <c>Prune</c> when unedited, by <c>Force</c> always.</item>
/// </list>
/// The record itself (.scaffolder.json) is the plan's last file.
/// </summary>
public sealed class Planner(IThreeWayMerge merge)
{
    public const string SideFileSuffix = ".scaffolder-new";

    private const string ConflictMarker = "<<<<<<< ";

    public Plan Plan(string root, Overlay overlay, ProjectAnswers answers, ProjectRecord? previous, PlanChoices choices)
    {
        var files = new List<PlannedFile>();
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var bases = new List<string>();
        var previousFiles = previous?.Files ?? new Dictionary<string, string>();
        var previousPending = previous?.PendingConflicts ?? new HashSet<string>();

        foreach (var file in overlay.Files)
        {
            var outcome = PlanFile(root, file, previousFiles.GetValueOrDefault(file.Path), previousPending.Contains(file.Path), choices.Force);
            files.AddRange(outcome.Files);
            if (outcome.RecordedHash is { } hash && !file.HoldsSecrets)
                recorded[file.Path] = hash;
            if (outcome.NewBase)
                bases.Add(file.Content);
            if (outcome.Pending)
                pending.Add(file.Path);
            // --force settled a pending conflict: the side file that was to settle it goes too.
            var sidePath = file.Path + SideFileSuffix;
            if (choices.Force && previousPending.Contains(file.Path) && Read(root, sidePath) is { } sideText)
                files.Add(new PlannedFile(sidePath, FileAction.Remove, sideText, "", false, $"{file.Path} was replaced (--force)"));
        }

        var rendered = overlay.Files.Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        var forgotten = false;
        foreach (var (path, hash) in previousFiles.Where(entry => !rendered.Contains(entry.Key)))
        {
            var before = Read(root, path);
            if (before is null)
            {
                forgotten = true;  // the user removed a file the answers no longer need: settled
                continue;
            }
            var edited = GitBlob.Hash(before) != hash;
            if (choices.Force || (choices.Prune && !edited))
            {
                files.Add(new PlannedFile(path, FileAction.Remove, before, "", false, "no longer needed by these answers"));
                continue;
            }
            files.Add(new PlannedFile(path, FileAction.Obsolete, before, "", false, edited
                ? "no longer needed by these answers; you edited it: git rm it, or --force removes it"
                : "no longer needed by these answers; --prune removes it") { EditedByUser = edited });
            recorded[path] = hash;
        }

        var record = new ProjectRecord(answers, recorded, pending);
        var recordBefore = Read(root, ProjectRecord.FileName);
        var recordFile = Planned(ProjectRecord.FileName, record.Serialize(), recordBefore, holdsSecrets: false);
        // Forgetting files the user already removed is bookkeeping, not drift: --check passes once they are gone.
        if (forgotten && recordFile.Action == FileAction.Update && previous is not null
            && record.Serialize() == (previous with { Files = ForgetGone(root, previous.Files, rendered) }).Serialize())
        {
            recordFile = recordFile with { Bookkeeping = true };
        }
        files.Add(recordFile);
        return new Plan(root, files, bases);
    }

    /// <summary>What happens to one rendered file (and its side file, if any), and what the record keeps of it.</summary>
    /// <param name="RecordedHash">The hash to record as what we wrote (the base of later merges); null when we own nothing there.</param>
    /// <param name="NewBase">What we render now becomes the base of later merges, to be kept in git.</param>
    private sealed record FileOutcome(IReadOnlyList<PlannedFile> Files, string? RecordedHash, bool NewBase, bool Pending = false);

    private FileOutcome PlanFile(string root, RenderedFile file, string? recordedHash, bool wasPending, bool force)
    {
        var rendered = GitBlob.Hash(file.Content);
        var before = Read(root, file.Path);
        // The user's own file (never ours): theirs to keep, and what the answers were read from.
        if (file.KeepsUsers && before is not null && recordedHash is null)
            return new([new PlannedFile(file.Path, FileAction.Unchanged, before, before, false, "yours: kept as it is")], null, NewBase: false);
        if (before is null || file.Merge != MergeStrategy.Replace)
        {
            // A file of the user's that we add to: what we rendered last is the base that tells our entries from theirs.
            var declaresPackages = file.Merge is MergeStrategy.Requirements or MergeStrategy.Pyproject or MergeStrategy.Pipfile;
            var ours = before is null || !declaresPackages || recordedHash is null ? null : merge.ReadBase(root, recordedHash);
            var after = before is null ? file.Content : FileMergers.Merge(file.Merge, before, file.Content, ours);
            return new([Planned(file.Path, after, before, file.HoldsSecrets)], rendered, NewBase: file.Merge == MergeStrategy.Replace || declaresPackages);
        }

        var sidePath = file.Path + SideFileSuffix;
        if (wasPending && recordedHash is not null && PendingConflict(root, file.Path, sidePath, before) is { } stillPending)
        {
            return force
                ? new([Changed(file.Path, before, file.Content, "pending conflict settled with the template (--force)")], rendered, NewBase: true)
                : new([stillPending], recordedHash, NewBase: false, Pending: true);
        }

        if (before == file.Content)
            return new([Planned(file.Path, before, before, holdsSecrets: false)], rendered, NewBase: true);
        if (recordedHash is null)
        {
            return force
                ? new([Changed(file.Path, before, file.Content, "not written by Scaffolder; replaced (--force)")], rendered, NewBase: true)
                : Conflicted(root, file, before, file.Content, "not written by Scaffolder");
        }
        if (GitBlob.Hash(before) == recordedHash)
            return new([Changed(file.Path, before, file.Content, "as Scaffolder wrote it: updated to the current template")], rendered, NewBase: true);

        // The user edited a file we wrote: merge their edits with the template's. Only what does not merge is a conflict,
        // and only a conflict is settled by --force.
        var baseText = merge.ReadBase(root, recordedHash);
        var merged = baseText is null ? null : merge.Merge(root, file.Path, baseText, before, file.Content);
        if (merged is { Conflicts: 0 })
        {
            return merged.Text == before
                ? new([Planned(file.Path, before, before, holdsSecrets: false)], rendered, NewBase: true)
                : new([Changed(file.Path, before, merged.Text, "your edits merged with the current template")], rendered, NewBase: true);
        }
        if (force)
            return new([Changed(file.Path, before, file.Content, "your edits conflicted with the current template; replaced (--force)")], rendered, NewBase: true);

        var reason = merged is null
            ? "edited, and what Scaffolder wrote last is not in git to merge with"
            : $"edited; {merged.Conflicts} conflict(s) with the current template";
        return Conflicted(root, file, before, merged?.Text ?? file.Content, reason);
    }

    /// <summary>
    /// A conflict: the file stays as the user has it, what to settle towards goes beside it, and the record keeps it
    /// pending with what we render now as the base, so that once settled it merges like any edited file.
    /// </summary>
    private static FileOutcome Conflicted(string root, RenderedFile file, string before, string sideText, string reason)
    {
        var sidePath = file.Path + SideFileSuffix;
        return new([
            new PlannedFile(file.Path, FileAction.Conflict, before, file.Content, false, $"{reason}: settle it with {sidePath}"),
            Planned(sidePath, sideText, Read(root, sidePath), holdsSecrets: false) with { SideFileOf = file.Path },
        ], GitBlob.Hash(file.Content), NewBase: true, Pending: true);
    }

    /// <summary>
    /// A conflict from an earlier apply that the user has not settled yet: FILE.scaffolder-new is still there (it is
    /// theirs to edit now, so it is left alone), or FILE still holds conflict markers. Null once settled.
    /// </summary>
    private static PlannedFile? PendingConflict(string root, string path, string sidePath, string before)
    {
        if (Read(root, sidePath) is not null)
            return new PlannedFile(path, FileAction.Conflict, before, before, false, $"conflict pending from an earlier apply: settle it with {sidePath}");
        return before.Split('\n').Any(line => line.StartsWith(ConflictMarker, StringComparison.Ordinal))
            ? new PlannedFile(path, FileAction.Conflict, before, before, false, "conflict pending: it still holds conflict markers (<<<<<<<)")
            : null;
    }

    private static IReadOnlyDictionary<string, string> ForgetGone(string root, IReadOnlyDictionary<string, string> files, HashSet<string> rendered) =>
        files.Where(entry => rendered.Contains(entry.Key) || Read(root, entry.Key) is not null)
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    /// <summary>A file we may write as it comes: created, updated or left as it is.</summary>
    private static PlannedFile Planned(string path, string after, string? before, bool holdsSecrets)
    {
        var action = before is null ? FileAction.Create : before == after ? FileAction.Unchanged : FileAction.Update;
        return new PlannedFile(path, action, before, after, holdsSecrets);
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
            return File.Exists(path) ? TextFile.Read(path) : null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"cannot read {path} ({e.Message}); check its permissions");
        }
    }
}
