using System.CommandLine;
using System.CommandLine.Help;
using Scaffolder.Answers;

namespace Scaffolder.Cli;

/// <summary>The command-line grammar: <c>scaffolder apply [PATH] --host ... --database ... --storage ...</c>.</summary>
public sealed class CommandLine
{
    private readonly Argument<string> _path = new("PATH")
    {
        Description = "The folder that holds manage.py (default: the current folder)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _host;
    private readonly Option<string?> _database;
    private readonly Option<string?> _storage;
    private readonly Option<string?> _server;
    private readonly Option<string?> _python;
    private readonly Option<string?> _packages;

    /// <summary>The options whose value must be one of a list, with that list.</summary>
    private readonly List<(Option<string?> Option, IReadOnlyList<string> Offered)> _choices = [];

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
        Description = "Read answers from a YAML or JSON file (host, database, storage, server, python, packages); flags win over it",
        HelpName = "FILE",
    };

    private readonly Option<bool> _check = new("--check")
    {
        Description = "Write nothing; exit 1 and list the files when applying would change any of them (for CI)",
    };

    private readonly Option<bool> _prune = new("--prune")
    {
        Description = "Remove the files Scaffolder wrote that the answers no longer need (after a host switch), unless you edited them",
    };

    private readonly Option<string?> _templates = new(TemplatesOption)
    {
        Description = "Render from this folder of templates (a copy of Scaffolder's templates/, e.g. with a host of your own) instead of the built-in ones",
        HelpName = "DIR",
    };

    private const string TemplatesOption = "--templates";

    private readonly Option<bool> _force = new("--force")
    {
        Description = "Settle conflicts by discarding your edits to those files, remove every file the answers no longer need, and accept choices that cannot work well together",
    };

    public CommandLine(Catalog.Catalog catalog)
    {
        _host = Choice("--host", "Where it will run", [.. catalog.HostNames]);
        _database = Choice("--database", "Which database DATABASE_URL points at", Names(catalog.Choices.Database));
        _storage = Choice("--storage", "Where static and uploaded files live", Names(catalog.Choices.Storage));
        _server = Choice("--server", "The application server: gunicorn (WSGI) or uvicorn (ASGI)", Names(catalog.Choices.Server));
        _python = new Option<string?>("--python")
        {
            Description = "The Python version of the image and the host (default: as last applied, else the newest the project's Django supports)",
            HelpName = string.Join('|', catalog.Python),
        };
        _python.AcceptOnlyFromAmong([.. catalog.Python]);
        _choices.Add((_python, catalog.Python));
        string[] managers = Names(catalog.Choices.Packages);
        _packages = new Option<string?>("--packages")
        {
            Description = "How the project declares its dependencies (default: as last applied, else found from its files: uv.lock, poetry.lock, Pipfile, pyproject.toml, requirements.txt)",
            HelpName = string.Join('|', managers),
        };
        _packages.AcceptOnlyFromAmong(managers);
        _choices.Add((_packages, managers));

        Apply = new Command("apply", "Write the production overlay into a Django project: settings from the environment, .env, requirements.txt, Procfile, Dockerfile and the host's manifest")
        {
            _path, _host, _database, _storage, _server, _python, _packages, _answers, _templates, _yes, _dryRun, _check, _prune, _force,
        };
        Root = new RootCommand("Scaffolder makes an existing Django project production-ready.") { Apply };
    }

    public RootCommand Root { get; }

    public Command Apply { get; }

    /// <summary>
    /// The folder given with --templates, read before the command line is built, since the choices it offers come from
    /// the templates; null when none is given.
    /// </summary>
    public static string? TemplatesFolder(string[] args)
    {
        var at = Array.FindIndex(args, arg => arg == TemplatesOption || arg.StartsWith(TemplatesOption + "=", StringComparison.Ordinal));
        if (at < 0)
            return null;
        var folder = args[at].Contains('=') ? args[at][(args[at].IndexOf('=') + 1)..] : at + 1 < args.Length ? args[at + 1] : "";
        if (folder.Length == 0)
            throw new UserError($"{TemplatesOption} needs a folder: a copy of Scaffolder's templates/");
        return Directory.Exists(folder)
            ? Path.GetFullPath(folder)
            : throw new UserError($"{TemplatesOption} {folder} is not a folder; pass a copy of Scaffolder's templates/ (it holds catalog.toml)");
    }

