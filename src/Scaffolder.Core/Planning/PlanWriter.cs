namespace Scaffolder.Planning;

/// <summary>
/// Carries out a plan all or nothing. Every new text is first written beside its target; then each target is
/// copied aside and the new file renamed over it, an atomic step: whenever the process stops, even killed,
/// each file is either old or new, never half-written or missing. If any step fails, what was done is undone
/// from the copies and the tree is as it was.
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
        try
        {
            foreach (var file in plan.Writes)
            {
                var target = PathGuard.Resolve(plan.Root, file.Path);
                var temporary = target + suffix + ".new";
                files.WriteNew(temporary, file.After, ModeFor(target, file.Private));
                staged.Add((temporary, target));
            }

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

    // Secrets are for the owner alone; any other file keeps the mode it had, and a new one is readable by all.
    private UnixFileMode ModeFor(string target, bool holdsSecrets) =>
        holdsSecrets ? OwnerOnly : files.Exists(target) ? files.ModeOf(target) : Readable;

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
