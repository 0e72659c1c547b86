using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Scaffolder.Answers;
using Scaffolder.Testing;
using Scaffolder.Tests.Support;
using Shouldly;
using Tomlyn;
using Tomlyn.Model;

namespace Scaffolder.Tests;

/// <summary>
/// Every rendered manifest that its platform publishes a JSON Schema for passes that schema, for every host, database
/// and storage the catalog offers. The schemas are vendored in Schemas/ with their source and licence.
/// </summary>
public class ManifestSchemaTests
{
    /// <summary>How a manifest is read as JSON, by its file's ending.</summary>
    private static readonly Dictionary<string, Func<string, JsonNode?>> Readers = new()
    {
        [".toml"] = TomlAsJson,
        [".yaml"] = YamlAsJson,
        [".yml"] = YamlAsJson,
        [".json"] = text => JsonNode.Parse(text),
    };

    /// <summary>The files whose entry (in catalog.toml or a host.toml) names a published schema, with that schema.</summary>
    private static readonly Dictionary<string, string> Published = Scenario.Catalog.Files
        .Concat(Scenario.Catalog.Hosts.SelectMany(host => host.Files))
        .Where(file => file.Schema.Length > 0)
        .ToDictionary(file => file.Path, file => file.Schema);

    /// <summary>The part of each such file its schema describes (a dotted path), where it is not the whole file.</summary>
    private static readonly Dictionary<string, string> Parts = Scenario.Catalog.Files
        .Concat(Scenario.Catalog.Hosts.SelectMany(host => host.Files))
        .Where(file => file.SchemaPart.Length > 0)
        .ToDictionary(file => file.Path, file => file.SchemaPart);

    /// <summary>The file as JSON, or the part of it its schema describes; a part the file lacks is an error.</summary>
    private static JsonNode? AsJson(string path, string text)
    {
        var node = Readers[Path.GetExtension(path)](text);
        if (!Parts.TryGetValue(path, out var part))
            return node;
        foreach (var key in part.Split('.'))
            node = node?[key] ?? throw new InvalidOperationException($"{path} has no {part}, the part its schema describes");
        return node;
    }

    /// <summary>Every combination of host, database and storage the catalog lists.</summary>
    public static TheoryData<string, string, string> Answers { get; } = [..
        from host in Scenario.Catalog.Hosts
        from database in Scenario.Catalog.Choices.Database
        from storage in Scenario.Catalog.Choices.Storage
        select (host.Name, database.Name, storage.Name)];

    [Theory]
    [MemberData(nameof(Answers))]
    public void Each_manifest_passes_its_platforms_published_schema(string host, string database, string storage)
    {
        using var project = TempProject.From("django52");
        var scenario = new Scenario("django52", host, Parse<Database>(database), Parse<Storage>(storage));

        var manifests = scenario.Render(project).Files.Where(file => Published.ContainsKey(file.Path)).ToList();

        foreach (var manifest in manifests)
        {
            var schemaFile = Published[manifest.Path];
            var result = Schema(schemaFile).Evaluate(AsElement(AsJson(manifest.Path, manifest.Content)), new EvaluationOptions { OutputFormat = OutputFormat.List });
            result.IsValid.ShouldBeTrue($"{manifest.Path} fails {schemaFile}:\n{Errors(result)}\n{manifest.Content}");
        }
    }

    [Fact]
    public void Every_schema_a_manifest_names_is_vendored_with_its_source()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "Scaffolder.Tests", "Schemas", "README.md"));

        Published.ShouldNotBeEmpty();
        foreach (var schema in Published.Values.Distinct())
        {
            File.Exists(Path.Combine(AppContext.BaseDirectory, "Schemas", schema)).ShouldBeTrue(schema);
            readme.ShouldContain($"`{schema}`");
        }
    }

    [Theory]
    [InlineData("fly.toml", "app = \"x\"\n[http_service]\ninternal_port = \"eight thousand\"\n")]
    [InlineData("compose.yaml", "services:\n  web:\n    image: app\n    restart_policy: always\n")]
    [InlineData("render.yaml", "services:\n  - type: web\n    name: app\n    runtime: python\n    startCommand: gunicorn app\n")]
    [InlineData("service.yaml", "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containerConcurrency: eight\n      containers:\n        - image: IMAGE\n")]
    [InlineData("migrate-job.yaml", "apiVersion: run.googleapis.com/v1\nkind: Job\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      template:\n        spec:\n          containers:\n            - image: IMAGE\n          restartPolicy: Never\n")]
    [InlineData(".do/app.yaml", "name: app\nservices:\n  - name: web\n    dockerfile_path: Dockerfile\n    health_check:\n      http_path: /readyz\n      path: /readyz\n")]
    [InlineData("containerapp.yaml", "properties:\n  template:\n    containers:\n      - name: web\n        image: IMAGE\n        probes:\n          - type: Ready\n            httpGet:\n              path: /readyz\n")]
    [InlineData("app.json", "{\"env\": {\"DJANGO_SECRET_KEY\": {\"generator\": \"random\"}}}")]
    [InlineData("railway.json", "{\"deploy\": {\"restartPolicyType\": \"ON_CRASH\"}}")]
    [InlineData("railway.json", "{\"deploy\": {\"requiredMountPath\": \"/data\", \"numReplicas\": 2}}")]
    [InlineData("deploy/kubernetes/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: app\n          livenessprobe:\n            httpGet: {path: /healthz, port: 8000}\n")]
    [InlineData("deploy/kubernetes/hpa.yaml", "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: app\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app}\n  minReplicas: two\n  maxReplicas: 10\n")]
    public void The_schema_check_rejects_a_broken_manifest(string manifest, string broken)
    {
        Schema(Published[manifest]).Evaluate(AsElement(AsJson(manifest, broken))).IsValid.ShouldBeFalse();
    }

    private static readonly Dictionary<string, JsonSchema> Loaded = [];

    private static JsonSchema Schema(string file)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(file, out var schema))
            {
                // compose-spec names draft-07 by its https spelling, which the library knows by the http one: the same
                // meta-schema. The Kubernetes ones name only "the latest" (http://json-schema.org/schema#), which their
                // generator wrote for draft-07: read as draft-07 too.
                var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", file))
                    .Replace("\"https://json-schema.org/draft-07/schema\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal)
                    .Replace("\"http://json-schema.org/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
                schema = JsonSchema.FromText(text, new BuildOptions { Dialect = Dialect.Draft07 });
                Loaded[file] = schema;
            }
            return schema;
        }
    }

    private static JsonElement AsElement(JsonNode? node) => JsonSerializer.SerializeToElement(node);

    private static string Errors(EvaluationResults result) => string.Join('\n',
        (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"  {detail.InstanceLocation}: {error.Value}")));

    private static T Parse<T>(string name) where T : struct, Enum =>
        ChoiceNames.TryParse<T>(name, out var value) ? value : throw new ArgumentException(name);

    private static JsonNode? TomlAsJson(string toml) => FromToml(TomlSerializer.Deserialize<TomlTable>(toml));

    private static JsonNode? FromToml(object? value) => value switch
    {
        TomlTable table => new JsonObject(table.Select(entry => KeyValuePair.Create(entry.Key, FromToml(entry.Value)))),
        TomlTableArray tables => new JsonArray([.. tables.Select(FromToml)]),
        TomlArray array => new JsonArray([.. array.Select(FromToml)]),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        _ => JsonValue.Create(value?.ToString()),
    };

    private static JsonNode? YamlAsJson(string yaml) => YamlJson.Parse(yaml);
}
