using System.Text.Json;
using Scaffolder.Cli;
using Scaffolder.Ownership;
using Scaffolder.Tests.Support;
using Shouldly;
using Spectre.Console.Testing;

namespace Scaffolder.Tests;

/// <summary>Later applies: remembered answers, ownership, merges of the user's edits, host switches, drift checks.</summary>
public class ReapplyTests
{
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    private static CliRun Apply(TempProject project, params string[] flags) => CliRun.Of(["apply", project.Root, .. flags]);

    private static CliRun Apply(TempProject project, Catalog.TemplateSource templates, params string[] flags) =>
        CliRun.Of(templates, ["apply", project.Root, .. flags]);

    /// <summary>The templates of a newer Scaffolder: a copy with one change.</summary>
    private static (TempProject Folder, Catalog.TemplateSource Source) Upgraded(string template, string oldText, string newText)
    {
        var (folder, source) = TempProject.CopyOfTemplates();
        folder.Replace(template, oldText, newText);
        return (folder, source);
    }

    [Fact]
    public void Apply_records_the_answers_and_a_hash_of_every_file_it_wrote_but_no_secret()
    {
        using var project = TempProject.From("django52");

        Apply(project, Heroku);

        using var record = JsonDocument.Parse(project.Read(ProjectRecord.FileName));
        record.RootElement.GetProperty("answers").GetProperty("host").GetString().ShouldBe("heroku");
        record.RootElement.GetProperty("answers").GetProperty("python").GetString().ShouldBe("3.14");
        var files = record.RootElement.GetProperty("files");
        files.GetProperty("Dockerfile").GetString().ShouldBe(GitBlob.Hash(project.Read("Dockerfile")));
        files.TryGetProperty(".env", out _).ShouldBeFalse();
        var secret = project.Read(".env").Split('\n').Single(line => line.StartsWith("DJANGO_SECRET_KEY="))[18..];
        project.Read(ProjectRecord.FileName).ShouldNotContain(secret);
    }

    [Fact]
    public void The_hash_is_the_one_git_gives_the_file()
    {
        using var project = TempProject.Empty();
        project.Write("f.txt", "web: gunicorn app.wsgi\n");

        var git = ProcessRunner.Run("git", ["hash-object", project.PathOf("f.txt")]);

        GitBlob.Hash("web: gunicorn app.wsgi\n").ShouldBe(git.Output.Trim());
    }

