using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Scaffolder.Dependencies;

/// <summary>
/// A TOML file as the user wrote it (<c>pyproject.toml</c>, <c>Pipfile</c>), read through Tomlyn's round-trip syntax
/// tree: values are read from it, and every edit is a splice at the exact place the tree names, so every other byte of
/// the file (comments, quoting, order, blank lines) stays as it was. The file is never serialised again.
/// </summary>
public sealed class TomlText
{
    private TomlText(string name, string text, DocumentSyntax document)
    {
        Name = name;
        Text = text;
        Document = document;
    }

    public string Name { get; }

    public string Text { get; }

    public DocumentSyntax Document { get; }

    /// <summary>Parses the text; a file that is not valid TOML is a <see cref="UserError"/> naming its line.</summary>
    public static TomlText Parse(string name, string text)
    {
        var document = SyntaxParser.Parse(text, name, validate: true);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(message => message.Kind == DiagnosticMessageKind.Error);
            throw new UserError($"{name}:{first.Span.Start.Line + 1}: not valid TOML ({first.Message.TrimEnd('.')}); fix that line and run again");
        }
        return new TomlText(name, text, document);
    }

    /// <summary>The table with this dotted name (<c>tool.poetry.dependencies</c>), or null.</summary>
    public TableSyntax? Table(string name) =>
        Document.Tables.OfType<TableSyntax>().FirstOrDefault(table => table.Name is { } key && KeyName(key) == name);

    /// <summary>Whether the document has this table, or any table below it (<c>tool.uv</c> for <c>[tool.uv.sources]</c>).</summary>
    public bool HasTableOrBelow(string name) =>
        Document.Tables.Any(table => table.Name is { } key && (KeyName(key) == name || KeyName(key).StartsWith(name + ".", StringComparison.Ordinal)));

    /// <summary>The key-value <paramref name="key"/> of a table, or null.</summary>
    public static KeyValueSyntax? Entry(TableSyntaxBase? table, string key) =>
        table?.Items.FirstOrDefault(item => item.Key is { } name && KeyName(name) == key);

    /// <summary>A string value of a table, or null when it is absent or not a string.</summary>
    public string? String(string table, string key) => (Entry(Table(table), key)?.Value as StringValueSyntax)?.Value;

    /// <summary>The strings of an array value of a table, or null when it is absent or not an array.</summary>
    public IReadOnlyList<string>? Strings(string table, string key) =>
        Entry(Table(table), key)?.Value is ArraySyntax array
            ? [.. array.Items.Select(item => item.Value).OfType<StringValueSyntax>().Select(value => value.Value ?? "")]
            : null;

    /// <summary>The dotted name a key spells, quotes taken off (<c>"tool".poetry</c> is <c>tool.poetry</c>).</summary>
    public static string KeyName(KeySyntax key)
    {
        var parts = new List<string> { Part(key.Key) };
        parts.AddRange(key.DotKeys.Select(item => Part(item.Key)));
        return string.Join('.', parts);
    }

    private static string Part(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    /// <summary>Where a node starts in the text.</summary>
    public static int Start(SyntaxNode node) => node.Span.Start.Offset;

    /// <summary>Just after a node's last character.</summary>
    public static int End(SyntaxNode node) => node.Span.End.Offset + 1;

    /// <summary>Where the line holding <paramref name="offset"/> ends (at its line break, or the end of the text).</summary>
    public int LineEnd(int offset)
    {
        var newline = Text.IndexOf('\n', offset);
        if (newline < 0)
            return Text.Length;
        return newline > 0 && Text[newline - 1] == '\r' ? newline - 1 : newline;
    }

    /// <summary>The whitespace that starts the line holding <paramref name="offset"/>.</summary>
    public string IndentOfLine(int offset)
    {
        var start = Text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var end = start;
        while (end < Text.Length && Text[end] is ' ' or '\t')
            end++;
        return Text[start..end];
    }

    /// <summary>The file's line ending.</summary>
    public string NewLine => Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
}
