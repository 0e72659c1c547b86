using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Testing;

/// <summary>A YAML document as JSON, typed as a platform's YAML parser types it.</summary>
public static class YamlJson
{
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return FromYaml(stream.Documents[0].RootNode);
    }

    // Plain scalars are typed as YAML 1.2's core schema types them; quoted ones are strings.
    private static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(entry =>
            KeyValuePair.Create(((YamlScalarNode)entry.Key).Value!, FromYaml(entry.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(FromYaml)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var text } => text switch
        {
            null or "" or "null" or "~" => null,
            "true" or "false" => JsonValue.Create(text == "true"),
            _ when int.TryParse(text, out var number) => JsonValue.Create(number),
            _ when long.TryParse(text, out var number) => JsonValue.Create(number),
            _ when double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };
}
