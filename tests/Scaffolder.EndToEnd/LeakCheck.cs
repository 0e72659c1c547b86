using Scaffolder.Testing;

namespace Scaffolder.EndToEnd;

/// <summary>A process still running at the end of the run, and why it counts as the run's.</summary>
public sealed record Leftover(int Pid, int GroupId, IReadOnlyList<string> Reasons, string CommandLine)
{
    public override string ToString() => $"pid {Pid} (group {GroupId}; {string.Join("; ", Reasons)}): {CommandLine}";
}

/// <summary>
/// Finds what the run left running: a process in a group the run started and did not see end, a process inside one
/// of the chroots started since the run began, and anything listening on a port the run handed out.
/// </summary>
public sealed class LeakCheck(RunRecord record, IReadOnlyCollection<Chroot> chroots, LinuxProcess suite)
{
    public IReadOnlyList<Leftover> Find()
    {
        var reasons = new Dictionary<int, List<string>>();
        void Add(int pid, string reason)
        {
            if (!reasons.TryGetValue(pid, out var list))
                reasons[pid] = list = [];
            list.Add(reason);
        }

        var groups = record.Groups.ToHashSet();
        var roots = chroots.ToDictionary(chroot => Path.TrimEndingDirectorySeparator(Path.GetFullPath(chroot.Root)), chroot => chroot.Name);
        foreach (var process in LinuxProcess.All().Where(process => !process.IsZombie && process.Pid != suite.Pid))
        {
            if (groups.Contains(process.GroupId))
                Add(process.Pid, "in a process group the suite started");
            if (process.StartTicks >= suite.StartTicks && process.Root() is { } root && roots.TryGetValue(root, out var chroot))
                Add(process.Pid, $"runs in the {chroot} chroot");
        }
        foreach (var listener in Listeners.On(record.Ports))
        {
            foreach (var pid in listener.Pids)
                Add(pid, pid == suite.Pid ? $"the suite itself still listens on port {listener.Port}" : $"listens on port {listener.Port}");
        }

        return
        [
            .. from pair in reasons
               orderby pair.Key
               let process = LinuxProcess.Read(pair.Key)
               where process is not null
               select new Leftover(process.Pid, process.GroupId, pair.Value, process.CommandLine()),
        ];
    }
}
