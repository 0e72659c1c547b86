using System.Diagnostics;
using System.Text.Json;
using Scaffolder.Merging;
using Scaffolder.Rendering;
using Tomlyn.Syntax;

namespace Scaffolder.Dependencies;

/// <summary>A lock that does not hold the overlay's packages (or does not exist): the build's locked install would fail.</summary>
/// <param name="Missing">The packages it lacks, or holds at another version than pinned.</param>
public sealed record StaleLock(string Lock, string Command, IReadOnlyList<string> Missing)
{
    public string Describe(string root) =>
        $"{Lock} {(Missing.Count == 0 ? "does not exist" : $"lacks {string.Join(", ", Missing)}")}: run `{Command}` in {root} and commit {Lock}";
}

/// <summary>What the manager's lock file holds, package by package, read without running the manager.</summary>
public static class LockFile
{
    /// <summary>The lock made stale by the overlay's packages, or null when it holds them all (or the manager keeps none).</summary>
    public static StaleLock? Stale(string root, DependenciesModel dependencies, IReadOnlyList<string> requirements)
    {
        if (dependencies.Lock.Length == 0)
            return null;
        var locked = Read(root, dependencies.Lock);
        if (locked is null)
            return new StaleLock(dependencies.Lock, dependencies.LockCommand, []);
        var missing = new List<string>();
        foreach (var requirement in requirements.Select(Requirement.Parse))
        {
            if (!locked.TryGetValue(requirement.Key, out var version))
                missing.Add(requirement.Name);
            else if (requirement.Specifier.StartsWith("==", StringComparison.Ordinal) && version != requirement.Specifier[2..].Trim())
                missing.Add($"{requirement.Name} {requirement.Specifier[2..].Trim()} (it has {version})");
        }
        return missing.Count == 0 ? null : new StaleLock(dependencies.Lock, dependencies.LockCommand, missing);
    }

    /// <summary>The locked packages by PEP 503 name, with their versions; null when there is no lock.</summary>
    public static Dictionary<string, string>? Read(string root, string lockName)
    {
        var path = Path.Combine(root, lockName);
        if (!File.Exists(path))
            return null;
        var text = TextFile.Read(path);
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lockName.EndsWith(".json", StringComparison.Ordinal) || lockName == "Pipfile.lock")
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("default", out var main))
                {
                    foreach (var package in main.EnumerateObject())
                    {
                        var version = package.Value.TryGetProperty("version", out var pinned) ? pinned.GetString() ?? "" : "";
                        packages[FileMergers.NormalizeName(package.Name)] = version.TrimStart('=');
                    }
                }
            }
            catch (JsonException e)
            {
                throw new UserError($"{lockName}:{(e.LineNumber ?? 0) + 1}: not valid JSON; run the lock command again to rewrite it");
            }
            return packages;
        }
        if (lockName.EndsWith(".txt", StringComparison.Ordinal))
        {
            foreach (var line in TextLines.Parse(text).Lines)
            {
                if (FileMergers.RequirementName(line) is { } name)
                {
                    var at = line.IndexOf("==", StringComparison.Ordinal);
                    packages[name] = at < 0 ? "" : line[(at + 2)..].Split([' ', ';', '\\'])[0].Trim();
                }
            }
            return packages;
        }
        var toml = TomlText.Parse(lockName, text);
        foreach (var table in toml.Document.Tables.OfType<TableArraySyntax>().Where(table => table.Name is { } key && TomlText.KeyName(key) == "package"))
        {
            if ((TomlText.Entry(table, "name")?.Value as StringValueSyntax)?.Value is { } name)
                packages[FileMergers.NormalizeName(name)] = (TomlText.Entry(table, "version")?.Value as StringValueSyntax)?.Value ?? "";
        }
        return packages;
    }

    /// <summary>What changed between two readings of a lock, one line per package: added, or from one version to another.</summary>
    public static IReadOnlyList<string> Changes(Dictionary<string, string>? before, Dictionary<string, string>? after)
    {
        before ??= [];
        after ??= [];
        var lines = new List<string>();
        foreach (var (name, version) in after.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(name, out var old))
                lines.Add($"+ {name} {version}");
            else if (old != version)
                lines.Add($"~ {name} {old} -> {version}");
        }
        lines.AddRange(before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).Select(name => $"- {name} {before[name]}"));
        return lines;
    }
}

/// <summary>Runs the manager's lock command when it is on PATH.</summary>
/// <param name="searchPath">The folders to look for the command in (PATH).</param>
public sealed class LockRunner(string? searchPath)
{
    /// <summary>The outcome of a relock: the command ran (with its exit code and last output), or it is not installed.</summary>
    public sealed record Outcome(bool Found, int ExitCode, string Output);

    public Outcome Run(string root, string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (Find(words[0]) is not { } program)
            return new Outcome(false, 0, "");
        var start = new ProcessStartInfo(program) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in words.Skip(1))
            start.ArgumentList.Add(word);
        if (searchPath is not null)
            start.Environment["PATH"] = searchPath;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Outcome(true, process.ExitCode, (output.Result + error).Trim());
    }

    private string? Find(string name) =>
        (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
