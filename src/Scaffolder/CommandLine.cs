using System.CommandLine;
using Scaffolder.Answers;

namespace Scaffolder.Cli;

/// <summary>The command-line grammar: <c>scaffolder apply [PATH] --host ... --database ... --storage ...</c>.</summary>
public sealed class CommandLine
{
    private readonly Argument<string> _path = new("PATH")
    {
        Description = "The folder that holds manage.py",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => ".",
    };

    private readonly Option<string?> _host;
    private readonly Option<string?> _database;
    private readonly Option<string?> _storage;
    private readonly Option<string?> _server;
    private readonly Option<string?> _python;

    private readonly Option<bool> _yes = new("--yes", "-y")
    {
        Description = "Ask nothing: a missing choice takes its default (also without a terminal)",
    };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Write nothing; show for every file whether it would be created, updated, unchanged or in conflict, with a diff",
    };

    private readonly Option<string?> _answers = new("--answers")
    {
        Description = "Read answers from a YAML or JSON file (host, database, storage, server, python); flags win over it",
        HelpName = "FILE",
    };

    private readonly Option<bool> _check = new("--check")
    {
        Description = "Write nothing; exit 1 and list the files when applying would change any of them (for CI)",
    };

    private readonly Option<bool> _force = new("--force")
    {
        Description = "Replace files that exist with other content, remove files the answers no longer need, and accept choices that cannot work well together",
    };

    public CommandLine(Catalog.Catalog catalog)
    {
        _host = Choice("--host", "Where it will run", catalog.Choices.Host);
        _database = Choice("--database", "Which database DATABASE_URL points at", catalog.Choices.Database);
        _storage = Choice("--storage", "Where static and uploaded files live", catalog.Choices.Storage);
        _server = Choice("--server", "The application server: gunicorn (WSGI) or uvicorn (ASGI)", catalog.Choices.Server);
        _python = new Option<string?>("--python")
        {
            Description = "The Python version of the image and the host (default: as last applied, else the newest the project's Django supports)",
            HelpName = string.Join('|', catalog.Python),
        };
        _python.AcceptOnlyFromAmong([.. catalog.Python]);

        Apply = new Command("apply", "Write the production overlay into a Django project: settings from the environment, .env, requirements.txt, Procfile, Dockerfile and the host's manifest")
        {
            _path, _host, _database, _storage, _server, _python, _answers, _yes, _dryRun, _check, _force,
        };
        Root = new RootCommand("Scaffolder makes an existing Django project production-ready.") { Apply };
    }

    public RootCommand Root { get; }

    public Command Apply { get; }

    public ApplyOptions ReadApplyOptions(ParseResult parsed) => new(
        Path: parsed.GetValue(_path) ?? ".",
        Answers: new PartialAnswers(
            Parse<Host>(parsed.GetValue(_host)),
            Parse<Database>(parsed.GetValue(_database)),
            Parse<Storage>(parsed.GetValue(_storage)),
            Parse<Server>(parsed.GetValue(_server)),
            parsed.GetValue(_python)),
        AnswersFile: parsed.GetValue(_answers),
        Yes: parsed.GetValue(_yes),
        DryRun: parsed.GetValue(_dryRun),
        Check: parsed.GetValue(_check),
        Force: parsed.GetValue(_force));

    // The catalog lists the recommended choice, the default, first.
    private static Option<string?> Choice(string name, string description, List<Catalog.ChoiceInfo> offered)
    {
        var choices = offered.Select(choice => choice.Name).ToArray();
        var option = new Option<string?>(name)
        {
            Description = $"{description} (default: as last applied, else {choices[0]})",
            HelpName = string.Join('|', choices),
        };
        option.AcceptOnlyFromAmong([.. choices]);
        return option;
    }

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        ChoiceNames.TryParse<T>(text, out var value) ? value : null;
}
