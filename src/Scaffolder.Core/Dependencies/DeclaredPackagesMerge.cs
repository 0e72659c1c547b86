using System.Text;
using Tomlyn.Syntax;

namespace Scaffolder.Dependencies;

/// <summary>
/// Adds the overlay's packages to the user's <c>pyproject.toml</c> or <c>Pipfile</c>, where the manager keeps them:
/// <c>[project] dependencies</c> (uv, PDM, Poetry 2, pip), <c>[tool.poetry.dependencies]</c> (Poetry 1), <c>[packages]</c>
/// (Pipfile). Every byte of the user's file stays as it was but for the entries added and, on a later apply, the entries
/// that are still exactly as Scaffolder wrote them (<paramref name="baseText"/>), which take the newer pins. A package
/// the user lists in any spelling (PEP 503) is theirs: never added twice, never changed.
/// </summary>
public static class DeclaredPackagesMerge
{
    private const string ProjectTable = "project";
    private const string PoetryTable = "tool.poetry.dependencies";
    private const string PipfileTable = "packages";

    /// <param name="rendered">The pyproject.toml the overlay would write where there is none: its [project] dependencies are ours.</param>
    /// <param name="baseText">What Scaffolder rendered last time, or null when unknown.</param>
    public static string MergePyproject(string existing, string rendered, string? baseText)
    {
        var user = TomlText.Parse("pyproject.toml", existing);
        var ours = ProjectRequirements(rendered);
        var before = baseText is null ? [] : ProjectRequirements(baseText);

        string merged;
        if (TomlText.Entry(user.Table(ProjectTable), "dependencies") is { } dependencies)
        {
            merged = dependencies.Value is ArraySyntax array
                ? MergeArray(user, array, ours, before)
                : throw new UserError("pyproject.toml: [project] dependencies is not a list; write it as dependencies = [\"...\"] and run again");
        }
        else if (user.Table(PoetryTable) is { } poetry)
        {
            merged = MergeTable(user, poetry, ours, before);
        }
        else if (user.Table(ProjectTable) is { } project)
        {
            if (user.Strings(ProjectTable, "dynamic") is { } dynamic && dynamic.Contains("dependencies"))
            {
                throw new UserError("pyproject.toml declares its dependencies dynamic (built by a plugin); list them in [project] dependencies, "
                    + "or choose --packages pip with a requirements.txt");
            }
            merged = AddDependenciesKey(user, project, ours);
        }
        else
        {
            merged = AppendTable(existing, ProjectTableText(rendered));
        }
        return Checked("pyproject.toml", merged);
    }

    /// <param name="rendered">The Pipfile the overlay would write where there is none: its [packages] are ours.</param>
    public static string MergePipfile(string existing, string rendered, string? baseText)
    {
        var user = TomlText.Parse("Pipfile", existing);
        var ours = TableRequirements(rendered);
        var before = baseText is null ? [] : TableRequirements(baseText);
        var merged = user.Table(PipfileTable) is { } packages
            ? MergeTable(user, packages, ours, before)
            : AppendTable(existing, "[packages]" + user.NewLine + string.Concat(ours.Select(requirement => $"{requirement.Name} = {requirement.TableValue}{user.NewLine}")));
        return Checked("Pipfile", merged);
    }

    /// <summary>The PEP 621 dependencies of a pyproject.toml we rendered.</summary>
    public static IReadOnlyList<Requirement> ProjectRequirements(string rendered) =>
        [.. (TomlText.Parse("pyproject.toml", rendered).Strings(ProjectTable, "dependencies") ?? []).Select(Requirement.Parse)];

    /// <summary>The [packages] of a Pipfile we rendered, as requirements.</summary>
    public static IReadOnlyList<Requirement> TableRequirements(string rendered)
    {
        var toml = TomlText.Parse("Pipfile", rendered);
        return [.. (toml.Table(PipfileTable)?.Items ?? []).Select(item => FromTableEntry(toml, item))];
    }

