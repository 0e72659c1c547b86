namespace Scaffolder.Planning;

/// <summary>
/// Carries out a plan all or nothing. Every new text is first written beside its target; then each target is
/// copied aside and the new file renamed over it, an atomic step: whenever the process stops, even killed,
/// each file is either old or new, never half-written or missing. If any step fails, what was done is undone
/// from the copies and the tree is as it was. A file that exists keeps its mode and owner; one that may not be
/// replaced without changing whose it is (read-only, or another user's) stops the plan before anything is written.
/// Staged files are flushed to disk before their rename, and each folder after, as package managers do.
/// </summary>
public sealed class PlanWriter(IFileOperations files)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public void Write(Plan plan)
    {
        var staged = new List<(string Temporary, string Target)>();
        var done = new List<(string Target, string? Backup, bool Placed)>();
        var suffix = $".scaffolder-{Guid.NewGuid():N}";
        foreach (var file in plan.Writes)
        {
            if (files.ReplaceProblem(PathGuard.Resolve(plan.Root, file.Path)) is { } problem)
                throw new UserError($"{problem}; nothing was changed");
        }

        try
        {
            foreach (var file in plan.Writes)
            {
                var target = PathGuard.Resolve(plan.Root, file.Path);
                var temporary = target + suffix + ".new";
                var (mode, exactly) = ModeFor(target, file.HoldsSecrets);
                files.WriteNew(temporary, file.After, mode, exactly);
                staged.Add((temporary, target));
                if (files.Exists(target))
                    files.TakeOwnerOf(target, temporary);
            }
            files.FlushToDisk([.. staged.Select(entry => entry.Temporary)]);

            foreach (var (temporary, target) in staged)
            {
                var backup = CopyAside(target, suffix);
                done.Add((target, backup, false));
                files.Replace(temporary, target);
                done[^1] = (target, backup, true);
            }
            foreach (var target in plan.Removals.Select(file => PathGuard.Resolve(plan.Root, file.Path)))
            {
                var backup = target + suffix + ".old";
                files.Replace(target, backup);
                done.Add((target, backup, false));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Undo(done, staged);
            throw new UserError($"cannot write in {plan.Root} ({e.Message}); nothing was changed; make the folder writable and run again");
        }

        foreach (var folder in done.Select(entry => Path.GetDirectoryName(entry.Target)!).Distinct(StringComparer.Ordinal))
            files.SyncFolder(folder);
        foreach (var (_, backup, _) in done)
        {
            if (backup is not null)
                TryDelete(backup);
        }
    }

    private string? CopyAside(string target, string suffix)
    {
        if (!files.Exists(target))
            return null;
        var backup = target + suffix + ".old";
        files.Copy(target, backup);
        return backup;
    }

    private void Undo(List<(string Target, string? Backup, bool Placed)> done, List<(string Temporary, string Target)> staged)
    {
        foreach (var (target, backup, placed) in Enumerable.Reverse(done))
        {
            if (backup is not null)
                TryRestore(backup, target);
            else if (placed)
                TryDelete(target);
        }
        foreach (var (temporary, _) in staged)
            TryDelete(temporary);
    }

    // Secrets are for the owner alone, whatever the file had; any other file keeps the mode it had, and a new one is
    // readable by all as far as the user's umask allows.
    private (UnixFileMode Mode, bool Exactly) ModeFor(string target, bool holdsSecrets) =>
        holdsSecrets ? (OwnerOnly, true) : files.Exists(target) ? (files.ModeOf(target), true) : (Readable, false);

    private void TryDelete(string path)
    {
        try
        {
            if (files.Exists(path))
                files.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private void TryRestore(string backup, string target)
    {
        try
        {
            files.Replace(backup, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
