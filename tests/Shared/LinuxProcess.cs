namespace Scaffolder.Testing;

/// <summary>
/// One process as Linux shows it in <c>/proc/PID/stat</c>: enough to tell which process group it belongs to,
/// whether it still runs (a zombie has ended and only waits to be reaped) and when it started.
/// </summary>
/// <param name="StartTicks">When it started, in clock ticks since boot: comparable between processes, never reused.</param>
public sealed record LinuxProcess(int Pid, int ParentPid, int GroupId, char State, long StartTicks)
{
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>The process, or null when it no longer exists (or vanished while being read).</summary>
    public static LinuxProcess? Read(int pid)
    {
        try
        {
            return Parse(pid, File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every process on this machine at the time of the call.</summary>
    public static IReadOnlyList<LinuxProcess> All() =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? Read(pid) : null)
            .OfType<LinuxProcess>(),
    ];

    /// <summary>The running (not zombie) members of a process group.</summary>
    public static IReadOnlyList<LinuxProcess> InGroup(int groupId) =>
        [.. All().Where(process => process.GroupId == groupId && !process.IsZombie)];

    /// <summary>Its command line with spaces between the arguments, or "" once it has gone.</summary>
    public string CommandLine()
    {
        try
        {
            return File.ReadAllText($"/proc/{Pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The folder it sees as <c>/</c> (a chroot's root for a process inside one), or null once it has gone.</summary>
    public string? Root()
    {
        try
        {
            return new DirectoryInfo($"/proc/{Pid}/root").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static LinuxProcess Parse(int pid, string stat)
    {
        // "PID (COMMAND) STATE PPID PGRP ...": the command may hold spaces and parentheses, so count from the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new LinuxProcess(pid, int.Parse(fields[1]), int.Parse(fields[2]), fields[0][0], long.Parse(fields[19]));
    }
}