    [Fact]
    public void A_later_apply_asks_nothing_and_reuses_the_answers()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);
        var before = project.Contents();

        var run = CliRun.Of(new TestConsole().Interactive(), "apply", project.Root);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        run.Output.ShouldNotContain("Where will it run?");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void A_flag_overrides_one_remembered_answer_and_lists_what_only_the_old_host_needed()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);

        var run = Apply(project, "--host", "fly");

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Exists("fly.toml").ShouldBeTrue();
        project.Exists("app.json").ShouldBeTrue();
        project.Exists(".python-version").ShouldBeTrue();
        run.Output.ShouldContain("app.json");
        run.Output.ShouldContain("no longer needed by these answers; --prune removes it");
        project.Read("mysite/settings_production.py").ShouldContain("FLY_APP_NAME");
        project.Read("requirements.txt").ShouldContain("psycopg[binary]");
        JsonDocument.Parse(project.Read(ProjectRecord.FileName)).RootElement.GetProperty("answers").GetProperty("host").GetString().ShouldBe("fly");
    }

    [Fact]
    public void Force_removes_what_only_the_old_host_needed()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);

        Apply(project, "--host", "fly", "--force").ExitCode.ShouldBe(ExitCode.Done);

        project.Exists("app.json").ShouldBeFalse();
        project.Exists(".python-version").ShouldBeFalse();
        project.Read(ProjectRecord.FileName).ShouldNotContain("app.json");
        Apply(project, "--check").ExitCode.ShouldBe(ExitCode.Done);
    }

    [Fact]
    public void A_file_as_scaffolder_wrote_it_follows_a_template_upgrade()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);
        var (templates, source) = Upgraded("Dockerfile.sbn", "EXPOSE 8000", "EXPOSE 8000\nHEALTHCHECK NONE");
        using var _ = templates;

        var run = Apply(project, source);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Read("Dockerfile").ShouldContain("HEALTHCHECK NONE");
    }

    [Fact]
    public void A_users_edit_is_merged_with_a_template_upgrade_elsewhere_in_the_file()
    {
        using var project = TempProject.From("django52").WithGit();
        Apply(project, Heroku);
        project.Replace("Dockerfile", "WORKDIR /app\n", "WORKDIR /app\nLABEL org.opencontainers.image.title=\"mysite\"\n");
        var (templates, source) = Upgraded("Dockerfile.sbn", "EXPOSE 8000", "EXPOSE 8000\nHEALTHCHECK NONE");
        using var _ = templates;

        var run = Apply(project, source);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        var dockerfile = project.Read("Dockerfile");
        dockerfile.ShouldContain("LABEL org.opencontainers.image.title=\"mysite\"");
        dockerfile.ShouldContain("HEALTHCHECK NONE");
        run.Output.ShouldContain("your edits merged with the current template");
    }

    [Fact]
    public void A_users_edit_stays_when_the_template_did_not_change()
    {
        using var project = TempProject.From("django52").WithGit();
        Apply(project, Heroku);
        project.Replace("Procfile", "--access-logfile -", "--access-logfile - --workers 4");
        var before = project.Contents();

        var run = Apply(project);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Contents().ShouldBe(before);
        Apply(project, "--check").ExitCode.ShouldBe(ExitCode.Done);
    }

    [Fact]
    public void An_edit_that_conflicts_with_the_template_is_left_alone_and_the_merge_written_beside_it()
    {
        using var project = TempProject.From("django52").WithGit();
        Apply(project, Heroku);
        project.Replace("Dockerfile", "EXPOSE 8000", "EXPOSE 9000");
        var (templates, source) = Upgraded("Dockerfile.sbn", "EXPOSE 8000", "EXPOSE 8080");
        using var _ = templates;

        var run = Apply(project, source);

        run.ExitCode.ShouldBe(ExitCode.Unsettled);
        project.Read("Dockerfile").ShouldContain("EXPOSE 9000");
        var side = project.Read("Dockerfile.scaffolder-new");
        side.ShouldContain("<<<<<<< Dockerfile (yours)");
        side.ShouldContain("EXPOSE 9000");
        side.ShouldContain("EXPOSE 8080");
        run.Error.ShouldContain("Dockerfile was left as it was: merge Dockerfile.scaffolder-new into Dockerfile");
        run.Output.ShouldContain("1 conflict(s) with the current template: settle it with Dockerfile.scaffolder-new");
    }

    [Fact]
    public void Without_git_an_edited_file_gets_the_new_version_beside_it()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);
        project.Replace("Procfile", "--access-logfile -", "--access-logfile - --workers 4");
        var (templates, source) = Upgraded("Procfile.sbn", "web: ", "web: exec ");
        using var _ = templates;

        var run = Apply(project, source);

        run.ExitCode.ShouldBe(ExitCode.Unsettled);
        project.Read("Procfile").ShouldContain("--workers 4");
        project.Read("Procfile.scaffolder-new").ShouldContain("web: exec gunicorn");
        run.Output.ShouldContain("what Scaffolder wrote last is not in git to merge with");
    }

    [Fact]
    public void Check_passes_right_after_apply_and_writes_nothing()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);
        var before = project.Contents();

        var run = Apply(project, "--check");

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Check_fails_and_lists_the_files_a_template_upgrade_would_change()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);
        var before = project.Contents();
        var (templates, source) = Upgraded("Dockerfile.sbn", "EXPOSE 8000", "EXPOSE 8000\nHEALTHCHECK NONE");
        using var _ = templates;

        var run = Apply(project, source, "--check");

        run.ExitCode.ShouldBe(ExitCode.Unsettled);
        run.Error.ShouldBe("error: applying would change Dockerfile (update), .scaffolder.json (update): run scaffolder apply and commit the result" + Environment.NewLine);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Check_in_a_fresh_clone_without_the_local_env_file_passes()
    {
        using var project = TempProject.From("django52");
        Apply(project, Heroku);
        File.Delete(project.PathOf(".env"));

        var run = Apply(project, "--check");

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Exists(".env").ShouldBeFalse();
    }

    [Fact]
    public void Check_in_a_fresh_clone_keeps_accepting_committed_edits()
    {
        using var project = TempProject.From("django52").WithGit();
        Apply(project, Heroku);
        Git(project.Root, "add", "-A");
        Git(project.Root, "commit", "-q", "-m", "overlay");
        project.Replace("Procfile", "--access-logfile -", "--access-logfile - --workers 4");
        Git(project.Root, "commit", "-q", "-am", "more workers");
        using var clone = TempProject.Empty();
        Git(clone.Root, "clone", "-q", project.Root, ".");

        var run = Apply(clone, "--check");

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
    }

    private static void Git(string folder, params string[] arguments)
    {
        var result = ProcessRunner.Run("git", ["-C", folder, "-c", "user.name=Test", "-c", "user.email=test@example.com", .. arguments]);
        result.ExitCode.ShouldBe(0, result.Error);
    }

    [Fact]
    public void Check_on_a_project_never_applied_fails_and_writes_nothing()
    {
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = Apply(project, [.. Heroku, "--check"]);

        run.ExitCode.ShouldBe(ExitCode.Unsettled);
        run.Error.ShouldContain("Procfile (create)");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void A_symlink_that_leads_out_of_the_project_is_refused_and_nothing_written()
    {
        using var project = TempProject.From("django52");
        using var outside = TempProject.Empty();
        File.CreateSymbolicLink(project.PathOf("Procfile"), outside.PathOf("Procfile"));
        var before = project.Contents();

        var run = Apply(project, Heroku);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain("refusing to write 'Procfile': a symlink leads it out of the project");
        project.Contents().ShouldBe(before);
        outside.Exists("Procfile").ShouldBeFalse();
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("/tmp/outside.txt")]
    public void A_template_that_would_write_outside_the_project_is_refused_and_nothing_written(string path)
    {
        using var project = TempProject.From("django52");
        var (templates, source) = TempProject.CopyOfTemplates();
        using var _ = templates;
        templates.Replace("catalog.toml", "path = \"Procfile\"", $"path = \"{path}\"");
        var before = project.Contents();

        var run = Apply(project, source, Heroku);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe($"error: refusing to write '{path}': it is not a path inside the project{Environment.NewLine}");
        project.Contents().ShouldBe(before);
        File.Exists(Path.GetFullPath(Path.Combine(project.Root, path))).ShouldBeFalse();
    }

    [Fact]
    public void A_symlinked_folder_that_leads_out_of_the_project_is_refused()
    {
        using var project = TempProject.From("django52");
        using var outside = TempProject.Empty();
        Directory.Move(project.PathOf("mysite"), outside.PathOf("mysite"));
        Directory.CreateSymbolicLink(project.PathOf("mysite"), outside.PathOf("mysite"));

        var run = Apply(project, Heroku);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain("refusing to write 'mysite/settings_production.py': a symlink leads it out of the project");
        outside.Exists("mysite/settings_production.py").ShouldBeFalse();
    }

    [Fact]
    public void A_broken_record_is_a_one_line_error()
    {
        using var project = TempProject.From("django52");
        project.Write(ProjectRecord.FileName, "{\n  \"answers\": {\n    \"host\": \"heroku\",,\n");

        var run = Apply(project, "--yes");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldStartWith("error: .scaffolder.json:3: not a Scaffolder record");
        run.Error.ShouldContain("delete it to start over");
    }
}
