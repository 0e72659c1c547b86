using System.Runtime.InteropServices;
using Scaffolder.Testing;

namespace Scaffolder.EndToEnd;

/// <summary>
/// Stops every process group on the run's record when the run is interrupted (Ctrl-C, SIGTERM, a closed terminal).
/// Each group is a session of its own, so the terminal's signal no longer reaches them by itself.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public Interruption(RunRecord record)
    {
        _registrations =
        [
            .. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
                .Select(signal => PosixSignalRegistration.Create(signal, _ => StopAll(record))),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }

    // The signal's default action, ending this process, follows.
    private static void StopAll(RunRecord record)
    {
        Console.Error.WriteLine("end-to-end: interrupted; stopping the processes the run started");
        // Closed first: a group started while these stop is killed by whoever started it.
        foreach (var group in record.Close())
            ProcessGroup.Stop(group, TimeSpan.FromSeconds(5));
    }
}
