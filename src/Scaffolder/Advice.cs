using Scaffolder.Planning;

namespace Scaffolder.Cli;

/// <summary>
/// The one line that tells the user what is left and the exact way to settle it. Advice must be true: following it
/// makes the next apply and --check pass.
/// </summary>
public static class Advice
{
    /// <summary>Why an apply (or dry run) is not complete, or null when it is.</summary>
    public static string? Unsettled(Plan plan, bool dryRun)
    {
        var conflicts = plan.Conflicts.Select(file => file.Path).ToList();
        if (conflicts.Count == 0)
            return null;
        var one = conflicts.Count == 1;
        var left = dryRun ? "would be left" : one ? "was left" : "were left";
        return $"{Join(conflicts)} {left} as {(one ? "it was" : "they were")}: {Settle(conflicts)}";
    }

    /// <summary>What --check found, and how to make it pass.</summary>
    public static string Drift(Plan plan)
    {
        var conflicts = plan.Conflicts.Select(file => file.Path).ToList();
        var obsolete = plan.Obsolete.ToList();
        var changes = plan.Drift.Where(file => file.Action is not (FileAction.Conflict or FileAction.Obsolete)).ToList();
        var parts = new List<string>();
        if (changes.Count > 0)
        {
            parts.Add($"applying would change {Join(changes.Select(file => $"{file.Path} ({file.Action.ToString().ToLowerInvariant()})"))}: "
                + "run scaffolder apply and commit the result");
        }
        if (conflicts.Count > 0)
            parts.Add($"{Join(conflicts)} {(conflicts.Count == 1 ? "is" : "are")} in conflict: {Settle(conflicts)}");
        if (obsolete.Count > 0)
            parts.Add(Obsolete(obsolete));
        return string.Join("; ", parts);
    }

    /// <summary>A note on files the answers no longer need, or null when there are none.</summary>
    public static string? ObsoleteNote(Plan plan)
    {
        var obsolete = plan.Obsolete.ToList();
        return obsolete.Count == 0 ? null : Obsolete(obsolete);
    }

    private static string Obsolete(List<PlannedFile> obsolete)
    {
        var unedited = obsolete.Where(file => !file.EditedByUser).Select(file => file.Path).ToList();
        var edited = obsolete.Select(file => file.Path).Except(unedited).ToList();
        var ways = new List<string>();
        if (unedited.Count > 0)
            ways.Add($"remove {Join(unedited)} with scaffolder apply --prune");
        if (edited.Count > 0)
            ways.Add($"you edited {Join(edited)}: git rm {string.Join(' ', edited)} if you no longer need {(edited.Count == 1 ? "it" : "them")}, then scaffolder apply");
        return $"{Join(obsolete.Select(file => file.Path))} {(obsolete.Count == 1 ? "is" : "are")} no longer needed by these answers: "
            + string.Join("; ", ways) + ", and commit";
    }

    private static string Settle(List<string> conflicts)
    {
        var sides = string.Join(' ', conflicts.Select(path => path + Planner.SideFileSuffix));
        var them = conflicts.Count == 1 ? "it" : "each";
        return $"merge {Join(conflicts.Select(path => path + Planner.SideFileSuffix))} into {Join(conflicts)} (it holds the new template, "
            + $"with conflict markers where your edits meet it), then rm {sides} and run scaffolder apply again, which records "
            + $"{them} as settled; to discard your edits to {Join(conflicts)} instead, run scaffolder apply --force";
    }

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);
}
