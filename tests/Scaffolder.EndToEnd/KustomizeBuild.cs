using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Scaffolder.Testing;

namespace Scaffolder.EndToEnd;

/// <summary>
/// A Kustomize folder built as <c>kubectl apply -k</c> builds it, in the chroot: <c>kustomize build</c> (Debian's
/// kustomize) and <c>kubectl kustomize</c> (kubectl's own copy, which <c>apply -k</c> uses) must make the same objects,
/// and each must pass the strict Kubernetes JSON Schema of its kind (vendored with the unit tests' schemas).
/// </summary>
public static class KustomizeBuild
{
    private static readonly string SchemaFolder = Path.Join(AppContext.BaseDirectory, "Schemas", "kubernetes");

    /// <param name="folder">The project folder in the chroot.</param>
    /// <param name="kustomization">The kustomization's folder, relative to the project.</param>
    public static string Run(Chroot chroot, string folder, string kustomization)
    {
        var outputs = new Dictionary<string, string>
        {
            ["kustomize build"] = $"{folder}.kustomize-build.yaml",
            ["kubectl kustomize"] = $"{folder}.kubectl-kustomize.yaml",
        };
        foreach (var (command, output) in outputs)
            chroot.Check(folder, $"{command} {kustomization} -o {output}");
        var built = outputs.Values.Select(output => File.ReadAllText(chroot.HostPath(output))).ToList();
        foreach (var output in outputs.Values)
            File.Delete(chroot.HostPath(output));
        if (built[0] != built[1])
            throw new StepFailed("kustomize build and kubectl kustomize made different objects of the folder");
        CheckSchemas(built[0]);
        return built[0];
    }

    /// <summary>Every object passes the schema of its apiVersion and kind.</summary>
    private static void CheckSchemas(string yaml)
    {
        foreach (var document in yaml.Split("\n---\n"))
        {
            var item = YamlJson.Parse(document) ?? throw new StepFailed("kustomize build printed an empty object");
            var (kind, apiVersion) = ((string)item["kind"]!, (string)item["apiVersion"]!);
            var file = SchemaFile(kind, apiVersion);
            if (!File.Exists(Path.Join(SchemaFolder, file)))
                throw new StepFailed($"no schema vendored for {kind} ({apiVersion}): add {file} to tests/Scaffolder.Tests/Schemas/kubernetes");
            var result = Schema(file).Evaluate(JsonSerializer.SerializeToElement(item), new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                var errors = (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                    .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"));
                throw new StepFailed($"the built {kind} {(string?)item["metadata"]?["name"]} fails {file}: {string.Join("; ", errors)}");
            }
        }
    }

    // The schemas' own naming: kind, the group's first label (none for the core group) and the version, lower case.
    private static string SchemaFile(string kind, string apiVersion)
    {
        var parts = apiVersion.Split('/');
        var group = parts.Length == 2 ? "-" + parts[0].Split('.')[0] : "";
        return $"{kind}{group}-{parts[^1]}.json".ToLowerInvariant();
    }

    private static readonly Dictionary<string, JsonSchema> Loaded = [];

    private static JsonSchema Schema(string file)
    {
        if (!Loaded.TryGetValue(file, out var schema))
        {
            // They name "the latest" meta-schema, which their generator wrote for draft-07.
            var text = File.ReadAllText(Path.Join(SchemaFolder, file))
                .Replace("\"http://json-schema.org/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
            schema = JsonSchema.FromText(text, new BuildOptions { Dialect = Dialect.Draft07 });
            Loaded[file] = schema;
        }
        return schema;
    }

    /// <summary>
    /// The deployment's values written into the secret file, as the next steps tell the user: a value the file already
    /// sets stays (the fresh secret key it was rendered with); a name it leaves commented out or unset is filled in.
    /// </summary>
    public static void WriteSecrets(string path, IReadOnlyDictionary<string, string> values)
    {
        var lines = File.ReadAllLines(path);
        var set = lines.Where(line => !line.StartsWith('#') && line.IndexOf('=') > 0 && line[(line.IndexOf('=') + 1)..].Length > 0)
            .Select(line => line[..line.IndexOf('=')]).ToHashSet();
        var filled = values.Where(pair => !set.Contains(pair.Key)).ToDictionary();
        var kept = lines.Where(line =>
        {
            var assignment = line.TrimStart('#', ' ');
            var equals = assignment.IndexOf('=');
            return equals <= 0 || !filled.ContainsKey(assignment[..equals]);
        });
        File.WriteAllLines(path, [.. kept, .. filled.Select(pair => $"{pair.Key}={pair.Value}")]);
    }
}
