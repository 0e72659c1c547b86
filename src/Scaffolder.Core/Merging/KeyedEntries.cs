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
    public static string Merge(string existing, string rendered, Func<string, string?> keyOf)
    {
        var present = TextLines.Parse(existing).Lines.Select(keyOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var entry in Entries(rendered, keyOf).Where(entry => present.Add(entry.Key)))
        {
            added.AddRange(entry.Comments);
            added.Add(entry.Line);
        }
        return TextLines.Append(existing, added);
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
