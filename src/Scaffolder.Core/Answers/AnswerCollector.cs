using Scaffolder.Catalog;
using Scaffolder.Dependencies;
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
        var python = given.Python ?? DefaultPython(project, defaulted);
        var packages = given.Packages ?? Packages(project, defaulted);
        return new CollectedAnswers(new ProjectAnswers(host, database, storage, server, python, packages), defaulted);
    }

    /// <summary>The dependency manager the project's files point to; asked only when they point to several.</summary>
    private PackageManager Packages(DjangoProject project, List<DefaultedAnswer> defaulted)
    {
        var choice = ManagerChoice.From(project.Dependencies);
        if (choice.Decided is { } decided)
        {
            defaulted.Add(new DefaultedAnswer("packages", ChoiceNames.Name(decided), $"{choice.Why}; --packages to choose"));
            return decided;
        }
        var candidates = choice.Candidates.Select(evidence => evidence.Manager).Distinct().ToList();
        if (prompt is null)
        {
            defaulted.Add(new DefaultedAnswer("packages", ChoiceNames.Name(candidates[0]), $"{choice.Why}; --packages to choose"));
            return candidates[0];
        }
        var options = choice.Candidates
            .DistinctBy(evidence => evidence.Manager)
            .Select((evidence, index) => new PromptOption(ChoiceNames.Name(evidence.Manager),
                $"{catalog.Manager(ChoiceNames.Name(evidence.Manager)).Label}: found {evidence.File}", Recommended: index == 0))
            .ToList();
        return Parse<PackageManager>(prompt.Choose($"Which manages the dependencies? ({choice.Why})", options, []));
    }

    /// <summary>
    /// The newest Python offered that the project's Django supports and its files allow (.python-version, requires-python,
    /// Poetry's python, Pipfile's python_version); a refusal when the files allow none that Django supports.
    /// </summary>
    private string DefaultPython(DjangoProject project, List<DefaultedAnswer> defaulted)
    {
        var constraints = project.Dependencies.Python;
        var python = DefaultPython(project.Django);
        if (constraints.Count == 0)
        {
            defaulted.Add(new DefaultedAnswer("python", python, $"the newest Django {project.Django.Line} supports; --python to choose"));
            return python;
        }
        var newest = Compatibility.NewestPython(catalog, project.Django) ?? catalog.Python[0];
        var allowed = catalog.Python
            .Where(line => Version.Parse(line) <= Version.Parse(newest))
            .Where(line => constraints.All(constraint => PythonSpecifier.Allows(constraint, line)))
            .ToList();
        if (allowed.Count == 0)
            throw new UserError(Compatibility.NoPythonAllowed(catalog, project));
        var sources = string.Join(", ", constraints.Select(constraint => $"{constraint.Source} {constraint.Text}"));
        defaulted.Add(new DefaultedAnswer("python", allowed[^1], $"the newest that {sources} and Django {project.Django.Line} allow; --python to choose"));
        return allowed[^1];
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
