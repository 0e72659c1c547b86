using System.Text.Json;
using Tomlyn;

namespace Scaffolder.Catalog;

public static class CatalogLoader
{
    public const string FileName = "catalog.toml";

    public static Catalog Load(TemplateSource source)
    {
        var options = new TomlSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            SourceName = FileName,
        };
        var catalog = TomlSerializer.Deserialize<Catalog>(source.Read(FileName), options)
            ?? throw new InvalidOperationException($"{FileName} is empty");
        return catalog;
    }
}
