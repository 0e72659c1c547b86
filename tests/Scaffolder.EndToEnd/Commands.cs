using System.Diagnostics;

namespace Scaffolder.EndToEnd;

public sealed record CommandResult(int ExitCode, string Output)
{
    public string Tail(int lines = 15) => string.Join('\n', Output.Split('\n').TakeLast(lines));
}

/// <summary>Runs a command to completion, bounded in time.</summary>
public static class Commands
{
    public static CommandResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, environment, workingDirectory))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new StepFailed($"{fileName} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds:0} s");
        }
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.Result + error.Result);
    }

    /// <summary>A process with its input closed and its output captured.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return start;
    }

    public static CommandResult Check(string fileName, params string[] arguments)
    {
        var result = Run(fileName, arguments);
        return result.ExitCode == 0
            ? result
            : throw new StepFailed($"{fileName} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Tail(5)}");
    }
}
