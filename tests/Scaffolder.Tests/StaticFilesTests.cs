using System.Text.Json;
using Scaffolder.Answers;
using Scaffolder.Tests.Support;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Tests;

/// <summary>
/// Static files are collected in the phase that can: with WhiteNoise they ship inside the build (the image's build, and
/// the build command of a host that builds from the repository), with an object store they are uploaded at release,
/// where the store's credentials are. A build that skips them serves the admin unstyled, or fails on WhiteNoise's
/// manifest.
/// </summary>
public class StaticFilesTests
{
    private const string Collect = "python manage.py collectstatic --noinput";

    public static TheoryData<string> Hosts { get; } = [.. Scenario.Catalog.Hosts.Select(host => host.Name)];

    [Theory]
    [MemberData(nameof(Hosts))]
    public void With_whitenoise_every_build_command_a_manifest_declares_collects_the_static_files(string host)
    {
        var files = Render(host, Storage.Whitenoise);

        foreach (var command in BuildCommands(files))
            command.ShouldContain(Collect);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void With_whitenoise_the_image_build_collects_the_static_files(string host)
    {
        var files = Render(host, Storage.Whitenoise);

        FinalStageRuns(files["Dockerfile"]).ShouldContain(run => run.Contains(Collect), files["Dockerfile"]);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void With_an_object_store_the_release_collects_the_static_files_and_no_build_does(string host)
    {
        var files = Render(host, Storage.S3);

        foreach (var command in BuildCommands(files))
            command.ShouldNotContain("collectstatic");
        FinalStageRuns(files["Dockerfile"]).ShouldNotContain(run => run.Contains("collectstatic"));
        Process(files["Procfile"], "release").ShouldContain("collectstatic --noinput");
    }

    [Fact]
    public void Render_builds_from_the_repository_with_a_build_command_of_its_own()
    {
        // The check above would pass for a manifest without a build command: Render's has one.
        BuildCommands(Render("render", Storage.Whitenoise)).ShouldHaveSingleItem().ShouldStartWith("pip install -r requirements.txt");
    }

    private static Dictionary<string, string> Render(string host, Storage storage)
    {
        var scenario = new Scenario("django52", host, Database.Postgres, storage);
        using var project = TempProject.From(scenario.Fixture);
        return scenario.Render(project).Files.ToDictionary(file => file.Path, file => file.Content);
    }

    /// <summary>The values named buildCommand anywhere in the rendered YAML and JSON manifests.</summary>
    private static List<string> BuildCommands(Dictionary<string, string> files)
    {
        var commands = new List<string>();
        foreach (var (path, content) in files)
        {
            if (path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            {
                var yaml = new YamlStream();
                yaml.Load(new StringReader(content));
                foreach (var document in yaml.Documents)
                    commands.AddRange(document.AllNodes.OfType<YamlMappingNode>().SelectMany(node => node.Children)
                        .Where(pair => pair.Key is YamlScalarNode { Value: "buildCommand" })
                        .Select(pair => ((YamlScalarNode)pair.Value).Value!));
            }
            else if (path.EndsWith(".json", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(content);
                commands.AddRange(Properties(json.RootElement)
                    .Where(property => property.Name == "buildCommand")
                    .Select(property => property.Value.GetString()!));
            }
        }
        return commands;
    }

    private static IEnumerable<JsonProperty> Properties(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Properties(property.Value).Prepend(property)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Properties),
        _ => [],
    };

    /// <summary>The RUN instructions of the Dockerfile's last stage, the image that is deployed.</summary>
    private static List<string> FinalStageRuns(string dockerfile)
    {
        var lines = dockerfile.Split('\n');
        var lastFrom = Array.FindLastIndex(lines, line => line.StartsWith("FROM ", StringComparison.Ordinal));
        return [.. lines.Skip(lastFrom).Where(line => line.StartsWith("RUN ", StringComparison.Ordinal))];
    }

    private static string Process(string procfile, string name) =>
        procfile.Split('\n').Single(line => line.StartsWith(name + ":", StringComparison.Ordinal));
}
