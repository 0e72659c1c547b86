using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;
using Spectre.Console.Testing;

namespace Scaffolder.Tests;

public class PromptTests
{
    [Fact]
    public void A_terminal_is_asked_host_database_and_storage_and_the_answers_are_used()
    {
        using var project = TempProject.From("django52");
        var console = new TestConsole().Interactive();
        console.Input.PushKey(ConsoleKey.DownArrow);  // host: heroku, second after docker
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushKey(ConsoleKey.DownArrow);  // database: mysql
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushKey(ConsoleKey.DownArrow);  // storage: s3
        console.Input.PushKey(ConsoleKey.Enter);

        var run = CliRun.Of(console, "apply", project.Root);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        run.Output.ShouldContain("Where will it run? heroku");
        run.Output.ShouldContain("Which database? mysql");
        run.Output.ShouldContain("Where do static and uploaded files live? s3");
        project.Exists("app.json").ShouldBeTrue();
        project.Read("requirements.txt").ShouldContain("mysqlclient==");
        project.Read("requirements.txt").ShouldContain("django-storages[s3]==");
    }

    [Fact]
    public void Each_choice_shows_its_explanation_with_the_recommended_one_first_and_marked()
    {
        using var project = TempProject.From("django52");
        var console = new TestConsole().Interactive();
        for (var question = 0; question < 3; question++)
            console.Input.PushKey(ConsoleKey.Enter);

        var run = CliRun.Of(console, "apply", project.Root, "--dry-run");

        run.Output.ShouldContain("docker (recommended) - A Dockerfile and compose.yaml");
        run.Output.IndexOf("docker (recommended)", StringComparison.Ordinal)
            .ShouldBeLessThan(run.Output.IndexOf("heroku - Heroku", StringComparison.Ordinal));
        run.Output.ShouldContain("postgres (recommended) - PostgreSQL");
        run.Output.ShouldContain("whitenoise (recommended) - WhiteNoise");
    }

    [Fact]
    public void Sqlite_is_not_offered_for_a_host_that_wipes_its_disk()
    {
        using var project = TempProject.From("django52");
        var console = new TestConsole().Interactive();
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushKey(ConsoleKey.Enter);

        var run = CliRun.Of(console, "apply", project.Root, "--host", "heroku", "--dry-run");

        run.Output.ShouldContain("mysql - MySQL");
        run.Output.ShouldNotContain("sqlite - SQLite");
    }

    [Fact]
    public void Choices_given_as_flags_are_not_asked()
    {
        using var project = TempProject.From("django52");
        var console = new TestConsole().Interactive();
        console.Input.PushKey(ConsoleKey.Enter);

        var run = CliRun.Of(console, "apply", project.Root, "--host", "fly", "--database", "postgres", "--dry-run");

        run.Output.ShouldNotContain("Where will it run?");
        run.Output.ShouldNotContain("Which database?");
        run.Output.ShouldContain("Where do static and uploaded files live? whitenoise");
    }

    [Fact]
    public void Yes_asks_nothing_even_in_a_terminal()
    {
        using var project = TempProject.From("django52");

        var run = CliRun.Of(new TestConsole().Interactive(), "apply", project.Root, "--yes");

        run.ExitCode.ShouldBe(ExitCode.Done);
        run.Output.ShouldNotContain("?");
    }

    [Fact]
    public void Without_a_terminal_nothing_is_asked_and_nothing_waits_for_input()
    {
        using var project = TempProject.From("django52");

        var run = CliRun.Of(new TestConsole(), "apply", project.Root);

        run.ExitCode.ShouldBe(ExitCode.Done);
        run.Output.ShouldNotContain("Where will it run?");
        project.Exists("compose.yaml").ShouldBeTrue();
    }
}
