using System.CommandLine;
using Scaffolder.Answers;
using Scaffolder.Catalog;
using Scaffolder.Dependencies;
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
    /// <summary>More than a run allocates (2 to 5 MB for an apply): collecting during a run only copies what lives into fresh pages.</summary>
    private const long RunAllocationBudget = 16 * 1024 * 1024;

    public static int Main(string[] args)
    {
        // A run ends within milliseconds: no collection while it allocates less than the budget (the runtime collects as
        // usual past it). Each fresh page is a page fault, the bulk of a start-up: 12% fewer of them, and less memory.
        try
        {
            GC.TryStartNoGCRegion(RunAllocationBudget);
        }
        catch (ArgumentOutOfRangeException)
        {
            // A budget larger than the runtime can set aside (documented, with segments): the run collects as usual.
        }
        var console = AnsiConsole.Console;
        // Written to a file or a CI log, lines stay whole: diffs and commands must survive copy and paste.
        if (Console.IsOutputRedirected)
            console.Profile.Width = 4096;
        // Ctrl-C in a menu ends the process (exit 130, nothing written); the terminal gets its cursor back first.
        Console.CancelKeyPress += (_, _) => console.Cursor.Show(true);
        return (int)Run(args, console, Console.Error, TemplateSource.Embedded);
    }

    /// <param name="console">Where results and prompts go; prompts only when it is interactive.</param>
    /// <param name="error">Where one-line errors go.</param>
    public static ExitCode Run(string[] args, IAnsiConsole console, TextWriter error, TemplateSource templates)
    {
        try
        {
            templates = CommandLine.TemplatesFolder(args) is { } folder ? TemplateSource.FromFolder(folder) : templates;
            var catalog = CatalogLoader.Load(templates);
            var commandLine = new CommandLine(catalog);
            var parsed = commandLine.Root.Parse(args);
            if (commandLine.UsageProblem(parsed) is { } problem)
            {
                if (args.Length == 0)
                    console.Profile.Out.Writer.Write(commandLine.Help([]));
                error.WriteLine($"error: {problem}");
                return ExitCode.BadInput;
            }
            if (commandLine.IsHelpOrVersion(parsed))
            {
                console.Profile.Out.Writer.Write(commandLine.Help(args));
                return ExitCode.Done;
            }

            var options = commandLine.ReadApplyOptions(parsed);
            return Apply(options, catalog, templates, console, error);
        }
        catch (UserError e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"internal error: {CommandLine.OneLine(e.Message)}; nothing more was written. Please report it with the lines below.");
            error.WriteLine(e);
            // Some exceptions (Scriban's) print their message alone: the trace is what a report needs.
            if (e.StackTrace is { } trace && !e.ToString().Contains(trace, StringComparison.Ordinal))
                error.WriteLine(trace);
            return ExitCode.InternalError;
        }
    }

    private static ExitCode Apply(ApplyOptions options, Catalog.Catalog catalog, TemplateSource templates, IAnsiConsole console, TextWriter error)
    {
        var report = new ApplyReport(console);
        var project = new ProjectDetector(catalog).Detect(options.Path);
        report.Detected(project);

        // Flags win over an answers file, which wins over what the last apply recorded; the rest is asked or defaulted.
        var record = ProjectRecord.Load(project.Root, catalog.HostNames);
        if (record is not null)
            project = project with { Dependencies = project.Dependencies.Without(record.Files.Keys) };
        var given = options.Answers
            .Or(options.AnswersFile is null ? PartialAnswers.None : AnswersFile.Read(options.AnswersFile, catalog))
            .Or(record is null ? PartialAnswers.None : record.Given);
        var prompt = !options.Yes && !options.Check && console.Profile.Capabilities.Interactive ? new SpectreChoicePrompt(console) : null;
        var collected = new AnswerCollector(catalog, prompt).Collect(project, given);
        var answers = collected.Answers;
        CheckCompatibility(catalog, project, answers, options.Force);
        report.Chosen(collected);

        var overlay = new OverlayRenderer(catalog, templates).Render(project, answers, OverlaySecrets.Generate());
        var git = new GitCli();
        var leftovers = Leftovers.Find(project.Root, overlay, record);
        var plan = new Planner(git).Plan(project.Root, overlay, answers, record, new PlanChoices(options.Force, options.Prune));
        // The manager's lock must hold the overlay's packages, or the build's locked install fails.
        var staleLock = LockFile.Stale(project.Root, overlay.Dependencies!, overlay.Requirements);
        if (options.Check)
        {
            var drift = new List<string>();
            if (plan.Drift.Any())
                drift.Add(Advice.Drift(plan));
            if (staleLock is not null)
                drift.Add(staleLock.Describe(project.Root));
            if (drift.Count == 0)
                return ExitCode.Done;
            error.WriteLine($"error: {string.Join("; ", drift)}");
            return ExitCode.Unsettled;
        }

        if (options.DryRun)
        {
            report.DryRun(plan, leftovers);
        }
        else
        {
            var files = new FileOperations();
            new PlanWriter(files).Write(plan);
            git.KeepBases(project.Root, plan.Bases);
            Leftovers.Clear(project.Root, leftovers, files);
            report.Applied(plan, leftovers, overlay.NextSteps);
            if (staleLock is not null && !plan.Conflicts.Any())
                staleLock = Relock(project.Root, staleLock, overlay, report);
        }

        var unsettled = new List<string>();
        if (Advice.Unsettled(plan, options.DryRun) is { } conflicts)
            unsettled.Add(conflicts);
        if (staleLock is not null)
            unsettled.Add(staleLock.Describe(project.Root));
        if (unsettled.Count == 0)
            return ExitCode.Done;
        error.WriteLine($"error: {string.Join("; ", unsettled)}");
        return ExitCode.Unsettled;
    }

    /// <summary>Runs the manager's lock command when it is on PATH and shows what changed; the lock still stale, or null.</summary>
    private static StaleLock? Relock(string root, StaleLock stale, Rendering.Overlay overlay, ApplyReport report)
    {
        var before = LockFile.Read(root, stale.Lock);
        var outcome = new LockRunner(Environment.GetEnvironmentVariable("PATH")).Run(root, stale.Command);
        if (!outcome.Found)
            return stale;
        if (outcome.ExitCode != 0)
        {
            report.LockFailed(stale, outcome);
            return stale;
        }
        report.Relocked(stale, LockFile.Changes(before, LockFile.Read(root, stale.Lock)));
        return LockFile.Stale(root, overlay.Dependencies!, overlay.Requirements);
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
