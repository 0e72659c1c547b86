using Scaffolder.Testing;

namespace Scaffolder.Tests.Support;

public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a program to completion, bounded in time, in a process group of its own: when it ends or overruns,
/// whatever it started is stopped with it.
/// </summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var finished = GroupedCommand.Run(fileName, arguments, timeout ?? TimeSpan.FromMinutes(5), environment, workingDirectory);
        return new ProcessResult(finished.ExitCode, finished.Output, finished.Error);
    }
}
