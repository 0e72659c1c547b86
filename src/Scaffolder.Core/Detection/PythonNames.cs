namespace Scaffolder.Detection;

/// <summary>Which names Python can import: identifiers that are not keywords.</summary>
public static class PythonNames
{
    // The hard keywords of Python 3.12-3.14; soft keywords (match, case, type, _) are valid module names.
    private static readonly HashSet<string> Keywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    public static bool IsKeyword(string name) => Keywords.Contains(name);

    public static bool IsImportable(string name) => IsIdentifier(name) && !IsKeyword(name);

    // ASCII identifiers are what startproject accepts; a non-ASCII letter is rare enough to leave to Python.
    private static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
