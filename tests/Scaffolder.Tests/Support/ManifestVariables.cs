using System.Text.Json.Nodes;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Tests.Support;

/// <summary>
/// The environment variables a manifest sets for the app, found by the shapes platforms use for them: a mapping
/// named env or environment (app.json, fly.toml, compose.yaml), a list of {key, ...} named envVars or envs (render.yaml,
/// DigitalOcean's app spec), a list of {name, ...} named env (a container's, in Cloud Run's and Azure's YAML), a list
/// of "NAME=value" named literals (a kustomization's generators), or the lines of an env file (NAME=value, as a
/// kustomization's secret.env).
/// </summary>
public static class ManifestVariables
{
    private static readonly string[] Mappings = ["env", "environment"];
    private static readonly string[] KeyedLists = ["envVars", "envs"];
    private const string NamedList = "env";
    private const string LiteralList = "literals";

    public static IEnumerable<string> Of(string path, string text) => Path.GetExtension(path) switch
    {
        ".json" => FromJson(JsonNode.Parse(text)),
        ".toml" => FromToml(TomlSerializer.Deserialize<TomlTable>(text)),
        ".yaml" or ".yml" => FromYaml(Load(text)),
        ".env" => text.Split('\n').Where(line => !line.StartsWith('#') && line.IndexOf('=') > 0).Select(line => line[..line.IndexOf('=')]),
        _ => [],
    };

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    private static IEnumerable<string> FromJson(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(entry => Mappings.Contains(entry.Key) && entry.Value is JsonObject variables
            ? variables.Select(variable => variable.Key)
            : FromJson(entry.Value)),
        JsonArray array => array.SelectMany(FromJson),
        _ => [],
    };

    private static IEnumerable<string> FromToml(object? node) => node switch
    {
        TomlTable table => table.SelectMany(entry => Mappings.Contains(entry.Key) && entry.Value is TomlTable variables
            ? variables.Keys
            : FromToml(entry.Value)),
        TomlTableArray tables => tables.SelectMany(FromToml),
        TomlArray array => array.SelectMany(FromToml),
        _ => [],
    };

    private static IEnumerable<string> FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(entry => ((YamlScalarNode)entry.Key).Value switch
        {
            var key when Mappings.Contains(key) && entry.Value is YamlMappingNode variables =>
                variables.Children.Keys.Select(variable => ((YamlScalarNode)variable).Value!),
            var key when KeyedLists.Contains(key) && entry.Value is YamlSequenceNode list =>
                list.Children.OfType<YamlMappingNode>().Select(item => ((YamlScalarNode)item.Children[new YamlScalarNode("key")]).Value!),
            NamedList when entry.Value is YamlSequenceNode list =>
                list.Children.OfType<YamlMappingNode>().Select(item => ((YamlScalarNode)item.Children[new YamlScalarNode("name")]).Value!),
            LiteralList when entry.Value is YamlSequenceNode literals =>
                literals.Children.OfType<YamlScalarNode>().Select(literal => literal.Value!.Split('=')[0]),
            _ => FromYaml(entry.Value),
        }),
        YamlSequenceNode sequence => sequence.Children.SelectMany(FromYaml),
        _ => [],
    };
}
