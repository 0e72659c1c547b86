using Scaffolder.Catalog;
using Scaffolder.Detection;

namespace Scaffolder.Answers;

/// <summary>
/// Completes the user's answers: what a flag said stands; what is missing is asked when a prompt is given
/// (host, database, storage), and otherwise takes its documented default, the first choice the catalog lists
/// (docker, postgres, whitenoise, gunicorn) and the newest Python the project's Django supports.
/// </summary>
public sealed class AnswerCollector(Catalog.Catalog catalog, IChoicePrompt? prompt)
{
    public CollectedAnswers Collect(DjangoProject project, PartialAnswers given)
    {
        var defaulted = new List<DefaultedAnswer>();
        T Defaulted<T>(string question, T value, string why)
        {
            defaulted.Add(new DefaultedAnswer(question, value!.ToString()!.ToLowerInvariant(), why));
            return value;
        }

        var host = given.Host
            ?? Ask("Where will it run?", [.. catalog.Hosts.Select(info => (info.Name, info.Summary))], _ => null, defaulted, "host");
        var database = given.Database ?? Parse<Database>(Ask("Which database?", Offered(catalog.Choices.Database),
            name => Compatibility.SqliteProblem(catalog.Host(host), Parse<Database>(name)), defaulted, "database"));
        var storage = given.Storage
            ?? Parse<Storage>(Ask("Where do static and uploaded files live?", Offered(catalog.Choices.Storage), _ => null, defaulted, "storage"));
        var server = given.Server ?? Defaulted("server", Default<Server>(catalog.Choices.Server), "the default; --server uvicorn for ASGI");
        var python = given.Python
            ?? Defaulted("python", DefaultPython(project.Django), $"the newest Django {project.Django.Line} supports; --python to choose");
        return new CollectedAnswers(new ProjectAnswers(host, database, storage, server, python), defaulted);
    }

    /// <summary>The newest Python offered that the project's Django supports (the oldest offered when none is).</summary>
    public string DefaultPython(DetectedDjango django)
    {
        var newestSupported = Compatibility.NewestPython(catalog, django);
        return newestSupported is null
            ? catalog.Python[0]
            : catalog.Python.Last(python => Version.Parse(python) <= Version.Parse(newestSupported));
    }

    /// <param name="choices">The choices in the catalog's order: the first is the default.</param>
    /// <param name="unfit">Why a choice is not offered here, or null when it is.</param>
    /// <returns>The name of the choice asked for, or of the default.</returns>
    private string Ask(string question, IReadOnlyList<(string Name, string Summary)> choices, Func<string, string?> unfit,
        List<DefaultedAnswer> defaulted, string key)
    {
        if (prompt is null)
        {
            defaulted.Add(new DefaultedAnswer(key, choices[0].Name, $"the default; --{key} to choose"));
            return choices[0].Name;
        }
        var options = choices
            .Where(choice => unfit(choice.Name) is null)
            .Select((choice, index) => new PromptOption(choice.Name, choice.Summary, Recommended: index == 0))
            .ToList();
        var notOffered = choices
            .Select(choice => (choice.Name, Reason: unfit(choice.Name)))
            .Where(choice => choice.Reason is not null)
            .Select(choice => $"{choice.Name} is not offered: {choice.Reason}")
            .ToList();
        return prompt.Choose(question, options, notOffered);
    }

    private static List<(string Name, string Summary)> Offered(List<ChoiceInfo> choices) =>
        [.. choices.Select(choice => (choice.Name, choice.Summary))];

    private static T Default<T>(List<ChoiceInfo> choices) where T : struct, Enum => Parse<T>(choices[0].Name);

    private static T Parse<T>(string name) where T : struct, Enum =>
        ChoiceNames.TryParse<T>(name, out var value)
            ? value
            : throw new InvalidOperationException($"catalog.toml offers '{name}', which is no {typeof(T).Name}");
}

/// <summary>The answers, and which of them nobody gave (neither flag, file, record nor prompt), with why that value.</summary>
public sealed record CollectedAnswers(ProjectAnswers Answers, IReadOnlyList<DefaultedAnswer> Defaulted);

/// <summary>An answer taken by default: which, the value, and why (with the flag that changes it).</summary>
public sealed record DefaultedAnswer(string Key, string Value, string Why);
