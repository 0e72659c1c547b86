using System.Diagnostics;
using System.Net.Sockets;

namespace Scaffolder.EndToEnd;

/// <summary>A server the suite started: its output goes to a log file, and it is stopped by its own PID, in bounded time.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string name, string logFile)
    {
        _process = process;
        Name = name;
        LogFile = logFile;
    }

    public string Name { get; }

    public string LogFile { get; }

    public int Pid => _process.Id;

    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, string logFile,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = Commands.StartInfo(fileName, arguments, environment, workingDirectory);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.Exited += (_, _) => { lock (log) log.Flush(); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, name, logFile);
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>, or fails when the server exits or time runs out.</summary>
    public void WaitForPort(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new StepFailed($"{Name} exited with code {_process.ExitCode} before listening on port {port}");
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

    /// <summary>SIGTERM, then SIGKILL to the whole tree after a grace period.</summary>
    public void Stop()
    {
        if (_process.HasExited)
            return;
        Signal(_process.Id, "TERM");
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
        kill.WaitForExit(TimeSpan.FromSeconds(5));
    }
}

/// <summary>A step of a scenario did not do what a deployment needs; the message says what.</summary>
public sealed class StepFailed(string message) : Exception(message);
