using DiffPlex.Renderer;
using Scaffolder.Detection;
using Scaffolder.Merging;
using Scaffolder.Planning;
using Spectre.Console;

namespace Scaffolder.Cli;

/// <summary>Tells the user what was found, and what a plan does (dry run) or did (apply). Secrets are never printed.</summary>
public sealed class ApplyReport(IAnsiConsole console)
{
    public void Detected(DjangoProject project)
    {
        var version = project.Django.Source switch
        {
            DjangoVersionSource.SettingsHeader => $"Django {project.Django.Version}",
            DjangoVersionSource.Requirements => $"Django {project.Django.Version} (from requirements.txt)",
            _ => $"Django {project.Django.Version} assumed (no version found)",
        };
        var existing = project.ExistingFiles.Count == 0 ? "" : $"; has {string.Join(", ", project.ExistingFiles)}";
        console.MarkupLineInterpolated($"[grey]{version} project in {project.Root}: settings {project.SettingsModule}{existing}[/]");
    }

    public void DryRun(Plan plan)
    {
        foreach (var file in plan.Files)
        {
            console.MarkupLine($"[{Colour(file.Action)}]{Verb(file.Action),-9}[/] {Markup.Escape(file.Path)}{NoteOf(file)}");
            if (file.Action is not FileAction.Unchanged and not FileAction.Obsolete)
                WriteDiff(file);
        }
        console.MarkupLine("[grey]Dry run: nothing was written.[/]");
    }

    public void Applied(Plan plan, string nextSteps)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("File").AddColumn("Result");
        foreach (var file in plan.Files)
            table.AddRow(new Text(file.Path), new Markup($"[{Colour(file.Action)}]{Result(file.Action)}[/]{NoteOf(file)}"));
        console.Write(table);

        if (plan.Writes.Any(file => file.Path != Ownership.ProjectRecord.FileName))
        {
            console.WriteLine();
            console.Write(new Text(nextSteps));
        }
    }

    /// <summary>One line on the files left as they were because they hold other content.</summary>
    public static string ConflictSummary(Plan plan, bool dryRun)
    {
        var conflicts = plan.Conflicts.Select(file => file.Path).ToList();
        var one = conflicts.Count == 1;
        var left = dryRun ? "would be left" : one ? "was left" : "were left";
        return $"{string.Join(", ", conflicts)} already exist{(one ? "s" : "")} with other content and {left} "
            + $"as {(one ? "it was" : "they were")}; see the differences with --dry-run, replace with --force";
    }

    /// <summary>One line naming every file applying would change, for --check.</summary>
    public static string DriftSummary(Plan plan) =>
        "applying would change " + string.Join(", ", plan.Drift.Select(file => $"{file.Path} ({Verb(file.Action)})"))
        + "; run scaffolder apply and commit the result";

    private void WriteDiff(PlannedFile file)
    {
        var diff = UnidiffRenderer.GenerateUnidiff(
            Mask(file, file.Before ?? ""),
            Mask(file, file.After),
            file.Before is null ? "/dev/null" : $"a/{file.Path}",
            $"b/{file.Path}",
            ignoreWhitespace: false,
            ignoreCase: false,
            contextLines: 3);
        foreach (var line in diff.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0))
        {
            var style = line.StartsWith("+++") || line.StartsWith("---") ? Style.Plain
                : line.StartsWith('+') ? new Style(Color.Green)
                : line.StartsWith('-') ? new Style(Color.Red)
                : line.StartsWith("@@") ? new Style(Color.Aqua)
                : Style.Plain;
            console.Write(new Text(line + "\n", style));
        }
    }

    // A file that holds secrets shows which variables it sets, never their values.
    private static string Mask(PlannedFile file, string text) =>
        file.Private ? string.Join('\n', text.Split('\n').Select(MaskValue)) : text;

    // Assignments are found as the .env merge finds them, so the two can never disagree on what a value is.
    private static string MaskValue(string line)
    {
        if (FileMergers.EnvKey(line) is null)
            return line;
        var valueStart = line.IndexOf('=') + 1;
        return line[valueStart..].TrimEnd('\r').Length == 0 ? line : line[..valueStart] + "********";
    }

    private static string NoteOf(PlannedFile file) => file.Note is null ? "" : $" [grey]({Markup.Escape(file.Note)})[/]";

    private static string Verb(FileAction action) => action.ToString().ToLowerInvariant();

    private static string Result(FileAction action) => action switch
    {
        FileAction.Create => "created",
        FileAction.Update => "updated",
        FileAction.Unchanged => "unchanged",
        FileAction.Remove => "removed",
        FileAction.Obsolete => "kept",
        _ => "conflict: left as it was",
    };

    private static string Colour(FileAction action) => action switch
    {
        FileAction.Create => "green",
        FileAction.Update or FileAction.Remove => "yellow",
        FileAction.Unchanged => "grey",
        FileAction.Obsolete => "aqua",
        _ => "red",
    };
}
