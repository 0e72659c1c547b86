using System.Text.Json;
using System.Text.Json.Serialization;
using Scaffolder.Answers;

namespace Scaffolder.Ownership;

/// <summary>
/// What earlier applies left behind, in <c>.scaffolder.json</c> at the project root (committed, no secrets): the
/// answers, and for every file we wrote the git hash of what we wrote, which tells an untouched file from an
/// edited one and names the base of a three-way merge, and the files whose conflict the user has yet to settle.
/// </summary>
/// <param name="PendingConflicts">Files left in conflict, with FILE.scaffolder-new beside them; pending until the user deletes that.</param>
public sealed record ProjectRecord(ProjectAnswers Answers, IReadOnlyDictionary<string, string> Files, IReadOnlySet<string> PendingConflicts)
{
    /// <summary>The record names the dependency manager (one written before Scaffolder knew of them does not: it is detected).</summary>
    public bool PackagesRecorded { get; init; } = true;

    /// <summary>The recorded answers, as answers given: what the record does not hold is left open.</summary>
    public PartialAnswers Given => PackagesRecorded ? PartialAnswers.From(Answers) : PartialAnswers.From(Answers) with { Packages = null };

    public const string FileName = ".scaffolder.json";

    /// <param name="hosts">The hosts the templates offer: a record naming another is refused.</param>
    public static ProjectRecord? Load(string root, IReadOnlyList<string> hosts)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            var stored = JsonSerializer.Deserialize(TextFile.Read(path), RecordJson.Default.StoredRecord)
                ?? throw new UserError($"{FileName} is empty; delete it to start over");
            return stored.ToRecord(hosts);
        }
        catch (JsonException e)
        {
            // A value of the wrong kind is named in the record's own terms; broken JSON by the parser's first sentence.
            var problem = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? Expected(e.Path)
                : $"not a Scaffolder record: not valid JSON ({e.Message.Split(". ")[0].Split(" Path:")[0]})";
            throw new UserError($"{FileName}:{(e.LineNumber ?? 0) + 1}: {problem}; fix it or delete it to start over");
        }
    }

    /// <summary>What the record should hold where it went wrong, in the words of its format rather than of .NET's types.</summary>
    private static string Expected(string? jsonPath) => jsonPath switch
    {
        null or "$" => "not a Scaffolder record (expected a JSON object with \"answers\" and \"files\")",
        "$.answers" => "\"answers\" should be an object of host, database, storage, server, python and packages",
        "$.files" => "\"files\" should be an object mapping each written file to its git hash",
        "$.pending_conflicts" => "\"pending_conflicts\" should be a list of file paths",
        _ when jsonPath.StartsWith("$.answers.", StringComparison.Ordinal) => $"\"{jsonPath[10..]}\" in \"answers\" should be a string",
        _ when jsonPath.StartsWith("$.files", StringComparison.Ordinal) => "each entry of \"files\" should be a file path mapped to a git hash string",
        _ when jsonPath.StartsWith("$.pending_conflicts", StringComparison.Ordinal) => "each entry of \"pending_conflicts\" should be a file path string",
        _ => $"not a Scaffolder record (unexpected value at {jsonPath})",
    };

    public string Serialize() => JsonSerializer.Serialize(StoredRecord.From(this), RecordJson.Default.StoredRecord) + "\n";
}

/// <summary>The record's JSON shape: choices by name, files sorted so that the record diffs well.</summary>
internal sealed record StoredRecord(
    [property: JsonPropertyName("answers")] StoredAnswers? Answers,
    [property: JsonPropertyName("files")] SortedDictionary<string, string>? Files,
    [property: JsonPropertyName("pending_conflicts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<string>? PendingConflicts)
{
    public static StoredRecord From(ProjectRecord record) => new(
        new StoredAnswers(
            record.Answers.Host,
            ChoiceNames.Name(record.Answers.Database),
            ChoiceNames.Name(record.Answers.Storage),
            ChoiceNames.Name(record.Answers.Server),
            record.Answers.Python,
            ChoiceNames.Name(record.Answers.Packages)),
        new SortedDictionary<string, string>(record.Files.ToDictionary(), StringComparer.Ordinal),
        record.PendingConflicts.Count == 0 ? null : [.. record.PendingConflicts.Order(StringComparer.Ordinal)]);

    public ProjectRecord ToRecord(IReadOnlyList<string> hosts)
    {
        if (Answers is null || Files is null)
            throw new UserError($"{ProjectRecord.FileName} lacks its answers or files; delete it to start over");
        return new ProjectRecord(
            new ProjectAnswers(
                Answers.Host is { } host && hosts.Contains(host)
                    ? host
                    : throw new UserError($"{ProjectRecord.FileName} has host '{Answers.Host}', which is none of {string.Join(", ", hosts)}; fix it or delete it to start over"),
                Choice<Database>(Answers.Database, "database"),
                Choice<Storage>(Answers.Storage, "storage"),
                Choice<Server>(Answers.Server, "server"),
                Answers.Python ?? throw new UserError($"{ProjectRecord.FileName} names no python; delete it to start over"),
                Answers.Packages is null ? PackageManager.Pip : Choice<PackageManager>(Answers.Packages, "packages")),
            Files,
            (PendingConflicts ?? []).ToHashSet(StringComparer.Ordinal))
        {
            PackagesRecorded = Answers.Packages is not null,
        };
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
    [property: JsonPropertyName("python")] string? Python,
    [property: JsonPropertyName("packages")] string? Packages);

// Source-generated: no reflection at start-up.
[JsonSourceGenerationOptions(WriteIndented = true, NewLine = "\n")]
[JsonSerializable(typeof(StoredRecord))]
internal sealed partial class RecordJson : JsonSerializerContext;
