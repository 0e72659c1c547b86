using Scaffolder.Cli;
using Scaffolder.Ownership;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// A conflict is the user's to settle, and it is not forgotten: every later apply and --check says so until the
/// user has merged FILE.scaffolder-new into FILE and deleted it.
/// </summary>
public class PendingConflictTests
{
    private const string Settings = "mysite/settings_production.py";
    private const string Side = Settings + ".scaffolder-new";
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    /// <summary>Applied for Heroku, settings edited on the host's own line and committed, then switched to Fly: a conflict.</summary>
    private static TempProject ConflictedProject(out CliRun switchToFly)
    {
        var project = TempProject.From("django52").WithGit();
        Apply(project, Heroku).ExitCode.ShouldBe(ExitCode.Done);
        project.Replace(Settings, "_platform_host = env(\"HEROKU_APP_DEFAULT_DOMAIN_NAME\", default=\"\")",
            "_platform_host = env(\"HEROKU_APP_DEFAULT_DOMAIN_NAME\", default=\"shop.example.com\")");
        project.Replace(Settings, "default=60)", "default=31536000)");
        project.Commit("edit the production settings");
        switchToFly = Apply(project, "--host", "fly");
        return project;
    }

    private static CliRun Apply(TempProject project, params string[] flags) => CliRun.Of(["apply", project.Root, .. flags]);

    [Fact]
    public void A_conflict_exits_1_leaves_the_file_and_writes_the_merge_beside_it()
    {
        using var project = ConflictedProject(out var run);

        run.ExitCode.ShouldBe(ExitCode.Unsettled);
        project.Read(Settings).ShouldContain("shop.example.com");
        project.Read(Side).ShouldContain("<<<<<<< " + Settings + " (yours)");
        project.Read(Side).ShouldContain("FLY_APP_NAME");
    }

    [Fact]
    public void A_plain_apply_after_a_conflict_still_reports_it_and_exits_1()
    {
        using var project = ConflictedProject(out _);
        var side = project.Read(Side);

        var again = Apply(project);

        again.ExitCode.ShouldBe(ExitCode.Unsettled);
        again.Output.ShouldContain("conflict pending from an earlier apply: settle it with " + Side);
        again.Error.ShouldStartWith($"error: {Settings} was left as it was: merge {Side} into {Settings}");
        project.Read(Side).ShouldBe(side);
    }

    [Fact]
    public void Check_fails_while_a_conflict_is_pending()
    {
        using var project = ConflictedProject(out _);

        var check = Apply(project, "--check");

        check.ExitCode.ShouldBe(ExitCode.Unsettled);
        check.Error.ShouldContain($"{Settings} is in conflict: merge {Side} into {Settings}");
    }

    [Fact]
    public void The_side_file_is_the_users_to_edit_and_a_later_apply_leaves_it_alone()
    {
        using var project = ConflictedProject(out _);
        project.Write(Side, "half-way through merging\n");

        Apply(project).ExitCode.ShouldBe(ExitCode.Unsettled);

        project.Read(Side).ShouldBe("half-way through merging\n");
    }

    [Fact]
    public void The_advice_leads_with_settling_the_side_file_and_names_force_only_as_discarding_edits()
    {
        using var project = ConflictedProject(out var run);

        run.Error.ShouldStartWith($"error: {Settings} was left as it was: merge {Side} into {Settings}");
        run.Error.ShouldContain($"then rm {Side} and run scaffolder apply again");
        run.Error.ShouldContain($"to discard your edits to {Settings} instead, run scaffolder apply --force");
        run.Error.IndexOf("--force", StringComparison.Ordinal).ShouldBeGreaterThan(run.Error.IndexOf("rm ", StringComparison.Ordinal));
    }

    [Fact]
    public void No_next_steps_are_printed_while_the_overlay_is_incomplete()
    {
        using var project = ConflictedProject(out var run);

        run.Output.ShouldNotContain("Deploy to Fly.io");
        run.Output.ShouldNotContain("fly deploy");
    }

    [Fact]
    public void Once_settled_and_the_side_file_deleted_apply_records_it_and_check_passes()
    {
        using var project = ConflictedProject(out _);
        // The user settles: Fly's host line from the template, their HSTS value kept.
        var settled = SettleTowardsTemplate(project.Read(Side));
        project.Write(Settings, settled);
        File.Delete(project.PathOf(Side));

        var apply = Apply(project);

        apply.ExitCode.ShouldBe(ExitCode.Done, apply.Error);
        project.Read(Settings).ShouldBe(settled);
        project.Read(ProjectRecord.FileName).ShouldNotContain("pending_conflicts");
        Apply(project, "--prune").ExitCode.ShouldBe(ExitCode.Done);  // Heroku's files, no longer needed
        project.Commit("settle");
        Apply(project, "--check").ExitCode.ShouldBe(ExitCode.Done);
    }

    [Fact]
    public void A_file_that_still_holds_conflict_markers_is_not_settled()
    {
        using var project = ConflictedProject(out _);
        project.Write(Settings, project.Read(Side));
        File.Delete(project.PathOf(Side));

        var apply = Apply(project);

        apply.ExitCode.ShouldBe(ExitCode.Unsettled);
        apply.Output.ShouldContain("it still holds conflict markers");
    }

    [Fact]
    public void Force_settles_a_pending_conflict_with_the_template_and_removes_the_side_file()
    {
        using var project = ConflictedProject(out _);

        var forced = Apply(project, "--force");

        forced.ExitCode.ShouldBe(ExitCode.Done, forced.Error);
        project.Read(Settings).ShouldContain("FLY_APP_NAME");
        project.Exists(Side).ShouldBeFalse();
    }

    /// <summary>Resolves each conflict block of a git merge-file result by taking the template's side.</summary>
    private static string SettleTowardsTemplate(string merged)
    {
        var output = new List<string>();
        var section = "both";
        foreach (var line in merged.Split('\n'))
        {
            if (line.StartsWith("<<<<<<< ", StringComparison.Ordinal)) { section = "yours"; continue; }
            if (line.StartsWith("||||||| ", StringComparison.Ordinal)) { section = "base"; continue; }
            if (line == "=======") { section = "template"; continue; }
            if (line.StartsWith(">>>>>>> ", StringComparison.Ordinal)) { section = "both"; continue; }
            if (section is "both" or "template")
                output.Add(line);
        }
        return string.Join('\n', output);
    }
}
