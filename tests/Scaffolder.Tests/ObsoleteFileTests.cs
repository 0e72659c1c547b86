using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// After a host switch, the files only the old host needed are obsolete: kept by a plain apply, and --check tells the
/// exact way to settle them, after which it passes.
/// </summary>
public class ObsoleteFileTests
{
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    private static CliRun Apply(TempProject project, params string[] flags) => CliRun.Of(["apply", project.Root, .. flags]);

    private static TempProject SwitchedFromHerokuToFly()
    {
        var project = TempProject.From("django52").WithGit();
        Apply(project, Heroku).ExitCode.ShouldBe(ExitCode.Done);
        Apply(project, "--host", "fly").ExitCode.ShouldBe(ExitCode.Done);
        project.Commit("switch to fly");
        return project;
    }

    [Fact]
    public void Check_names_prune_for_obsolete_files_the_user_never_edited()
    {
        using var project = SwitchedFromHerokuToFly();

        var check = Apply(project, "--check");

        check.ExitCode.ShouldBe(ExitCode.Unsettled);
        check.Error.ShouldBe("error: .python-version, app.json are no longer needed by these answers: "
            + "remove .python-version, app.json with scaffolder apply --prune, and commit" + Environment.NewLine);
    }

    [Fact]
    public void Following_the_advice_makes_check_pass()
    {
        using var project = SwitchedFromHerokuToFly();

        var prune = Apply(project, "--prune");
        project.Commit("prune");

        prune.ExitCode.ShouldBe(ExitCode.Done, prune.Error);
        project.Exists("app.json").ShouldBeFalse();
        project.Exists(".python-version").ShouldBeFalse();
        Apply(project, "--check").ExitCode.ShouldBe(ExitCode.Done);
    }

    [Fact]
    public void Prune_keeps_an_obsolete_file_the_user_edited_and_says_to_git_rm_it()
    {
        using var project = SwitchedFromHerokuToFly();
        project.Replace("app.json", "\"name\"", "\"description\": \"ours\",\n  \"name\"");

        var prune = Apply(project, "--prune");
        var check = Apply(project, "--check");

        project.Exists("app.json").ShouldBeTrue();
        project.Exists(".python-version").ShouldBeFalse();
        prune.Output.ShouldContain("you edited app.json: git rm app.json if you no longer need it, then scaffolder apply");
        check.Error.ShouldContain("you edited app.json: git rm app.json");
    }

    [Fact]
    public void Check_passes_once_the_user_removed_the_obsolete_files_themselves()
    {
        using var project = SwitchedFromHerokuToFly();
        File.Delete(project.PathOf("app.json"));
        File.Delete(project.PathOf(".python-version"));
        project.Commit("git rm the heroku files");

        var check = Apply(project, "--check");

        check.ExitCode.ShouldBe(ExitCode.Done, check.Error);
    }

    [Fact]
    public void A_plain_apply_keeps_obsolete_files_and_says_how_to_remove_them()
    {
        using var project = SwitchedFromHerokuToFly();

        var apply = Apply(project);

        apply.ExitCode.ShouldBe(ExitCode.Done);
        project.Exists("app.json").ShouldBeTrue();
        apply.Output.ShouldContain("remove .python-version, app.json with scaffolder apply --prune");
    }
}
