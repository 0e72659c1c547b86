namespace Scaffolder.Planning;

/// <summary>
/// Writes a plan's new and updated files. Every file is first written beside its target, and only when all
/// of them are written are they renamed into place: a failure (no space, no permission) leaves every file
/// as it was.
/// </summary>
public static class PlanWriter
{
    public static void Write(Plan plan)
    {
        var staged = new List<(string Temporary, string Target)>();
        try
        {
            foreach (var file in plan.Writes)
            {
                var target = Path.Combine(plan.Root, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temporary = $"{target}.scaffolder-{Guid.NewGuid():N}.tmp";
                WriteNew(temporary, file.After, ModeFor(target, file.Private));
                staged.Add((temporary, target));
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            foreach (var (temporary, _) in staged)
                File.Delete(temporary);
            throw new UserError($"cannot write in {plan.Root} ({e.Message}); make the folder writable and run again");
        }

        foreach (var (temporary, target) in staged)
            File.Move(temporary, target, overwrite: true);
    }

    private static void WriteNew(string path, string content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        // The process's umask narrows the mode a file is created with; set the one we mean.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // Secrets are for the owner alone; any other file keeps the mode it had, and a new one is readable by all.
    private static UnixFileMode ModeFor(string target, bool holdsSecrets)
    {
        if (holdsSecrets)
            return OwnerOnly;
        return !OperatingSystem.IsWindows() && File.Exists(target) ? File.GetUnixFileMode(target) : Readable;
    }
}
