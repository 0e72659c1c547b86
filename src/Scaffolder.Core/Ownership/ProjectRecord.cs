using System.Text.Json;
using System.Text.Json.Serialization;
using Scaffolder.Answers;

namespace Scaffolder.Ownership;

/// <summary>
/// What earlier applies left behind, in <c>.scaffolder.json</c> at the project root (committed, no secrets): the
/// answers, and for every file we wrote the git hash of what we wrote, which tells an untouched file from an
/// edited one and names the base of a three-way merge.
/// </summary>
public sealed record ProjectRecord(ProjectAnswers Answers, IReadOnlyDictionary<string, string> Files)
{
    public const string FileName = ".scaffolder.json";

    public static ProjectRecord? Load(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(path), RecordJson.Default.StoredRecord)
                ?? throw new UserError($"{FileName} is empty; delete it to start over");
            return stored.ToRecord();
        }
        catch (JsonException e)
        {
            throw new UserError($"{FileName}:{(e.LineNumber ?? 0) + 1}: not a Scaffolder record ({e.Message.Split(". ")[0]}); fix it or delete it to start over");
        }
    }

    public string Serialize() => JsonSerializer.Serialize(StoredRecord.From(this), RecordJson.Default.StoredRecord) + "\n";
}

/// <summary>The record's JSON shape: choices by name, files sorted so that the record diffs well.</summary>
internal sealed record StoredRecord(
    [property: JsonPropertyName("answers")] StoredAnswers? Answers,
    [property: JsonPropertyName("files")] SortedDictionary<string, string>? Files)
{
    public static StoredRecord From(ProjectRecord record) => new(
        new StoredAnswers(
            ChoiceNames.Name(record.Answers.Host),
            ChoiceNames.Name(record.Answers.Database),
            ChoiceNames.Name(record.Answers.Storage),
            ChoiceNames.Name(record.Answers.Server),
            record.Answers.Python),
        new SortedDictionary<string, string>(record.Files.ToDictionary(), StringComparer.Ordinal));

    public ProjectRecord ToRecord()
    {
        if (Answers is null || Files is null)
            throw new UserError($"{ProjectRecord.FileName} lacks its answers or files; delete it to start over");
        return new ProjectRecord(
            new ProjectAnswers(
                Choice<Host>(Answers.Host, "host"),
                Choice<Database>(Answers.Database, "database"),
                Choice<Storage>(Answers.Storage, "storage"),
                Choice<Server>(Answers.Server, "server"),
                Answers.Python ?? throw new UserError($"{ProjectRecord.FileName} names no python; delete it to start over")),
            Files);
    }

    private static T Choice<T>(string? name, string key) where T : struct, Enum =>
        ChoiceNames.TryParse<T>(name, out var value)
            ? value
            : throw new UserError($"{ProjectRecord.FileName} has {key} '{name}', which is none of {string.Join(", ", ChoiceNames.All<T>())}; fix it or delete it to start over");
}

internal sealed record StoredAnswers(
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("database")] string? Database,
    [property: JsonPropertyName("storage")] string? Storage,
    [property: JsonPropertyName("server")] string? Server,
    [property: JsonPropertyName("python")] string? Python);

// Source-generated: no reflection at start-up.
[JsonSourceGenerationOptions(WriteIndented = true, NewLine = "\n")]
[JsonSerializable(typeof(StoredRecord))]
internal sealed partial class RecordJson : JsonSerializerContext;