    private static Requirement FromTableEntry(TomlText toml, KeyValueSyntax item)
    {
        var name = TomlText.KeyName(item.Key!);
        return item.Value switch
        {
            StringValueSyntax version => Requirement.Parse(name + (version.Value == "*" ? "" : version.Value)),
            InlineTableSyntax table => Requirement.Parse(
                name
                + $"[{string.Join(',', (Entry(table, "extras") as ArraySyntax)?.Items.Select(extra => (extra.Value as StringValueSyntax)?.Value) ?? [])}]"
                + ((Entry(table, "version") as StringValueSyntax)?.Value ?? "")),
            _ => throw new InvalidOperationException($"a rendered Pipfile entry {name} is neither a version nor a table"),
        };
    }

    private static ValueSyntax? Entry(InlineTableSyntax table, string key) =>
        table.Items.Select(item => item.KeyValue).FirstOrDefault(pair => pair?.Key is { } name && TomlText.KeyName(name) == key)?.Value;

    /// <summary>PEP 621's list of strings: ours added after the user's last item, in the list's own layout and quotes.</summary>
    private static string MergeArray(TomlText user, ArraySyntax array, IReadOnlyList<Requirement> ours, IReadOnlyList<Requirement> before)
    {
        var edits = new List<Edit>();
        var items = array.Items.ToList();
        var present = new Dictionary<string, StringValueSyntax>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Value is StringValueSyntax value && Merging.FileMergers.RequirementName(value.Value ?? "") is { } name)
                present.TryAdd(name, value);
        }

        var quote = items.Select(item => item.Value).OfType<StringValueSyntax>().LastOrDefault()?.Token?.Text is ['\'', ..] ? '\'' : '"';
        var added = new List<string>();
        foreach (var requirement in ours)
        {
            if (!present.TryGetValue(requirement.Key, out var theirs))
            {
                added.Add(Quoted(requirement.Text, quote));
                continue;
            }
            // Still as we wrote it: it takes the newer pin, in the quotes it has.
            if (before.FirstOrDefault(old => old.Key == requirement.Key) is { } old && old.Text == theirs.Value && old.Text != requirement.Text)
                edits.Add(new Edit(TomlText.Start(theirs), TomlText.End(theirs) - TomlText.Start(theirs), Quoted(requirement.Text, theirs.Token!.Text![0])));
        }

        if (added.Count > 0)
        {
            var open = TomlText.End(array.OpenBracket!);
            var close = TomlText.Start(array.CloseBracket!);
            var newLine = user.NewLine;
            var multiLine = user.Text[open..close].Contains('\n');
            if (!multiLine)
            {
                var lead = items.Count == 0 ? "" : items[^1].Comma is null ? ", " : " ";
                var end = items.Count == 0 ? open : TomlText.End((SyntaxNode?)items[^1].Comma ?? items[^1].Value!);
                edits.Add(new Edit(end, 0, lead + string.Join(", ", added)));
            }
            else if (items.Count == 0)
            {
                var indent = user.IndentOfLine(TomlText.Start(array)) + "    ";
                edits.Add(new Edit(open, 0, string.Concat(added.Select(item => $"{newLine}{indent}{item},"))));
            }
            else
            {
                var last = items[^1];
                var indent = user.IndentOfLine(TomlText.Start(last.Value!));
                var afterLast = TomlText.End((SyntaxNode?)last.Comma ?? last.Value!);
                if (last.Comma is null)
                    edits.Add(new Edit(TomlText.End(last.Value!), 0, ","));
                var lineEnd = user.LineEnd(afterLast);
                if (lineEnd > close)
                {
                    // The list closes on its last item's line: ours go before the bracket, the last without a comma.
                    edits.Add(new Edit(close, 0, string.Join(",", added.Select(item => $"{newLine}{indent}{item}")) + newLine + user.IndentOfLine(TomlText.Start(array))));
                }
                else
                {
                    edits.Add(new Edit(lineEnd, 0, string.Concat(added.Select(item => $"{newLine}{indent}{item},"))));
                }
            }
        }
        return Apply(user.Text, edits);
    }

    /// <summary>A table of packages, one key each: ours added after the user's last entry.</summary>
    private static string MergeTable(TomlText user, TableSyntax table, IReadOnlyList<Requirement> ours, IReadOnlyList<Requirement> before)
    {
        var edits = new List<Edit>();
        var entries = table.Items.Where(item => item.Key is not null).ToList();
        var present = entries
            .GroupBy(item => Merging.FileMergers.NormalizeName(TomlText.KeyName(item.Key!)))
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var added = new List<Requirement>();
        foreach (var requirement in ours)
        {
            if (!present.TryGetValue(requirement.Key, out var theirs))
            {
                added.Add(requirement);
                continue;
            }
            var value = theirs.Value!;
            var written = user.Text[TomlText.Start(value)..TomlText.End(value)];
            if (before.FirstOrDefault(old => old.Key == requirement.Key) is { } old && old.TableValue == written && old.TableValue != requirement.TableValue)
                edits.Add(new Edit(TomlText.Start(value), written.Length, requirement.TableValue));
        }

        if (added.Count > 0)
        {
            var newLine = user.NewLine;
            var at = entries.Count == 0 ? user.LineEnd(TomlText.Start(table)) : user.LineEnd(TomlText.End(entries[^1].Value!) - 1);
            var indent = entries.Count == 0 ? "" : user.IndentOfLine(TomlText.Start(entries[^1]));
            edits.Add(new Edit(at, 0, string.Concat(added.Select(requirement => $"{newLine}{indent}{requirement.Name} = {requirement.TableValue}"))));
        }
        return Apply(user.Text, edits);
    }

    /// <summary>[project] without dependencies: the key is added after its last entry.</summary>
    private static string AddDependenciesKey(TomlText user, TableSyntax project, IReadOnlyList<Requirement> ours)
    {
        var newLine = user.NewLine;
        var entries = project.Items.Where(item => item.Value is not null).ToList();
        var at = entries.Count == 0 ? user.LineEnd(TomlText.Start(project)) : user.LineEnd(TomlText.End(entries[^1].Value!) - 1);
        var list = new StringBuilder($"{newLine}dependencies = [");
        foreach (var requirement in ours)
            list.Append($"{newLine}    {Quoted(requirement.Text, '"')},");
        list.Append($"{newLine}]");
        return Apply(user.Text, [new Edit(at, 0, list.ToString())]);
    }

    /// <summary>The [project] table of a pyproject.toml we rendered, as text.</summary>
    private static string ProjectTableText(string rendered)
    {
        var start = rendered.IndexOf("[project]", StringComparison.Ordinal);
        var next = rendered.IndexOf("\n[", start + 1, StringComparison.Ordinal);
        return next < 0 ? rendered[start..] : rendered[start..(next + 1)];
    }

    /// <summary>A table added at the end, after one blank line.</summary>
    private static string AppendTable(string existing, string table)
    {
        var newLine = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var head = existing.Length == 0 || existing.EndsWith('\n') ? existing : existing + newLine;
        var separator = head.Length == 0 || head.EndsWith(newLine + newLine, StringComparison.Ordinal) ? "" : newLine;
        return head + separator + table.ReplaceLineEndings(newLine).TrimEnd() + newLine;
    }

    /// <summary>The merged file must parse; anything else is a bug, never written.</summary>
    private static string Checked(string name, string merged)
    {
        var document = Tomlyn.Parsing.SyntaxParser.Parse(merged, name, validate: true);
        if (document.HasErrors)
            throw new InvalidOperationException($"adding packages to {name} made it invalid TOML ({document.Diagnostics}); nothing was written");
        return merged;
    }

    private static string Quoted(string text, char quote) => quote == '\'' ? $"'{text}'" : $"\"{text.Replace("\"", "\\\"")}\"";

    private sealed record Edit(int At, int Remove, string Insert);

    private static string Apply(string text, IEnumerable<Edit> edits)
    {
        var result = new StringBuilder(text);
        // From the end, so each offset still points where the tree said; at one offset, the later edit goes in first.
        foreach (var edit in edits.Select((edit, index) => (edit, index)).OrderByDescending(pair => pair.edit.At).ThenByDescending(pair => pair.index).Select(pair => pair.edit))
        {
            result.Remove(edit.At, edit.Remove);
            result.Insert(edit.At, edit.Insert);
        }
        return result.ToString();
    }
}
