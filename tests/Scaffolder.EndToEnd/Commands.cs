using Scaffolder.Testing;

namespace Scaffolder.EndToEnd;

public sealed record CommandResult(int ExitCode, string Output)
{
    public string Tail(int lines = 15) => string.Join('\n', Output.Split('\n').TakeLast(lines));
}

/// <summary>
/// Starts every process of the suite, each in a process group of its own that is put on the run's record: commands
/// run to completion, bounded in time, and servers run until stopped. Either way nothing a process started outlives it.
/// </summary>
public sealed class Commands(RunRecord record)
{
    public CommandResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var group = 0;
        try
        {
            var finished = GroupedCommand.Run(fileName, arguments, limit, environment, workingDirectory,
                started: id => record.GroupStarted(group = id));
            return new CommandResult(finished.ExitCode, finished.Output + finished.Error);
        }
        catch (ProcessTimedOut e)
        {
            throw new StepFailed(e.Message);
        }
        finally
        {
            if (group != 0)
                record.GroupStopped(group);
        }
    }

    public CommandResult Check(string fileName, params string[] arguments)
    {
        var result = Run(fileName, arguments);
        return result.ExitCode == 0
            ? result
            : throw new StepFailed($"{fileName} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Tail(5)}");
    }

    public ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, string logFile,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        ServerProcess.Start(name, fileName, arguments, logFile, record, environment, workingDirectory);
}
