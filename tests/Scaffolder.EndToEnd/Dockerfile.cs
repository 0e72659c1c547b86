using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scaffolder.EndToEnd;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and the rest of its line.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>
/// The final stage of a rendered Dockerfile, the image a host runs: its instructions in order, and its CMD. The
/// earlier stages only make what the final one copies from them.
/// </summary>
public sealed partial record DockerImage(IReadOnlyList<DockerInstruction> Instructions, IReadOnlyList<string> Command)
{
    /// <summary>The stages before the final one, which make what it copies (the virtualenv), in order.</summary>
    public IReadOnlyList<DockerInstruction> EarlierStages { get; init; } = [];

    public static DockerImage Parse(string text)
    {
        // Continuation lines joined, comments and blank lines dropped.
        var instructions = text.Replace("\\\n", " ").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .Select(parts => new DockerInstruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : ""))
            .ToList();
        var finalStage = instructions.FindLastIndex(instruction => instruction.Keyword == "FROM");
        var stage = instructions.Skip(finalStage + 1).ToList();

        var cmd = stage.LastOrDefault(instruction => instruction.Keyword == "CMD")
            ?? throw new StepFailed("the Dockerfile has no CMD");
        var command = cmd.Arguments.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(cmd.Arguments) ?? throw new StepFailed("the Dockerfile's CMD is not a JSON array")
            : ["/bin/sh", "-c", cmd.Arguments];
        var firstStage = instructions.FindIndex(instruction => instruction.Keyword == "FROM");
        return new DockerImage(stage, command)
        {
            EarlierStages = firstStage < finalStage ? instructions.Skip(firstStage + 1).Take(finalStage - firstStage - 1).ToList() : [],
        };
    }

    /// <summary>The image's environment: its ENV instructions in order, over <paramref name="baseImage"/>'s.</summary>
    public IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, string> baseImage)
    {
        var environment = new Dictionary<string, string>(baseImage);
        foreach (var instruction in Instructions.Where(instruction => instruction.Keyword == "ENV"))
        {
            foreach (var (key, value) in Variables(instruction.Arguments, environment))
                environment[key] = value;
        }
        return environment;
    }

    /// <summary>
    /// The variables an ENV instruction sets (<c>KEY=VALUE ...</c>, or the older <c>KEY VALUE</c>), with
    /// <c>$NAME</c> and <c>${NAME}</c> taken from <paramref name="before"/>, the environment so far.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Variables(string arguments, IReadOnlyDictionary<string, string> before)
    {
        string Expand(string value) => Reference().Replace(value.Trim('"'),
            match => before.GetValueOrDefault(match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["plain"].Value, ""));

        if (!arguments.Contains('='))
        {
            var parts = arguments.Split(' ', 2);
            return [new(parts[0], Expand(parts.Length > 1 ? parts[1].Trim() : ""))];
        }
        return EnvPair().Matches(arguments).Select(pair => new KeyValuePair<string, string>(pair.Groups["key"].Value, Expand(pair.Groups["value"].Value)));
    }

    [GeneratedRegex("""(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>"[^"]*"|\S+)""")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"\$(\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?<plain>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Reference();
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
