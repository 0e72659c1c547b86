using System.Text.RegularExpressions;

namespace Scaffolder.Dependencies;

/// <summary>
/// Whether a Python release line (3.13) is allowed by what a project's files say: a .python-version pin, PEP 440
/// specifiers (<c>requires-python</c>: <c>&gt;=3.12,&lt;3.14</c>, <c>==3.13.*</c>, <c>~=3.12</c>), Poetry's constraints
/// (<c>^3.12</c>, <c>~3.12</c>, alternatives with <c>||</c>) and Pipfile's <c>python_version</c>. A line is allowed when
/// one of its releases (3.13.0 to 3.13.99) satisfies the whole constraint.
/// </summary>
public static partial class PythonSpecifier
{
    public static bool Allows(PythonConstraint constraint, string line)
    {
        var text = constraint.Text.Trim();
        // A pin (.python-version, python_version): the release line it names.
        if (constraint.Source == PythonConstraint.VersionFile || constraint.Source.StartsWith("Pipfile", StringComparison.Ordinal))
            return Pinned(text) is { } pinned ? pinned == line : true;
        var (major, minor) = Parts(line);
        return Enumerable.Range(0, 100).Any(patch => text.Split("||").Any(alternative => Satisfies(alternative, [major, minor, patch])));
    }

    /// <summary>The release line a pin names (<c>3.13.1</c>, <c>cpython-3.13</c> give 3.13), or null for none it names.</summary>
    public static string? Pinned(string text)
    {
        var match = PinPattern().Match(text);
        return match.Success ? $"{match.Groups["major"].Value}.{match.Groups["minor"].Value}" : null;
    }

    private static bool Satisfies(string constraint, int[] version)
    {
        var clauses = constraint.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        // Poetry allows a space between the operator and the version ("> = 3.12" never, ">= 3.12" yes): join them back.
        var joined = new List<string>();
        foreach (var clause in clauses)
        {
            if (joined.Count > 0 && OperatorOnly().IsMatch(joined[^1]))
                joined[^1] += clause;
            else
                joined.Add(clause);
        }
        return joined.All(clause => SatisfiesClause(clause, version));
    }

    private static bool SatisfiesClause(string clause, int[] version)
    {
        var match = ClausePattern().Match(clause);
        if (!match.Success)
            return true;  // a form not known here ("*", a pre-release) constrains nothing Scaffolder can check
        var op = match.Groups["op"].Value;
        var text = match.Groups["version"].Value;
        var wildcard = text.EndsWith(".*", StringComparison.Ordinal);
        var parts = text.TrimEnd('*').TrimEnd('.').Split('.').Select(int.Parse).ToArray();
        int Compare() => CompareVersions(version, parts);
        bool Prefix() => version.Take(parts.Length).SequenceEqual(parts);
        return op switch
        {
            "==" or "" when wildcard => Prefix(),
            "==" or "===" or "" => Compare() == 0,
            "!=" when wildcard => !Prefix(),
            "!=" => Compare() != 0,
            ">=" => Compare() >= 0,
            ">" => Compare() > 0,
            "<=" => Compare() <= 0,
            "<" => Compare() < 0,
            "~=" => Compare() >= 0 && version.Take(parts.Length - 1).SequenceEqual(parts.Take(parts.Length - 1)),
            // Poetry: ^3.12 is >=3.12,<4; ^0.2 is >=0.2,<0.3. ~3.12 is >=3.12,<3.13; ~3 is >=3,<4.
            "^" => Compare() >= 0 && version[0] == parts[0] && (parts[0] != 0 || parts.Length < 2 || version[1] == parts[1]),
            "~" => Compare() >= 0 && version.Take(Math.Min(2, parts.Length)).SequenceEqual(parts.Take(Math.Min(2, parts.Length))),
            _ => true,
        };
    }

    /// <summary>Compares two versions part by part, a missing part counting as 0 (3.13 is 3.13.0).</summary>
    private static int CompareVersions(int[] version, int[] other)
    {
        for (var i = 0; i < Math.Max(version.Length, other.Length); i++)
        {
            var a = i < version.Length ? version[i] : 0;
            var b = i < other.Length ? other[i] : 0;
            if (a != b)
                return a.CompareTo(b);
        }
        return 0;
    }

    private static (int Major, int Minor) Parts(string line)
    {
        var parts = line.Split('.');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    [GeneratedRegex("""^(?:cpython-|python)?(?<major>\d+)\.(?<minor>\d+)""")]
    private static partial Regex PinPattern();

    [GeneratedRegex("""^(?<op>===|==|!=|~=|>=|<=|>|<|\^|~)?\s*(?<version>\d+(?:\.\d+)*(?:\.\*)?)$""")]
    private static partial Regex ClausePattern();

    [GeneratedRegex("""^(===|==|!=|~=|>=|<=|>|<|\^|~)$""")]
    private static partial Regex OperatorOnly();
}
