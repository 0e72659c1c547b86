using System.Text.RegularExpressions;
using Scaffolder.Merging;

namespace Scaffolder.Dependencies;

/// <summary>
/// One package the overlay needs, as a PEP 508 string (<c>psycopg[binary]==3.3.9</c>) and as the name-and-version
/// entry of a table of packages (Poetry 1's <c>[tool.poetry.dependencies]</c>, Pipfile's <c>[packages]</c>).
/// </summary>
public sealed partial record Requirement(string Text, string Name, IReadOnlyList<string> Extras, string Specifier)
{
    /// <summary>The PEP 503 name, by which entries are compared.</summary>
    public string Key => FileMergers.NormalizeName(Name);

    public static Requirement Parse(string text)
    {
        var match = Pep508().Match(text.Trim());
        if (!match.Success)
            throw new InvalidOperationException($"'{text}' is not a requirement Scaffolder can write");
        var extras = match.Groups["extras"].Success
            ? match.Groups["extras"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        var specifier = match.Groups["specifier"].Value.Trim();
        return new Requirement(text.Trim(), match.Groups["name"].Value, extras, specifier.Length == 0 ? "*" : specifier);
    }

    /// <summary>The value of its entry in a table of packages: <c>"==0.14.0"</c>, or an inline table with its extras.</summary>
    public string TableValue => Extras.Count == 0
        ? $"\"{Specifier}\""
        : $"{{version = \"{Specifier}\", extras = [{string.Join(", ", Extras.Select(extra => $"\"{extra}\""))}]}}";

    [GeneratedRegex("""^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[(?<extras>[^\]]*)\])?\s*(?<specifier>[^;]*)$""")]
    private static partial Regex Pep508();
}
