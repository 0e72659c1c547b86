namespace Scaffolder.EndToEnd;

/// <summary>
/// A Debian root with a real Django stack. Commands run in it with a clean environment (only what is passed),
/// the way a host runs a Procfile line: through <c>sh -c</c>, in the project folder, in a process group of its own.
/// It shares this machine's network, so servers in it listen on this machine's loopback.
/// </summary>
public sealed class Chroot(string name, string root, Commands commands)
{
    private static readonly Dictionary<string, string> Base = new()
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["HOME"] = "/root",
        ["LANG"] = "C.UTF-8",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    public string Name { get; } = name;

    public string Root { get; } = root;

    /// <summary>The path on this machine of a path inside the chroot.</summary>
    public string HostPath(string inside) => Path.Join(Root, inside);

    public CommandResult Run(string folder, string command, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        commands.Run("chroot", Arguments(folder, command, environment), timeout);

    public CommandResult Check(string folder, string command, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var result = Run(folder, command, environment, timeout);
        return result.ExitCode == 0 ? result : throw new StepFailed($"`{command}` exited {result.ExitCode}:\n{result.Tail()}");
    }

    public ServerProcess Start(string name, string folder, string command, IReadOnlyDictionary<string, string> environment, string logFile) =>
        commands.Start(name, "chroot", Arguments(folder, command, environment), logFile);

    private IEnumerable<string> Arguments(string folder, string command, IReadOnlyDictionary<string, string>? environment)
    {
        var variables = new Dictionary<string, string>(Base);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            variables[key] = value;
        return [Root, "/usr/bin/env", "-i", .. variables.Select(pair => $"{pair.Key}={pair.Value}"), "/bin/sh", "-c", $"cd {folder} && {command}"];
    }
}