    /// <summary>The one line that says what is wrong with the command line, or null when it can run.</summary>
    public string? UsageProblem(ParseResult parsed)
    {
        if (IsHelpOrVersion(parsed))
            return null;
        var seeHelp = parsed.CommandResult.Command == Apply ? "scaffolder apply --help" : "scaffolder --help";
        if (parsed.Tokens.Count == 0)
            return "no command given; run scaffolder apply in a Django project (see scaffolder --help)";
        if (parsed.CommandResult.Command != Apply)
        {
            var first = parsed.Tokens[0].Value;
            return first.StartsWith('-')
                ? $"unknown option '{first}' (see {seeHelp})"
                : $"unknown command '{first}'{Suggestion(first)} (see {seeHelp})";
        }
        if (_choices.Select(choice => NotOffered(parsed, choice.Option, choice.Offered)).FirstOrDefault(problem => problem is not null) is { } notOffered)
            return $"{notOffered} (see {seeHelp})";
        if (parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            return token.StartsWith('-')
                ? $"unknown option '{token}' (see {seeHelp})"
                : $"unexpected argument '{token}': apply takes one PATH (see {seeHelp})";
        }
        if (parsed.Errors.Count > 0)
            return $"{OneLine(parsed.Errors[0].Message)} (see {seeHelp})";

        if (parsed.GetValue(_path) is { } path && path.StartsWith('-') && !Directory.Exists(path))
            return $"unknown option '{path}' (see {seeHelp})";
        if (parsed.GetValue(_path) is "")
            return "PATH is empty (an unset variable?); pass the folder that holds manage.py, or leave PATH out for the current folder";
        if (parsed.GetValue(_answers) is "")
            return "--answers is empty (an unset variable?); pass the answers file, or leave --answers out";
        return Contradiction(parsed);
    }

    public bool IsHelpOrVersion(ParseResult parsed) =>
        parsed.Action is HelpAction || parsed.Tokens.Any(token => token.Value is "--version" && parsed.CommandResult.Command == Root);

    /// <summary>The help text for the command the arguments name, with the optional PATH shown as such and the exit codes.</summary>
    public string Help(string[] args)
    {
        var parsed = Root.Parse(args.Contains("--help") || args.Contains("-h") || args.Contains("-?") || args.Contains("--version") ? args : [.. args, "--help"]);
        var text = new StringWriter();
        parsed.Invoke(new InvocationConfiguration { Output = text, Error = text });
        var help = text.ToString().Replace("apply <PATH>", "apply [PATH]", StringComparison.Ordinal);
        return parsed.Action is HelpAction ? help.TrimEnd('\n') + "\n\n" + ExitCodesHelp + "\n" : help;
    }

    public ApplyOptions ReadApplyOptions(ParseResult parsed) => new(
        Path: parsed.GetValue(_path) ?? ".",
        Answers: new PartialAnswers(
            parsed.GetValue(_host),
            Parse<Database>(parsed.GetValue(_database)),
            Parse<Storage>(parsed.GetValue(_storage)),
            Parse<Server>(parsed.GetValue(_server)),
            parsed.GetValue(_python),
            Parse<PackageManager>(parsed.GetValue(_packages))),
        AnswersFile: parsed.GetValue(_answers),
        Yes: parsed.GetValue(_yes),
        DryRun: parsed.GetValue(_dryRun),
        Check: parsed.GetValue(_check),
        Prune: parsed.GetValue(_prune),
        Force: parsed.GetValue(_force));

    private static readonly string ExitCodesHelp = string.Join('\n',
        "Exit codes:",
        $"  {(int)ExitCode.Done,-3}done: the overlay is written and complete (with --check: current)",
        $"  {(int)ExitCode.Unsettled,-3}left for you to settle: a conflict (see FILE.scaffolder-new), files no longer needed, or (--check) applying would change files",
        $"  {(int)ExitCode.BadInput,-3}usage or bad input: one line names the fix; nothing was written",
        $"  {(int)ExitCode.InternalError,-3}internal error: a bug in Scaffolder, with its trace; nothing was written");

    /// <summary>Flags that ask for opposite things: --check writes nothing, so it cannot also preview or settle.</summary>
    private string? Contradiction(ParseResult parsed)
    {
        if (!parsed.GetValue(_check))
            return null;
        var with = new[] { _dryRun, _force, _prune }.FirstOrDefault(option => parsed.GetValue(option));
        return with is null
            ? null
            : $"--check and {with.Name} contradict each other: --check only reports whether applying would change files; drop one of them";
    }

    private string Suggestion(string word)
    {
        var closest = Root.Subcommands.MinBy(command => EditDistance(word, command.Name))!;
        return EditDistance(word, closest.Name) <= 2 ? $"; did you mean '{closest.Name}'?" : $"; the command is '{closest.Name}'";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>The text on one line, as every message of ours is.</summary>
    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>"'oracle' is not a database; choose one of ..." for a value the option does not offer, else null.</summary>
    private static string? NotOffered(ParseResult parsed, Option<string?> option, IReadOnlyList<string> offered)
    {
        if (parsed.GetResult(option) is not { } result)
            return null;
        if (result.Tokens.Count == 0)
            return $"{option.Name} needs a value: one of {string.Join(", ", offered)}";
        var value = result.Tokens[0].Value;
        return offered.Contains(value) ? null : $"'{value}' is not a {option.Name.TrimStart('-')}; choose {option.Name} {string.Join("|", offered)}";
    }

    // The catalog lists the recommended choice, the default, first.
    private static string[] Names(List<Catalog.ChoiceInfo> offered) => [.. offered.Select(choice => choice.Name)];

    private Option<string?> Choice(string name, string description, string[] choices)
    {
        var option = new Option<string?>(name)
        {
            Description = $"{description} (default: as last applied, else {choices[0]})",
            HelpName = string.Join('|', choices),
        };
        option.AcceptOnlyFromAmong([.. choices]);
        _choices.Add((option, choices));
        return option;
    }

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        ChoiceNames.TryParse<T>(text, out var value) ? value : null;
}
