using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Answers;

/// <summary>
/// Reads <c>--answers FILE</c>: a YAML or JSON mapping of host, database, storage, server and python, for CI.
/// Every problem is an error naming the file, the line and the valid choices.
/// </summary>
public static class AnswersFile
{
    private static readonly string[] Keys = ["host", "database", "storage", "server", "python"];

    public static PartialAnswers Read(string path, IReadOnlyList<string> pythonVersions)
    {
        var name = Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read the answers file {path} ({e.Message})");
        }

        // YAML reads JSON too, but leniently: a .json file must be strict JSON first.
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var _ = System.Text.Json.JsonDocument.Parse(text);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new UserError($"{name}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}); write it as a JSON object");
            }
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new UserError($"{name}:{e.Start.Line}: not valid YAML or JSON ({e.Message}); write it as `host: heroku` lines or a JSON object");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            throw new UserError($"{name} is empty; give it lines such as `host: heroku` and `database: postgres`");
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            throw new UserError($"{name}:{stream.Documents[0].RootNode.Start.Line}: expected a mapping of {string.Join(", ", Keys)}");

        var answers = PartialAnswers.None;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var value = (valueNode as YamlScalarNode)?.Value;
            var line = keyNode.Start.Line;
            answers = key switch
            {
                "host" => answers with { Host = Choice<Host>(name, line, key, value) },
                "database" => answers with { Database = Choice<Database>(name, line, key, value) },
                "storage" => answers with { Storage = Choice<Storage>(name, line, key, value) },
                "server" => answers with { Server = Choice<Server>(name, line, key, value) },
                "python" => answers with { Python = OneOf(name, line, key, value, pythonVersions) },
                _ => throw new UserError($"{name}:{line}: unknown key '{key}'; the keys are {string.Join(", ", Keys)}"),
            };
        }
        return answers;
    }

    private static T Choice<T>(string file, long line, string key, string? value) where T : struct, Enum
    {
        var name = OneOf(file, line, key, value, ChoiceNames.All<T>());
        ChoiceNames.TryParse<T>(name, out var choice);
        return choice;
    }

    private static string OneOf(string file, long line, string key, string? value, IReadOnlyList<string> choices) =>
        value is not null && choices.Contains(value)
            ? value
            : throw new UserError($"{file}:{line}: '{value}' is not a {key}; choose one of {string.Join(", ", choices)}");
}
