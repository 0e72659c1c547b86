using System.Text.RegularExpressions;

namespace Scaffolder.EndToEnd;

/// <summary>
/// The rules of a <c>.dockerignore</c>: which files of the build context a <c>COPY</c> leaves out. A pattern matches
/// a path from the context's root (or any folder above the path); <c>*</c> and <c>?</c> stay within one name,
/// <c>**</c> spans folders, <c>[...]</c> is a class, and a later <c>!pattern</c> lets a match back in.
/// </summary>
public sealed class DockerIgnore(IReadOnlyList<(Regex Pattern, bool Excludes)> rules)
{
    public static DockerIgnore Read(string contextFolder)
    {
        var file = Path.Join(contextFolder, ".dockerignore");
        var lines = File.Exists(file) ? File.ReadAllLines(file) : [];
        return new DockerIgnore(
        [
            .. lines.Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => line.StartsWith('!') ? (Pattern(line[1..]), false) : (Pattern(line), true)),
        ]);
    }

    /// <summary>Whether the file at this path (relative, with '/') stays out of the image.</summary>
    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Split('/');
        var candidates = Enumerable.Range(1, parts.Length).Select(count => string.Join('/', parts.Take(count))).ToList();
        var excluded = false;
        foreach (var (pattern, excludes) in rules)
        {
            if (candidates.Any(candidate => pattern.IsMatch(candidate)))
                excluded = excludes;
        }
        return excluded;
    }

    private static Regex Pattern(string glob)
    {
        var trimmed = glob.Trim('/');
        var regex = Regex.Escape(trimmed)
            .Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]")
            .Replace(@"\[", "[").Replace(@"]", "]");
        return new Regex($"^{regex}$", RegexOptions.CultureInvariant);
    }
}
