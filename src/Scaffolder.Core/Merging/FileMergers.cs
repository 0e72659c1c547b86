using System.Text.RegularExpressions;

namespace Scaffolder.Merging;

/// <summary>Combines an existing file with what we rendered for it, by the file's own structure.</summary>
public static partial class FileMergers
{
    /// <param name="baseText">What Scaffolder rendered for the file last time, when known: the packages still exactly as
    /// written then are ours, and take the newer pins.</param>
    public static string Merge(MergeStrategy strategy, string existing, string rendered, string? baseText = null) => strategy switch
    {
        MergeStrategy.Requirements => KeyedMerge.Merge(existing, rendered, RequirementName, baseText),
        MergeStrategy.Pyproject => Dependencies.DeclaredPackagesMerge.MergePyproject(existing, rendered, baseText),
        MergeStrategy.Pipfile => Dependencies.DeclaredPackagesMerge.MergePipfile(existing, rendered, baseText),
        MergeStrategy.Env => KeyedMerge.Merge(existing, rendered, EnvKey),
        MergeStrategy.Lines => KeyedMerge.Merge(existing, rendered, IgnorePattern),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "not a merging strategy"),
    };

    /// <summary>
    /// The PEP 503 normalized name a requirements line installs (<c>Psycopg[binary]==3.2</c> → <c>psycopg</c>),
    /// or null for comments, options (-r, -e, --hash...), continuation lines and URLs without a name.
    /// </summary>
    public static string? RequirementName(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.StartsWith('-'))
            return EggName(trimmed);
        var match = RequirementNamePattern().Match(trimmed);
        return match.Success ? NormalizeName(match.Groups["name"].Value) : null;
    }

    public static string NormalizeName(string name) => NameSeparators().Replace(name, "-").ToLowerInvariant();

    // An editable install names its package in the #egg= fragment, if at all.
    private static string? EggName(string trimmed)
    {
        var egg = EggFragment().Match(trimmed);
        var editable = trimmed.StartsWith("-e", StringComparison.Ordinal) || trimmed.StartsWith("--editable", StringComparison.Ordinal);
        return editable && egg.Success
            ? NormalizeName(egg.Groups["name"].Value)
            : null;
    }

    /// <summary>The variable a .env line sets (<c>export KEY=value</c> too), or null.</summary>
    public static string? EnvKey(string line)
    {
        var match = EnvAssignment().Match(line);
        return match.Success ? match.Groups["key"].Value : null;
    }

    /// <summary>An ignore-file pattern, with the anchoring slashes that do not change what it means here folded away.</summary>
    public static string? IgnorePattern(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed.StartsWith('#') ? null : trimmed.Trim('/');
    }

    [GeneratedRegex("""^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[|==|~=|>=|<=|!=|===|>|<|@|;|\s|$)""")]
    private static partial Regex RequirementNamePattern();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex NameSeparators();

    [GeneratedRegex("""#egg=(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)""")]
    private static partial Regex EggFragment();

    [GeneratedRegex("""^\s*(?:export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*=""")]
    private static partial Regex EnvAssignment();
}
