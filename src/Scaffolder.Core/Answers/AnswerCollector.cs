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
    public ProjectAnswers Collect(DjangoProject project, PartialAnswers given)
    {
        var host = given.Host ?? Ask<Host>("Where will it run?", catalog.Choices.Host, _ => true);
        var database = given.Database
            ?? Ask<Database>("Which database?", catalog.Choices.Database, db => Compatibility.SqliteProblem(host, db) is null);
        var storage = given.Storage ?? Ask<Storage>("Where do static and uploaded files live?", catalog.Choices.Storage, _ => true);
        var server = given.Server ?? Default<Server>(catalog.Choices.Server);
        var python = given.Python ?? DefaultPython(project.Django);
        return new ProjectAnswers(host, database, storage, server, python);
    }

    /// <summary>The newest Python offered that the project's Django supports (the oldest offered when none is).</summary>
    public string DefaultPython(DetectedDjango django)
    {
        var newestSupported = Compatibility.NewestPython(catalog, django);
        return newestSupported is null
            ? catalog.Python[0]
            : catalog.Python.Last(python => Version.Parse(python) <= Version.Parse(newestSupported));
    }

    private T Ask<T>(string question, List<ChoiceInfo> choices, Func<T, bool> offered) where T : struct, Enum
    {
        if (prompt is null)
            return Default<T>(choices);
        var options = choices
            .Where(choice => offered(Parse<T>(choice.Name)))
            .Select((choice, index) => new PromptOption(choice.Name, choice.Summary, Recommended: index == 0))
            .ToList();
        return Parse<T>(prompt.Choose(question, options));
    }

    private static T Default<T>(List<ChoiceInfo> choices) where T : struct, Enum => Parse<T>(choices[0].Name);

    private static T Parse<T>(string name) where T : struct, Enum =>
        ChoiceNames.TryParse<T>(name, out var value)
            ? value
            : throw new InvalidOperationException($"catalog.toml offers '{name}', which is no {typeof(T).Name}");
}
