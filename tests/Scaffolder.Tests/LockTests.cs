using Scaffolder.Cli;
using Scaffolder.Dependencies;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// A lock the overlay's packages made stale breaks the build's locked install: the manager's command relocks it when it
/// is on PATH; otherwise apply names the command and exits 1, and --check reports the lock until it is done.
/// </summary>
public class LockTests
{
    private static readonly string[] Docker = ["--host", "docker", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    [Theory]
    [InlineData("uv", "uv.lock", "uv lock")]
    [InlineData("poetry1", "poetry.lock", "poetry lock")]
    [InlineData("poetry2", "poetry.lock", "poetry lock")]
    [InlineData("pipenv", "Pipfile.lock", "pipenv lock")]
    [InlineData("pdm", "pdm.lock", "pdm lock")]
    [InlineData("pip-tools", "requirements.txt", "pip-compile requirements.in")]
    public void Without_the_manager_on_path_apply_names_the_command_and_exits_1(string fixture, string lockFile, string command)
    {
        using var project = TempProject.From(fixture);

        var run = Apply(project, [.. Docker]);

        run.ExitCode.ShouldBe((int)ExitCode.Unsettled, run.Error);
        run.Error.ShouldBe($"error: {lockFile} lacks django-environ, gunicorn, psycopg, whitenoise: run `{command}` in {project.Root} and commit {lockFile}\n");
    }

    [Fact]
    public void Check_reports_the_stale_lock_until_it_is_relocked()
    {
        using var project = TempProject.From("uv");
        Apply(project, [.. Docker]);

        var check = Apply(project, ["--check"]);

        check.ExitCode.ShouldBe((int)ExitCode.Unsettled);
        check.Error.ShouldContain("uv.lock lacks django-environ, gunicorn, psycopg, whitenoise: run `uv lock`");

        using var bin = FakeManager("uv", "lock", LockedPackages(project, "django-environ 0.14.0", "gunicorn 27.0.1", "psycopg 3.3.9", "whitenoise 6.12.0"));
        var relocked = Apply(project, [], bin.Root);
        relocked.ExitCode.ShouldBe((int)ExitCode.Done, relocked.Error);

        Apply(project, ["--check"]).ExitCode.ShouldBe((int)ExitCode.Done);
    }

    [Fact]
    public void With_the_manager_on_path_apply_relocks_and_shows_what_changed()
    {
        using var project = TempProject.From("uv");
        using var bin = FakeManager("uv", "lock", LockedPackages(project, "django-environ 0.14.0", "gunicorn 27.0.1", "psycopg 3.3.9", "whitenoise 6.12.0"));

        var run = Apply(project, [.. Docker], bin.Root);

        run.ExitCode.ShouldBe((int)ExitCode.Done, run.Error);
        run.Output.ShouldContain("uv.lock: brought up to date with `uv lock`:");
        run.Output.ShouldContain("+ django-environ 0.14.0");
        run.Output.ShouldContain("+ whitenoise 6.12.0");
        bin.Read("calls").ShouldBe($"lock in {project.Root}\n");
    }

    [Fact]
    public void A_lock_command_that_fails_leaves_the_lock_stale_with_its_output_shown()
    {
        using var project = TempProject.From("poetry2");
        using var bin = FakeManager("poetry", "lock", "echo 'Because mysite depends on gunicorn (==27.0.1) which doesn'\"'\"'t match any versions' >&2; exit 1");

        var run = Apply(project, [.. Docker], bin.Root);

        run.ExitCode.ShouldBe((int)ExitCode.Unsettled);
        run.Output.ShouldContain("poetry.lock: `poetry lock` failed (exit 1):");
        run.Output.ShouldContain("doesn't match any versions");
        run.Error.ShouldContain("poetry.lock lacks django-environ");
    }

    [Fact]
    public void A_lock_that_holds_another_version_than_pinned_is_stale()
    {
        using var project = TempProject.From("uv");
        var model = new Rendering.DependenciesModel("uv", "uv", "pyproject", "pyproject.toml", "uv.lock", "uv lock", [], false, "", "");

        LockFile.Stale(project.Root, model, ["sqlparse==0.5.2", "asgiref>=3"])!.Missing.ShouldBe(["sqlparse 0.5.2 (it has 0.5.3)"]);
        LockFile.Stale(project.Root, model, ["sqlparse==0.5.3", "Django~=5.2.8"]).ShouldBeNull();
    }

    [Fact]
    public void A_missing_lock_is_stale()
    {
        using var project = TempProject.From("django52");

        var run = Apply(project, [.. Docker, "--packages", "uv"]);

        run.ExitCode.ShouldBe((int)ExitCode.Unsettled);
        run.Error.ShouldBe($"error: uv.lock does not exist: run `uv lock` in {project.Root} and commit uv.lock\n");
        project.Read("pyproject.toml").ShouldContain("\"django-environ==0.14.0\",");
    }

    [Fact]
    public void A_pipfile_lock_gives_its_default_packages_with_their_versions()
    {
        using var project = TempProject.Empty();
        project.Write("Pipfile.lock", """
            {"_meta": {}, "default": {"Django": {"version": "==5.2.8"}, "local_tool": {"path": "."}},
             "develop": {"pytest": {"version": "==8.3.0"}}}
            """);

        LockFile.Read(project.Root, "Pipfile.lock").ShouldBe(new Dictionary<string, string> { ["django"] = "5.2.8", ["local-tool"] = "" });
    }

    [Fact]
    public void A_compiled_requirements_file_gives_each_pin_without_its_markers_hashes_or_comments()
    {
        using var project = TempProject.Empty();
        project.Write("requirements.txt", "# made by pip-compile\ndjango==5.2.8 \\\n    --hash=sha256:0123\nsqlparse==0.5.3 ; python_version >= \"3.8\"\n    # via django\n-e ./vendor/local_tool\nwhitenoise\n");

        LockFile.Read(project.Root, "requirements.txt").ShouldBe(new Dictionary<string, string> { ["django"] = "5.2.8", ["sqlparse"] = "0.5.3", ["whitenoise"] = "" });
    }

    [Fact]
    public void A_toml_lock_gives_each_package_table_by_its_normalized_name()
    {
        using var project = TempProject.Empty();
        project.Write("uv.lock", "version = 1\n\n[[package]]\nname = \"Django_Environ\"\nversion = \"0.14.0\"\n\n[[package]]\nname = \"mysite\"\nsource = { editable = \".\" }\n");

        LockFile.Read(project.Root, "uv.lock").ShouldBe(new Dictionary<string, string> { ["django-environ"] = "0.14.0", ["mysite"] = "" });
    }

    [Fact]
    public void A_lock_that_is_not_json_is_a_user_error_naming_its_line()
    {
        using var project = TempProject.Empty();
        project.Write("Pipfile.lock", "{\n  \"default\": {\n    \"django\" \"==5.2.8\"\n");

        Should.Throw<UserError>(() => LockFile.Read(project.Root, "Pipfile.lock"))
            .Message.ShouldBe("Pipfile.lock:3: not valid JSON; run the lock command again to rewrite it");
    }

    [Fact]
    public void The_changes_to_a_lock_are_the_added_and_changed_packages_then_the_removed_each_in_name_order()
    {
        var before = new Dictionary<string, string> { ["django"] = "5.2.7", ["asgiref"] = "3.8.1", ["zope"] = "1", ["bleach"] = "6.0" };
        var after = new Dictionary<string, string> { ["whitenoise"] = "6.9.0", ["django"] = "5.2.8", ["asgiref"] = "3.8.1", ["gunicorn"] = "23.0.0" };

        LockFile.Changes(before, after).ShouldBe(["~ django 5.2.7 -> 5.2.8", "+ gunicorn 23.0.0", "+ whitenoise 6.9.0", "- bleach 6.0", "- zope 1"]);
        LockFile.Changes(null, new Dictionary<string, string> { ["django"] = "5.2.8" }).ShouldBe(["+ django 5.2.8"]);
        LockFile.Changes(new Dictionary<string, string> { ["django"] = "5.2.8" }, null).ShouldBe(["- django 5.2.8"]);
    }

    private static ProcessResult Apply(TempProject project, string[] flags, string? bin = null)
    {
        var path = bin is null ? "/usr/bin:/bin" : $"{bin}:/usr/bin:/bin";
        return ProcessRunner.Run(Dotnet, [.. ToolCommand.Built.Prefix, "apply", project.Root, .. flags],
            environment: new Dictionary<string, string> { ["PATH"] = path });
    }

    /// <summary>The dotnet host, by its full path: the tool runs with a PATH of the test's own.</summary>
    private static readonly string Dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
        ? Environment.ProcessPath!
        : Path.Combine(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet", "dotnet");

    /// <summary>Shell lines that append, as the manager would, [[package]] entries to uv.lock.</summary>
    private static string LockedPackages(TempProject project, params string[] packages) =>
        string.Join('\n', packages.Select(package => package.Split(' ')).Select(parts =>
            $"printf '\\n[[package]]\\nname = \"{parts[0]}\"\\nversion = \"{parts[1]}\"\\nsource = {{ registry = \"https://pypi.org/simple\" }}\\n' >> uv.lock"));

    /// <summary>A stand-in for the manager on PATH: records how it was called and runs <paramref name="script"/> for that subcommand.</summary>
    private static TempProject FakeManager(string name, string subcommand, string script)
    {
        var bin = TempProject.Empty();
        bin.Write(name, $"#!/bin/sh\necho \"$* in $PWD\" >> {bin.PathOf("calls")}\nif [ \"$1\" = {subcommand} ]; then\n{script}\nfi\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(bin.PathOf(name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }
}
