using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Scaffolder.Testing;

/// <summary>
/// A program started as the leader of a process group (and session) of its own, through <c>setsid</c>, so that
/// whatever it starts (a shell's children, a server's workers, a daemon that outlives its parent) can be stopped
/// with it: <see cref="Stop(TimeSpan)"/> signals the whole group, not only the process it started.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(10);

    private ProcessGroup(Process leader)
    {
        Leader = leader;
    }

    /// <summary>The process started; its output is redirected and its input open for the caller to close.</summary>
    public Process Leader { get; }

    /// <summary>The group's id, which is the leader's PID.</summary>
    public int Id => Leader.Id;

    /// <summary>Whether any process of the group still runs (the leader may have ended and left its children).</summary>
    public bool IsAlive => LinuxProcess.InGroup(Id).Count > 0;

    /// <summary>Starts the program in a new group; returns once the group exists, so that it can be stopped at once.</summary>
    public static ProcessGroup Start(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // setsid(1) makes a process that is not yet a group leader (a child of this one is not) lead a new
        // session and group, then executes the program in its place: same PID, so PID = group id.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var group = new ProcessGroup(Process.Start(start)!);
        group.AwaitOwnGroup();
        return group;
    }

    /// <summary>
    /// SIGTERM to every process of the group, then SIGKILL to those still running after <paramref name="grace"/>.
    /// Bounded: returns after at most <paramref name="grace"/> plus ten seconds.
    /// </summary>
    /// <returns>True when no process of the group runs any more.</returns>
    public bool Stop(TimeSpan grace) => Stop(Id, grace);

    /// <summary>
    /// Stops the group with this id as <see cref="Stop(TimeSpan)"/> does. A group's id stays reserved while any
    /// process of it lives, even after its leader has ended, so a group with members is always the one meant.
    /// </summary>
    public static bool Stop(int groupId, TimeSpan grace)
    {
        if (LinuxProcess.InGroup(groupId).Count == 0)
            return true;
        // A negative PID addresses the whole group.
        _ = Kill(-groupId, SigTerm);
        if (WaitUntilEmpty(groupId, grace))
            return true;
        _ = Kill(-groupId, SigKill);
        return WaitUntilEmpty(groupId, AfterKill);
    }

    /// <summary>Stops the group with a ten-second grace period and releases the leader's handle.</summary>
    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(10));
        Leader.Dispose();
    }

    private void AwaitOwnGroup()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            // Once setsid has run, the leader heads its group; if it has ended already, nothing of it is left to lead.
            if (LinuxProcess.Read(Id) is not { } leader || leader.IsZombie || leader.GroupId == Id)
                return;
            Thread.Sleep(5);
        }
        Leader.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"setsid did not make process {Id} lead a process group of its own");
    }

    private static bool WaitUntilEmpty(int groupId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LinuxProcess.InGroup(groupId).Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
                return false;
            Thread.Sleep(50);
        }
        return true;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
