using System.Net.Sockets;
using Scaffolder.Testing;

namespace Scaffolder.EndToEnd;

/// <summary>
/// A server the suite started, in a process group of its own: its output goes to a log file, and it is stopped with
/// everything it started (a shell's child, a server's workers), in bounded time.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly ProcessGroup _group;
    private readonly RunRecord _record;

    private ServerProcess(ProcessGroup group, RunRecord record, string name, string logFile)
    {
        _group = group;
        _record = record;
        Name = name;
        LogFile = logFile;
    }

    public string Name { get; }

    public string LogFile { get; }

    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, string logFile, RunRecord record,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // A log belongs to one server: a file already there means two servers were given one name.
        var log = new StreamWriter(new FileStream(logFile, FileMode.CreateNew, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        var group = ProcessGroup.Start(fileName, arguments, environment, workingDirectory);
        try
        {
            record.GroupStarted(group.Id);
        }
        catch (OperationCanceledException)
        {
            group.Dispose();
            throw;
        }
        var process = group.Leader;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(group, record, name, logFile);
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>, or fails when the server exits or time runs out.</summary>
    public void WaitForPort(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_group.Leader.HasExited)
                throw new StepFailed($"{Name} exited with code {_group.Leader.ExitCode} before listening on port {port}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new StepFailed($"{Name} did not listen on port {port} within {timeout.TotalSeconds:0} s");
    }

    public IEnumerable<string> LogTail(int lines = 15) =>
        File.Exists(LogFile) ? File.ReadLines(LogFile).TakeLast(lines) : [];

    /// <summary>SIGTERM to the server's whole process group, SIGKILL to what is left after a grace period.</summary>
    public void Stop()
    {
        // The leader may have ended already (a shell killed by the signal) while the server it started runs on.
        _group.Stop(Grace);
        _record.GroupStopped(_group.Id);
    }

    public void Dispose()
    {
        Stop();
        _group.Dispose();
    }
}

/// <summary>A step of a scenario did not do what a deployment needs; the message says what.</summary>
public sealed class StepFailed(string message) : Exception(message);
