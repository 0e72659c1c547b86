namespace Scaffolder.Merging;

/// <summary>A text split into lines, remembering its line ending so that additions keep the file's style.</summary>
public sealed record TextLines(IReadOnlyList<string> Lines, string NewLine)
{
    public static TextLines Parse(string text)
    {
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return new TextLines(lines, newLine);
    }

    /// <summary>The original text with <paramref name="added"/> lines at its end, one blank line between.</summary>
    public static string Append(string original, IReadOnlyList<string> added)
    {
        if (added.Count == 0)
            return original;
        var newLine = Parse(original).NewLine;
        var head = original.Length == 0 || original.EndsWith('\n') ? original : original + newLine;
        var separator = head.Length == 0 || head.EndsWith(newLine + newLine, StringComparison.Ordinal) ? "" : newLine;
        return head + separator + string.Join(newLine, added) + newLine;
    }
}
