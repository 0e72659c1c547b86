using System.Reflection;

namespace Scaffolder.Catalog;

/// <summary>
/// Reads the files of <c>templates/</c>. By default they come from inside the core assembly, where the build
/// embeds them; a folder can stand in for them (a template author trying a change without a rebuild).
/// </summary>
public sealed class TemplateSource
{
    private const string ResourcePrefix = "templates/";
    private readonly string? _folder;

    private TemplateSource(string? folder) => _folder = folder;

    public static TemplateSource Embedded { get; } = new(null);

    public static TemplateSource FromFolder(string folder) => new(folder);

    public string Read(string relativePath)
    {
        if (_folder is not null)
        {
            var file = System.IO.Path.Combine(_folder, relativePath);
            return File.Exists(file)
                ? File.ReadAllText(file)
                : throw new FileNotFoundException($"no template '{relativePath}' in {_folder}", file);
        }

        using var stream = typeof(TemplateSource).Assembly.GetManifestResourceStream(ResourcePrefix + relativePath)
            ?? throw new FileNotFoundException($"no template '{relativePath}' is built into Scaffolder");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
