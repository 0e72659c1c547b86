using System.ComponentModel;
using System.Diagnostics;

namespace Scaffolder.Ownership;

/// <summary>
/// The few git commands ownership needs: keep what we wrote as git objects, read one back as the base of a merge,
/// and merge three versions of a file. Without git, or outside a repository, each says so by returning null.
/// </summary>
public sealed class GitCli : IThreeWayMerge
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, bool> _insideRepository = new(StringComparer.Ordinal);

    public string? ReadBase(string root, string hash)
    {
        // Outside a repository no base was kept: skip the process start, as KeepBases does.
        if (!InsideRepository(root))
            return null;
        var result = Run(root, ["cat-file", "blob", hash]);
        return result is { ExitCode: 0 } ? result.Output : null;
    }

    public void KeepBases(string root, IEnumerable<string> contents)
    {
        // Outside a repository there is nowhere to keep them: skip the process start, which costs more than the rest of an apply.
        var texts = contents.ToList();
        if (texts.Count == 0 || !InsideRepository(root))
            return;
        WithFiles(texts, paths => Run(root, ["hash-object", "-w", "--no-filters", "--stdin-paths"], string.Join('\n', paths) + "\n"));
    }

    public MergeResult? Merge(string root, string name, string baseText, string yours, string ours)
    {
        var result = WithFiles([yours, baseText, ours], paths => Run(root,
        [
            "merge-file", "-p", "-L", $"{name} (yours)", "-L", $"{name} (as Scaffolder wrote it)", "-L", $"{name} (as Scaffolder writes it now)",
            .. paths,
        ]));
        // merge-file exits with the number of conflicts, or a negative number when it failed.
        return result is null || result.ExitCode < 0 || result.ExitCode > 127 ? null : new MergeResult(result.Output, result.ExitCode);
    }

    /// <summary>Hands git the texts as files in a scratch folder, removed afterwards.</summary>
    private static T WithFiles<T>(IReadOnlyList<string> texts, Func<IReadOnlyList<string>, T> use)
    {
        var folder = Directory.CreateTempSubdirectory("scaffolder-git-");
        try
        {
            var paths = texts.Select((text, index) =>
            {
                var path = Path.Combine(folder.FullName, index.ToString());
                File.WriteAllText(path, text);
                return path;
            }).ToList();
            return use(paths);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Asked for every recorded file of one project: the walk up the folders is made once per root.
    private bool InsideRepository(string root)
    {
        if (!_insideRepository.TryGetValue(root, out var inside))
            _insideRepository[root] = inside = GitRepository.RootOf(root) is not null;
        return inside;
    }

    private static ProcessResult? Run(string root, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            try
            {
                process.StandardInput.Write(input ?? "");
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // git stopped before reading its input (outside a repository, say); its exit code tells.
            }
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return new ProcessResult(process.ExitCode, output.Result);
        }
        catch (Win32Exception)
        {
            return null;  // no git on this machine
        }
    }

    private sealed record ProcessResult(int ExitCode, string Output);
}

/// <summary>The text of a three-way merge and how many conflicts it marked in it.</summary>
public sealed record MergeResult(string Text, int Conflicts);

/// <summary>Where bases come from and how three versions of a file become one.</summary>
public interface IThreeWayMerge
{
    /// <summary>What we wrote earlier, by its recorded hash; null when it cannot be had.</summary>
    string? ReadBase(string root, string hash);

    /// <summary>Keeps what we write now, so that a later apply can merge against it.</summary>
    void KeepBases(string root, IEnumerable<string> contents);

    /// <summary>Merges the user's edits (base → yours) with the template's (base → ours); null when merging is impossible.</summary>
    MergeResult? Merge(string root, string name, string baseText, string yours, string ours);
}
