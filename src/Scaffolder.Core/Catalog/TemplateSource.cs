using System.Text;

namespace Scaffolder.Catalog;

/// <summary>
/// Reads the files of <c>templates/</c>. By default they come from inside the core assembly, where the build
/// embeds them; a folder can stand in for them (a template author trying a change without a rebuild).
/// </summary>
public sealed class TemplateSource
{
    private const string ResourcePrefix = "templates/";
    private readonly string? _folder;
    // The built-in templates' names, looked up once: the runtime finds a name by going through them all each time.
    private readonly HashSet<string> _resources;

    private TemplateSource(string? folder)
    {
        _folder = folder;
        _resources = folder is null ? [.. typeof(TemplateSource).Assembly.GetManifestResourceNames()] : [];
    }

    public static TemplateSource Embedded => new(null);

    public static TemplateSource FromFolder(string folder) => new(folder);

    /// <summary>The names of the folders directly below <paramref name="under"/> (e.g. the hosts below <c>hosts</c>), sorted.</summary>
    public IReadOnlyList<string> Folders(string under)
    {
        if (_folder is not null)
        {
            var folder = System.IO.Path.Combine(_folder, under);
            return Directory.Exists(folder)
                ? [.. Directory.EnumerateDirectories(folder).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
                : [];
        }

        var prefix = ResourcePrefix + under.TrimEnd('/') + "/";
        return [.. _resources
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.AsSpan(prefix.Length).Contains('/'))
            .Select(name => name[prefix.Length..name.IndexOf('/', prefix.Length)])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    public bool Exists(string relativePath) =>
        _folder is not null
            ? File.Exists(System.IO.Path.Combine(_folder, relativePath))
            : _resources.Contains(ResourcePrefix + relativePath);

    /// <summary>Where a template's errors point the user: the file in the folder, or its path inside templates/.</summary>
    public string Describe(string relativePath) =>
        _folder is not null ? System.IO.Path.Combine(_folder, relativePath) : $"templates/{relativePath}";

    public string Read(string relativePath)
    {
        if (_folder is not null)
        {
            var file = System.IO.Path.Combine(_folder, relativePath);
            return File.Exists(file)
                ? File.ReadAllText(file)
                : throw new FileNotFoundException($"no template '{relativePath}' in {_folder}", file);
        }

        // Decoded in one piece: a StreamReader's buffers and builder cost more than the decoding (every run reads ~30).
        // The templates have no byte order mark (TemplateSourceTests compares each with its file).
        using var stream = typeof(TemplateSource).Assembly.GetManifestResourceStream(ResourcePrefix + relativePath)
            ?? throw new FileNotFoundException($"no template '{relativePath}' is built into Scaffolder");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }
}
