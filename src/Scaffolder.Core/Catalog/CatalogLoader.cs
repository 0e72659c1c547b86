using System.Text.Json.Serialization;
using Tomlyn;
using Tomlyn.Serialization;

namespace Scaffolder.Catalog;

public static class CatalogLoader
{
    public const string FileName = "catalog.toml";

    public static Catalog Load(TemplateSource source) =>
        TomlSerializer.Deserialize(source.Read(FileName), CatalogToml.Default.Catalog)
            ?? throw new InvalidOperationException($"{FileName} is empty");
}

// Source-generated: reading the catalog needs no reflection at start-up.
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[TomlSerializable(typeof(Catalog))]
internal sealed partial class CatalogToml : TomlSerializerContext;
