namespace Scaffolder.Testing;

/// <summary>What a program that ran to completion left: its exit code and what it wrote to each stream.</summary>
public sealed record FinishedProcess(int ExitCode, string Output, string Error);

/// <summary>A program did not finish within its time; it and everything it started have been stopped.</summary>
public sealed class ProcessTimedOut(string message) : TimeoutException(message);

public static class GroupedCommand
{
    /// <summary>
    /// Runs a program in a process group of its own with its input closed, bounded in time. When it ends, or when
    /// its time is up, whatever it left running in its group is stopped too (SIGTERM, then SIGKILL after
    /// <paramref name="grace"/>), so that no background child outlives the call.
    /// </summary>
    /// <param name="started">Told the group's id as soon as it exists, for a caller that keeps account of its groups.</param>
    /// <exception cref="ProcessTimedOut">The program was still running after <paramref name="timeout"/>.</exception>
    public static FinishedProcess Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? grace = null,
        Action<int>? started = null)
    {
        var words = arguments.ToList();
        using var group = ProcessGroup.Start(fileName, words, environment, workingDirectory);
        started?.Invoke(group.Id);
        group.Leader.StandardInput.Close();
        var output = group.Leader.StandardOutput.ReadToEndAsync();
        var error = group.Leader.StandardError.ReadToEndAsync();
        var finished = group.Leader.WaitForExit(timeout);
        // Stopping the rest of the group also closes the pipes a background child may still hold.
        group.Stop(grace ?? TimeSpan.FromSeconds(5));
        if (!finished)
            throw new ProcessTimedOut($"{fileName} {string.Join(' ', words)} did not finish within {timeout.TotalSeconds:0} s");
        if (!Task.WaitAll([output, error], TimeSpan.FromSeconds(10)))
            throw new InvalidOperationException($"{fileName} {string.Join(' ', words)} ended, but its output stayed open");
        group.Leader.WaitForExit();
        return new FinishedProcess(group.Leader.ExitCode, output.Result, error.Result);
    }
}
