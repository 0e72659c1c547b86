using DiffPlex.Renderer;
using Scaffolder.Answers;
using Scaffolder.Dependencies;
using Scaffolder.Detection;
using Scaffolder.Merging;
using Scaffolder.Planning;
using Spectre.Console;

namespace Scaffolder.Cli;

/// <summary>Tells the user what was found, and what a plan does (dry run) or did (apply). Secrets are never printed.</summary>
/// <remarks>
/// Lines are styled text, never markup: a path or a command is printed as it is (markup would turn <c>:name:</c> into an
/// emoji), and no markup parser, with its table of emoji, is built for the one line a <c>--check</c> prints.
/// </remarks>
public sealed class ApplyReport(IAnsiConsole console)
{
    private static Style Grey => new(Color.Grey);

    public void Detected(DjangoProject project)
    {
        var version = project.Django.Source switch
        {
            DjangoVersionSource.SettingsHeader => $"Django {project.Django.Version}",
            DjangoVersionSource.Requirements => $"Django {project.Django.Version} (from requirements.txt)",
            _ => $"Django {project.Django.Version} assumed (no version found)",
        };
        var existing = project.ExistingFiles.Count == 0 ? "" : $"; has {string.Join(", ", project.ExistingFiles)}";
        Line(($"{version} project in {project.Root}: settings {project.SettingsModule}{existing}", Grey));
    }

    /// <summary>Names the answers nobody gave, with the value taken and why, so no default goes unnoticed.</summary>
    public void Chosen(CollectedAnswers collected)
    {
        foreach (var answer in collected.Defaulted)
            Line(($"{answer.Key}: {answer.Value} ({answer.Why})", Grey));
    }

    public void DryRun(Plan plan, IReadOnlyList<string> leftovers)
    {
        foreach (var leftover in leftovers)
            Line(("remove".PadRight(9), new Style(Color.Yellow)), ($" {leftover} (left by an interrupted apply)", Style.Plain));
        foreach (var file in plan.Files)
        {
            Line((Verb(file.Action).PadRight(9), new Style(Colour(file.Action))), ($" {file.Path}", Style.Plain), NoteOf(file));
            if (file.Action is not FileAction.Unchanged and not FileAction.Obsolete)
                WriteDiff(file);
        }
        Line(("Dry run: nothing was written.", Grey));
    }

    public void Applied(Plan plan, IReadOnlyList<string> leftovers, string nextSteps)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("File").AddColumn("Result");
        foreach (var file in plan.Files)
            table.AddRow(new Text(file.Path), Styled((Result(file.Action), new Style(Colour(file.Action))), NoteOf(file)));
        foreach (var leftover in leftovers)
            table.AddRow(new Text(leftover), Styled(("removed", new Style(Color.Yellow)), (" (left by an interrupted apply)", Grey)));
        console.Write(table);

        if (Advice.ObsoleteNote(plan) is { } obsolete)
            Line((obsolete, new Style(Color.Aqua)));
        // Next steps are for a complete overlay; with a conflict left, the deploy would run half of it.
        if (plan.Conflicts.Any() || !plan.Writes.Any(file => file.Path != Ownership.ProjectRecord.FileName))
            return;
        console.WriteLine();
        // Commands are pasted into a shell: written as they are, never wrapped at the terminal's width.
        console.Profile.Out.Writer.Write(nextSteps);
        console.Profile.Out.Writer.Flush();
    }

    /// <summary>The lock was brought up to date by the manager's own command: what it changed.</summary>
    public void Relocked(StaleLock stale, IReadOnlyList<string> changes)
    {
        Line((stale.Lock, new Style(Color.Green)), ($": brought up to date with `{stale.Command}`{(changes.Count == 0 ? "; no package changed" : ":")}", Style.Plain));
        foreach (var change in changes)
            Line(("  " + change, change.StartsWith('+') ? new Style(Color.Green) : change.StartsWith('-') ? new Style(Color.Red) : Style.Plain));
    }

    /// <summary>The manager's lock command failed: its last lines, so the user sees why.</summary>
    public void LockFailed(StaleLock stale, LockRunner.Outcome outcome)
    {
        Line((stale.Lock, new Style(Color.Red)), ($": `{stale.Command}` failed (exit {outcome.ExitCode}):", Style.Plain));
        foreach (var line in outcome.Output.Split('\n').TakeLast(5))
            Line(("  " + line, Style.Plain));
    }

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
            Line((line, style));
        }
    }

    // A file that holds secrets shows which variables it sets, never their values.
    private static string Mask(PlannedFile file, string text) =>
        file.HoldsSecrets ? string.Join('\n', text.Split('\n').Select(MaskValue)) : text;

    // Assignments are found as the .env merge finds them, so the two can never disagree on what a value is.
    private static string MaskValue(string line)
    {
        if (FileMergers.EnvKey(line) is null)
            return line;
        var valueStart = line.IndexOf('=') + 1;
        return line[valueStart..].TrimEnd('\r').Length == 0 ? line : line[..valueStart] + "********";
    }

    private void Line(params (string Text, Style Style)[] parts) => console.Write(Styled([.. parts, ("\n", Style.Plain)]));

    private static Paragraph Styled(params (string Text, Style Style)[] parts)
    {
        var paragraph = new Paragraph();
        foreach (var (text, style) in parts)
            paragraph.Append(text, style);
        return paragraph;
    }

    private static (string Text, Style Style) NoteOf(PlannedFile file) => (file.Note is null ? "" : $" ({file.Note})", Grey);

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

    private static Color Colour(FileAction action) => action switch
    {
        FileAction.Create => Color.Green,
        FileAction.Update or FileAction.Remove => Color.Yellow,
        FileAction.Unchanged => Color.Grey,
        FileAction.Obsolete => Color.Aqua,
        _ => Color.Red,
    };
}
