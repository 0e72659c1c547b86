using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scaffolder.EndToEnd;

/// <summary>What a container runtime takes from a rendered Dockerfile's final stage: its ENV and its CMD.</summary>
public sealed partial record DockerfileFacts(IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Command)
{
    public static DockerfileFacts Parse(string text)
    {
        // Continuation lines joined; only the final stage's instructions count.
        var instructions = text.Replace("\\\n", " ").Split('\n').Select(line => line.Trim()).ToList();
        var finalStage = instructions.FindLastIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal));
        var stage = instructions.Skip(finalStage).ToList();

        var environment = new Dictionary<string, string>();
        foreach (var line in stage.Where(line => line.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (Match pair in EnvPair().Matches(line[4..]))
                environment[pair.Groups["key"].Value] = pair.Groups["value"].Value.Trim('"');
        }

        var cmd = stage.LastOrDefault(line => line.StartsWith("CMD ", StringComparison.Ordinal))
            ?? throw new StepFailed("the Dockerfile has no CMD");
        var command = JsonSerializer.Deserialize<string[]>(cmd[4..])
            ?? throw new StepFailed("the Dockerfile's CMD is not an exec-form JSON array");
        return new DockerfileFacts(environment, command);
    }

    [GeneratedRegex("""(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>"[^"]*"|\S+)""")]
    private static partial Regex EnvPair();
}

/// <summary>The processes of a Procfile, by name.</summary>
public static class Procfile
{
    public static IReadOnlyDictionary<string, string> Parse(string text) =>
        text.Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Length > 0)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
}

public static class Shell
{
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
