using System.CommandLine;
using Scaffolder.Answers;
using Scaffolder.Catalog;
using Scaffolder.Detection;
using Scaffolder.Ownership;
using Scaffolder.Planning;
using Scaffolder.Rendering;
using Spectre.Console;

namespace Scaffolder.Cli;

/// <summary>
/// The tool's entry point. <c>apply</c> is one straight path:
/// parse → detect the project → collect answers → render → plan → write.
/// </summary>
public static class Program
{
    public const int Done = 0;
    /// <summary>Conflicts were left unwritten, or (with --check) applying would change files.</summary>
    public const int ConflictsLeft = 1;
    public const int BadInput = 2;

    public static int Main(string[] args)
    {
        var console = AnsiConsole.Console;
        // Written to a file or a CI log, lines stay whole: diffs and commands must survive copy and paste.
        if (Console.IsOutputRedirected)
            console.Profile.Width = 4096;
        return Run(args, console, Console.Error, TemplateSource.Embedded);
    }

    /// <param name="console">Where results and prompts go; prompts only when it is interactive.</param>
    /// <param name="error">Where one-line errors go.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, TemplateSource templates)
    {
        try
        {
            var catalog = CatalogLoader.Load(templates);
            var commandLine = new CommandLine(catalog);
            var parsed = commandLine.Root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                var message = string.Join(' ', parsed.Errors[0].Message.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));
                error.WriteLine($"error: {message} (see scaffolder {(parsed.CommandResult.Command == commandLine.Apply ? "apply " : "")}--help)");
                return BadInput;
            }

            commandLine.Apply.SetAction(result => Apply(commandLine.ReadApplyOptions(result), catalog, templates, console, error));
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = console.Profile.Out.Writer,
                Error = error,
                // A UserError is ours to report in one line, below; anything else is a bug and keeps its trace.
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (UserError e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    private static int Apply(ApplyOptions options, Catalog.Catalog catalog, TemplateSource templates, IAnsiConsole console, TextWriter error)
    {
        var report = new ApplyReport(console);
        var project = new ProjectDetector(catalog.CurrentLts).Detect(options.Path);
        report.Detected(project);

        // Flags win over an answers file, which wins over what the last apply recorded; the rest is asked or defaulted.
        var record = ProjectRecord.Load(project.Root);
        var given = options.Answers
            .Or(options.AnswersFile is null ? PartialAnswers.None : AnswersFile.Read(options.AnswersFile, catalog.Python))
            .Or(record is null ? PartialAnswers.None : PartialAnswers.From(record.Answers));
        var prompt = !options.Yes && !options.Check && console.Profile.Capabilities.Interactive ? new SpectreChoicePrompt(console) : null;
        var answers = new AnswerCollector(catalog, prompt).Collect(project, given);
        CheckCompatibility(catalog, project, answers, options.Force);

        var overlay = new OverlayRenderer(catalog, templates).Render(project, answers, OverlaySecrets.Generate());
        var git = new GitCli();
        var plan = new Planner(git).Plan(project.Root, overlay, answers, record, options.Force);
        if (options.Check)
        {
            if (!plan.Drift.Any())
                return Done;
            error.WriteLine($"error: {ApplyReport.DriftSummary(plan)}");
            return ConflictsLeft;
        }

        if (options.DryRun)
        {
            report.DryRun(plan);
        }
        else
        {
            new PlanWriter(new FileOperations()).Write(plan);
            git.KeepBases(project.Root, plan.Bases);
            report.Applied(plan, overlay.NextSteps);
        }

        if (!plan.Conflicts.Any())
            return Done;
        error.WriteLine($"error: {ApplyReport.ConflictSummary(plan, options.DryRun)}");
        return ConflictsLeft;
    }

    private static void CheckCompatibility(Catalog.Catalog catalog, DjangoProject project, ProjectAnswers answers, bool force)
    {
        if (Compatibility.Blocker(project, answers) is { } blocker)
            throw new UserError(blocker);
        var problems = Compatibility.Problems(catalog, project, answers);
        if (problems.Count > 0 && !force)
            throw new UserError($"{problems[0]} (or pass --force to proceed anyway)");
    }
}
