using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.EndToEnd;

/// <summary>
/// A host's manifest as rendered (YAML, JSON or TOML, by its extension), as plain values: a string, a map of them
/// or a list of them, looked up by a dotted path.
/// </summary>
public sealed class Manifest(string fileName, object root)
{
    public string FileName { get; } = fileName;

    /// <summary>
    /// What <c>kustomize build</c> printed: every object, keyed by its kind (the first of a kind wins a path; all are in
    /// <see cref="Objects"/>).
    /// </summary>
    public static Manifest FromBuild(string name, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = stream.Documents.Select(document => (IReadOnlyDictionary<string, object>)FromYaml(document.RootNode)).ToList();
        var byKind = new Dictionary<string, object>();
        foreach (var item in objects)
            byKind.TryAdd((string)item["kind"], item);
        return new Manifest(name, byKind) { Objects = objects };
    }

    /// <summary>Every object of a build (see <see cref="FromBuild"/>); empty for a manifest of one file.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>> Objects { get; private init; } = [];

    /// <summary>The object of this kind and name, or null.</summary>
    public IReadOnlyDictionary<string, object>? Named(string kind, string name) =>
        Objects.FirstOrDefault(item => (string)item["kind"] == kind && item.GetValueOrDefault("metadata") is IReadOnlyDictionary<string, object> metadata
            && metadata.GetValueOrDefault("name") as string == name);

    public static Manifest Read(string path)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        return Path.GetExtension(path) == ".toml"
            ? new Manifest(name, FromToml(TomlSerializer.Deserialize<TomlTable>(text)!))
            : new Manifest(name, FromYaml(Yaml(text)));
    }

    /// <summary>The value at a dotted path ("services.0.startCommand"), or null when the manifest has none there.</summary>
    public object? Find(string path)
    {
        object? node = root;
        foreach (var key in path.Split('.'))
        {
            node = node switch
            {
                IReadOnlyDictionary<string, object> map => map.GetValueOrDefault(key),
                IReadOnlyList<object> list when int.TryParse(key, out var index) && index < list.Count => list[index],
                _ => null,
            };
        }
        return node;
    }

    private static YamlNode Yaml(string text)
    {
        // JSON is YAML too: app.json reads the same way.
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Single().RootNode;
    }

    private static object FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(pair => pair.Key.ToString(), pair => FromYaml(pair.Value)),
        YamlSequenceNode list => list.Children.Select(FromYaml).ToList(),
        _ => node.ToString(),
    };

    private static object FromToml(object value) => value switch
    {
        TomlTable table => table.ToDictionary(pair => pair.Key, pair => FromToml(pair.Value)),
        TomlTableArray tables => tables.Select(FromToml).ToList(),
        TomlArray array => array.Select(item => FromToml(item!)).ToList(),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
