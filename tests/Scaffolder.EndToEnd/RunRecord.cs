using Scaffolder.Testing;

namespace Scaffolder.EndToEnd;

/// <summary>
/// What this run has started and handed out: the process groups not yet seen empty, and the loopback ports given to
/// servers. An interrupted run closes the record and stops its groups; the leak check at the end looks for what is
/// left of both.
/// </summary>
public sealed class RunRecord
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _groups = [];
    private readonly HashSet<int> _ports = [];
    private bool _closed;

    public IReadOnlyCollection<int> Groups
    {
        get { lock (_lock) return [.. _groups]; }
    }

    public IReadOnlyCollection<int> Ports
    {
        get { lock (_lock) return [.. _ports]; }
    }

    /// <summary>Puts a new group on record; once the record is closed (the run is being stopped), kills it instead.</summary>
    /// <exception cref="OperationCanceledException">The run is being stopped.</exception>
    public void GroupStarted(int groupId)
    {
        lock (_lock)
        {
            if (!_closed)
            {
                _groups.Add(groupId);
                return;
            }
        }
        ProcessGroup.Stop(groupId, TimeSpan.Zero);
        throw new OperationCanceledException("the run is being stopped");
    }

    /// <summary>
    /// Forgets a group once none of it runs: its id may then be reused by a stranger's group, which is no leak of
    /// this run. A group with a process left stays on record, for the leak check.
    /// </summary>
    public void GroupStopped(int groupId)
    {
        if (LinuxProcess.InGroup(groupId).Count == 0)
            lock (_lock) _groups.Remove(groupId);
    }

    public void PortHandedOut(int port)
    {
        lock (_lock) _ports.Add(port);
    }

    /// <summary>Takes no more groups, and returns those on record, for stopping them.</summary>
    public IReadOnlyCollection<int> Close()
    {
        lock (_lock)
        {
            _closed = true;
            return [.. _groups];
        }
    }
}
