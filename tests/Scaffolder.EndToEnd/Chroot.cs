namespace Scaffolder.EndToEnd;

/// <summary>
/// A Debian root with a real Django stack. Commands run in it with a clean environment (only what is passed),
/// the way a host runs a Procfile line: through <c>sh -c</c>, in the given folder, as the given user (root unless
/// said), in a process group of its own. It shares this machine's network, so servers in it listen on this
/// machine's loopback.
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

    /// <summary>What every command starts from: a PATH, HOME and a UTF-8 locale.</summary>
    public static IReadOnlyDictionary<string, string> BaseEnvironment => Base;

    /// <summary>The path on this machine of a path inside the chroot.</summary>
    public string HostPath(string inside) => Path.Join(Root, inside);

    public CommandResult Run(string folder, string command, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null,
        string? user = null) =>
        commands.Run("chroot", Arguments(folder, command, environment, user), timeout);

    public CommandResult Check(string folder, string command, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null,
        string? user = null)
    {
        var result = Run(folder, command, environment, timeout, user);
        return result.ExitCode == 0 ? result : throw new StepFailed($"`{command}` exited {result.ExitCode}:\n{result.Tail()}");
    }

    /// <summary>
    /// Runs a Python script as <see cref="Run"/> runs a command: written to the chroot's /tmp under <paramref name="name"/>,
    /// run with python3 in the folder, and removed after.
    /// </summary>
    public CommandResult RunPython(string name, string script, string folder, IReadOnlyDictionary<string, string>? environment = null,
        string? user = null) =>
        WithScript(name, script, path => Run(folder, $"python3 {path}", environment, user: user));

    /// <summary>As <see cref="RunPython"/>, failing the step as <see cref="Check"/> does when the script exits non-zero.</summary>
    public CommandResult CheckPython(string name, string script, string folder, IReadOnlyDictionary<string, string>? environment = null,
        string? user = null) =>
        WithScript(name, script, path => Check(folder, $"python3 {path}", environment, user: user));

    private CommandResult WithScript(string name, string script, Func<string, CommandResult> run)
    {
        var path = $"/tmp/{name}";
        File.WriteAllText(HostPath(path), script);
        try
        {
            return run(path);
        }
        finally
        {
            File.Delete(HostPath(path));
        }
    }

    public ServerProcess Start(string name, string folder, string command, IReadOnlyDictionary<string, string> environment, string logFile,
        string? user = null) =>
        commands.Start(name, "chroot", Arguments(folder, command, environment, user), logFile);

    private IEnumerable<string> Arguments(string folder, string command, IReadOnlyDictionary<string, string>? environment, string? user)
    {
        var variables = new Dictionary<string, string>(Base);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            variables[key] = value;
        // As a container runtime does, a USER gets its own home unless the image sets another (libpq, for one, looks
        // there for client certificates, and root's is closed to it).
        if (user is not null && variables["HOME"] == Base["HOME"])
            variables["HOME"] = $"/home/{user}";
        string[] asUser = user is null ? [] : ["/usr/bin/setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--"];
        return [Root, "/usr/bin/env", "-i", .. variables.Select(pair => $"{pair.Key}={pair.Value}"), .. asUser,
            "/bin/sh", "-c", $"cd {folder} && {command}"];
    }
}
