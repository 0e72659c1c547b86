using System.Text.Json.Serialization;
using Tomlyn;
using Tomlyn.Serialization;

namespace Scaffolder.Catalog;

/// <summary>Reads <c>catalog.toml</c> and every host folder, and checks the whole before anything uses it.</summary>
public static class CatalogLoader
{
    public const string FileName = "catalog.toml";
    public const string HostsFolder = "hosts";

    public static Catalog Load(TemplateSource source)
    {
        if (!source.Exists(FileName))
            throw new CatalogError(source.Describe(""), $"holds no {FileName}; pass a copy of Scaffolder's templates/ folder");
        var catalog = Parse(source, FileName, text => TomlSerializer.Deserialize(text, CatalogToml.Default.Catalog));
        catalog.Hosts = [.. source.Folders(HostsFolder).Select(folder => LoadHost(source, folder)).OrderBy(host => host.Order).ThenBy(host => host.Name, StringComparer.Ordinal)];
        CatalogValidator.Check(catalog, source);
        return catalog;
    }

    private static HostInfo LoadHost(TemplateSource source, string folder)
    {
        var manifest = $"{HostsFolder}/{folder}/{HostInfo.ManifestFile}";
        if (!source.Exists(manifest))
            throw new CatalogError(source.Describe($"{HostsFolder}/{folder}"), $"has no {HostInfo.ManifestFile}; every host folder needs one (copy another host's)");
        var host = Parse(source, manifest, text => TomlSerializer.Deserialize(text, CatalogToml.Default.HostInfo));
        host.Folder = $"{HostsFolder}/{folder}";
        host.Files = [.. host.Files.Select(file => file.InFolder(host.Folder))];
        return host;
    }

    private static T Parse<T>(TemplateSource source, string path, Func<string, T?> deserialize) where T : class
    {
        try
        {
            return deserialize(source.Read(path)) ?? throw new CatalogError(source.Describe(path), "is empty");
        }
        catch (TomlException e)
        {
            throw new CatalogError(source.Describe(path), $"is not valid for Scaffolder ({CatalogError.OneLine(e.Message)})");
        }
    }
}

// Source-generated: reading the catalog needs no reflection at start-up.
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[TomlSerializable(typeof(Catalog))]
[TomlSerializable(typeof(HostInfo))]
internal sealed partial class CatalogToml : TomlSerializerContext;
