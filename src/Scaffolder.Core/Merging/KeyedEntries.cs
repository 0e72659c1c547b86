namespace Scaffolder.Merging;

/// <summary>One line of a rendered file that a merge may add, with the comment lines written just above it.</summary>
public sealed record KeyedEntry(string Key, string Line, IReadOnlyList<string> Comments);

/// <summary>
/// Merges files made of independent keyed lines (.env by variable, .gitignore by pattern, requirements by
/// package): what the user has stays exactly as it is; an entry whose key is missing is appended, with its comment.
/// </summary>
public static class KeyedMerge
{
    /// <param name="keyOf">The key of a line, or null for a line that is not an entry (blank, comment, option).</param>
    /// <param name="ours">What we rendered last time, when known: a line still exactly as it was there is ours, and takes
    /// what we render now for its key (a newer pin); null keeps every existing line as it is.</param>
    public static string Merge(string existing, string rendered, Func<string, string?> keyOf, string? ours = null)
    {
        existing = UpdateOurs(existing, rendered, keyOf, ours);
        var present = TextLines.Parse(existing).Lines.Select(keyOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var entry in Entries(rendered, keyOf).Where(entry => present.Add(entry.Key)))
        {
            added.AddRange(entry.Comments);
            added.Add(entry.Line);
        }
        return TextLines.Append(existing, added);
    }

    private static string UpdateOurs(string existing, string rendered, Func<string, string?> keyOf, string? ours)
    {
        if (ours is null)
            return existing;
        var before = Entries(ours, keyOf).GroupBy(entry => entry.Key).ToDictionary(group => group.Key, group => group.First().Line, StringComparer.Ordinal);
        var now = Entries(rendered, keyOf).GroupBy(entry => entry.Key).ToDictionary(group => group.Key, group => group.First().Line, StringComparer.Ordinal);
        var parsed = TextLines.Parse(existing);
        var changed = false;
        var lines = parsed.Lines.Select(line =>
        {
            if (keyOf(line) is not { } key || !before.TryGetValue(key, out var written) || written != line
                || !now.TryGetValue(key, out var newer) || newer == line)
                return line;
            changed = true;
            return newer;
        }).ToList();
        return changed ? string.Join(parsed.NewLine, lines) + (existing.EndsWith('\n') ? parsed.NewLine : "") : existing;
    }

    public static IEnumerable<KeyedEntry> Entries(string text, Func<string, string?> keyOf)
    {
        var comments = new List<string>();
        foreach (var line in TextLines.Parse(text).Lines)
        {
            if (line.TrimStart().StartsWith('#'))
            {
                comments.Add(line);
                continue;
            }
            var key = keyOf(line);
            if (key is not null)
                yield return new KeyedEntry(key, line, [.. comments]);
            comments.Clear();
        }
    }
}
