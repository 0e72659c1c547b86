using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;
using Spectre.Console.Testing;

namespace Scaffolder.Tests;

/// <summary>What apply prints: commands a user can paste whole, why a choice is not offered, which answers were defaults.</summary>
public class WhatTheUserSeesTests
{
    [Fact]
    public void Next_steps_are_never_wrapped_at_the_terminal_width()
    {
        using var project = TempProject.From("django52");
        var console = new TestConsole();
        console.Profile.Width = 80;

        var run = Program.Run(["apply", project.Root, "--host", "heroku", "--yes"], console, new StringWriter(), Catalog.TemplateSource.Embedded);

        run.ShouldBe(ExitCode.Done);
        var secretLine = console.Output.Split('\n').Single(line => line.Contains("DJANGO_SECRET_KEY", StringComparison.Ordinal) && line.Contains("config:set", StringComparison.Ordinal));
        secretLine.Length.ShouldBeGreaterThan(80);
        secretLine.ShouldEndWith("print(secrets.token_urlsafe(50))')\"");
    }

    [Fact]
    public void A_path_is_printed_as_it_is_never_as_markup_or_emoji()
    {
        using var fixture = TempProject.From("django52");
        using var parent = TempProject.Empty();
        var root = parent.PathOf("site:rocket:[bold]");
        Directory.Move(fixture.Root, root);

        var run = CliRun.Of(new TestConsole(), "apply", root, "--host", "heroku", "--yes", "--dry-run");

        run.Output.ShouldContain($"project in {root}: settings mysite.settings");
        run.Output.ShouldNotContain("\U0001F680");
    }

    [Fact]
    public void The_prompt_says_why_sqlite_is_not_offered_for_a_host_that_wipes_its_disk()
    {
        using var project = TempProject.From("django52");
        var console = new TestConsole().Interactive();
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushKey(ConsoleKey.Enter);

        var run = CliRun.Of(console, "apply", project.Root, "--host", "heroku", "--dry-run");

        run.Output.ShouldContain("sqlite is not offered: SQLite keeps its data on local disk, which Heroku wipes on every deploy");
    }

    [Fact]
    public void The_answers_nobody_gave_are_named_with_the_default_taken_and_why()
    {
        using var project = TempProject.From("django52");

        var run = CliRun.Of("apply", project.Root, "--host", "fly", "--database", "postgres", "--storage", "s3", "--yes");

        run.Output.ShouldContain("server: gunicorn (the default; --server uvicorn for ASGI)");
        run.Output.ShouldContain("python: 3.14 (the newest Django 5.2 supports; --python to choose)");
        run.Output.ShouldNotContain("host: fly (");
    }

    [Fact]
    public void Help_lists_the_exit_codes_and_shows_path_as_optional()
    {
        var root = CliRun.Of("--help");
        var apply = CliRun.Of("apply", "--help");

        root.Output.ShouldContain("apply [PATH]");
        root.Output.ShouldNotContain("apply <PATH>");
        foreach (var help in new[] { root.Output, apply.Output })
        {
            help.ShouldContain("Exit codes:");
            help.ShouldContain("70 internal error");
        }
    }

    [Fact]
    public void Without_a_command_the_help_is_shown_with_a_one_line_error()
    {
        var run = CliRun.Of();

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Output.ShouldContain("apply [PATH]");
        run.Error.ShouldStartWith("error: no command given");
    }

    [Fact]
    public void A_bug_is_reported_as_an_internal_error_with_its_trace_and_exit_70_and_nothing_written()
    {
        using var project = TempProject.From("django52");
        var before = project.Contents();
        var (templates, broken) = TempProject.CopyOfTemplates();
        using var _ = templates;
        templates.Replace("Procfile.sbn", "web: {{ commands.procfile_web }}", "web: {{ commands.no_such_command }}");

        var run = CliRun.Of(broken, "apply", project.Root, "--host", "heroku", "--yes");

        run.ExitCode.ShouldBe(ExitCode.InternalError);
        run.Error.ShouldStartWith("internal error: ");
        run.Error.ShouldContain("no_such_command");
        run.Error.ShouldContain("Please report it");
        run.Error.ShouldContain("   at ");
        project.Contents().ShouldBe(before);
    }
}
