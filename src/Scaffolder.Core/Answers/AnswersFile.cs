using Mono.Unix;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Answers;

/// <summary>
/// Reads <c>--answers FILE</c>: a YAML or JSON mapping of host, database, storage, server, python and packages, for CI.
/// Every problem is an error naming the file, the line and the valid choices.
/// </summary>
public static class AnswersFile
{
    private static readonly string[] Keys = ["host", "database", "storage", "server", "python", "packages"];

    /// <summary>Far more than five answers need; a larger file is not an answers file.</summary>
    public const int MaxBytes = 64 * 1024;

    public static PartialAnswers Read(string path, Catalog.Catalog catalog)
    {
        var pythonVersions = catalog.Python;
        var name = Path.GetFileName(path);
        var text = ReadSmallRegularFile(path);

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

        if (stream.Documents.Count > 1)
            throw new UserError($"{name}:{stream.Documents[1].RootNode.Start.Line}: a second YAML document (after ---); keep the answers in one mapping");
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            throw new UserError($"{name} is empty; give it lines such as `host: heroku` and `database: postgres`");
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            throw new UserError($"{name}:{stream.Documents[0].RootNode.Start.Line}: expected a mapping of {string.Join(", ", Keys)}");

        var answers = PartialAnswers.None;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var line = keyNode.Start.Line;
            if (valueNode is not YamlScalarNode { Value: var value })
            {
                var shape = valueNode is YamlSequenceNode ? "a list" : "a mapping";
                throw new UserError($"{name}:{line}: {key} is {shape}; give one value, e.g. `{key}: {Example(key, catalog)}`");
            }
            answers = key switch
            {
                "host" => answers with { Host = OneOf(name, line, key, value, catalog.HostNames) },
                "database" => answers with { Database = Choice<Database>(name, line, key, value) },
                "storage" => answers with { Storage = Choice<Storage>(name, line, key, value) },
                "server" => answers with { Server = Choice<Server>(name, line, key, value) },
                "python" => answers with { Python = OneOf(name, line, key, value, pythonVersions) },
                "packages" => answers with { Packages = Choice<PackageManager>(name, line, key, value) },
                _ => throw new UserError($"{name}:{line}: unknown key '{key}'; the keys are {string.Join(", ", Keys)}"),
            };
        }
        return answers;
    }

    private static string ReadSmallRegularFile(string path)
    {
        if (Directory.Exists(path))
            throw new UserError($"the answers file {path} is a folder; pass a YAML or JSON file");
        if (!File.Exists(path))
            throw new UserError($"the answers file {path} does not exist; pass a YAML or JSON file");
        // A pipe or a device would be read forever (or wait for a writer): only a plain file is an answers file.
        if (!OperatingSystem.IsWindows() && !new UnixFileInfo(path).IsRegularFile)
            throw new UserError($"the answers file {path} is not a regular file (a pipe or a device?); write the answers to a file and pass that");
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
                throw new UserError($"the answers file {path} is larger than {MaxBytes / 1024} KiB; an answers file holds a few lines such as `host: heroku`");
            return TextFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read the answers file {path} ({e.Message}); check its permissions");
        }
    }

    private static string Example(string key, Catalog.Catalog catalog) => key switch
    {
        "host" => catalog.HostNames[0],
        "database" => ChoiceNames.All<Database>()[0],
        "storage" => ChoiceNames.All<Storage>()[0],
        "server" => ChoiceNames.All<Server>()[0],
        "python" => catalog.NewestPython,
        "packages" => ChoiceNames.All<PackageManager>()[0],
        _ => "...",
    };

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
