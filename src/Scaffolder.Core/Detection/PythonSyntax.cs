namespace Scaffolder.Detection;

/// <summary>
/// A light check that a Python file can be parsed, without running Python: brackets balance and every string
/// ends. It catches the usual breakage of a settings file (a half-edited dict, a lost quote) so that detection
/// can say where, instead of reading nonsense from it.
/// </summary>
public static class PythonSyntax
{
    /// <returns>"line N: what is wrong", or null when the file looks parsable.</returns>
    public static string? FirstProblem(string source)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            switch (c)
            {
                case '\n':
                    line++;
                    break;
                case '#':
                    while (i + 1 < source.Length && source[i + 1] != '\n')
                        i++;
                    break;
                case '\'' or '"':
                    var start = line;
                    if (!SkipString(source, ref i, ref line))
                        return $"line {start}: a string that never ends";
                    break;
                case '(' or '[' or '{':
                    open.Push((c, line));
                    break;
                case ')' or ']' or '}':
                    if (open.Count == 0 || Closing(open.Peek().Bracket) != c)
                        return $"line {line}: '{c}' closes nothing that is open";
                    open.Pop();
                    break;
            }
        }
        return open.Count > 0 ? $"line {open.Peek().Line}: '{open.Peek().Bracket}' is never closed" : null;
    }

    private static char Closing(char bracket) => bracket switch { '(' => ')', '[' => ']', _ => '}' };

    // Leaves i on the closing quote; false when the file ends first (or a line ends inside a one-line string).
    private static bool SkipString(string source, ref int i, ref int line)
    {
        var quote = source[i];
        var triple = i + 2 < source.Length && source[i + 1] == quote && source[i + 2] == quote;
        i += triple ? 3 : 1;
        for (; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\\')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n')
                    line++;
                i++;
                continue;
            }
            if (c == '\n')
            {
                if (!triple)
                    return false;
                line++;
                continue;
            }
            if (c != quote)
                continue;
            if (!triple)
                return true;
            if (i + 2 < source.Length && source[i + 1] == quote && source[i + 2] == quote)
            {
                i += 2;
                return true;
            }
        }
        return false;
    }
}
