namespace Scaffolder.Detection;

/// <summary>Which names Python can import: identifiers that are not keywords.</summary>
public static class PythonNames
{
    /// <summary>The hard keywords of Python 3.12-3.14; soft keywords (match, case, type, _) are valid module names.</summary>
    public static bool IsKeyword(string name) => name is
        "False" or "None" or "True" or "and" or "as" or "assert" or "async" or "await" or "break" or "class" or "continue"
        or "def" or "del" or "elif" or "else" or "except" or "finally" or "for" or "from" or "global" or "if" or "import"
        or "in" or "is" or "lambda" or "nonlocal" or "not" or "or" or "pass" or "raise" or "return" or "try" or "while"
        or "with" or "yield";

    public static bool IsImportable(string name) => IsIdentifier(name) && !IsKeyword(name);

    // ASCII identifiers are what startproject accepts; a non-ASCII letter is rare enough to leave to Python.
    private static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
