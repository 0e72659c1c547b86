using System.Text.Json;
using Scaffolder.Catalog;
using Scaffolder.Cli;
using Scaffolder.Ownership;
using Scaffolder.Tests.Support;
using Shouldly;
using Spectre.Console.Testing;

namespace Scaffolder.Tests;

/// <summary>
/// A host is one folder: copying a host's folder and renaming it in its host.toml gives a host that works in every
/// part of the tool, with no code changed; a half-made or misspelt folder is refused in one line naming the fix.
/// </summary>
public class HostFolderTests
{
    private static readonly string[] Postgres = ["--database", "postgres", "--storage", "whitenoise", "--yes"];

    /// <summary>A copy of the templates with templates/hosts/render copied to render-copy, renamed in its host.toml only.</summary>
    private static (TempProject Folder, TemplateSource Source) WithRenderCopy()
    {
        var (folder, source) = TempProject.CopyOfTemplates();
        foreach (var file in Directory.EnumerateFiles(folder.PathOf("hosts/render")))
            folder.Write($"hosts/render-copy/{Path.GetFileName(file)}", File.ReadAllText(file));
        folder.Replace("hosts/render-copy/host.toml", "name = \"render\"", "name = \"render-copy\"");
        return (folder, source);
    }

    /// <summary>Moves a host's folder and names the host as the folder.</summary>
    private static void RenameHost(TempProject templates, string from, string to)
    {
        Directory.Move(templates.PathOf($"hosts/{from}"), templates.PathOf($"hosts/{to}"));
        templates.Replace($"hosts/{to}/host.toml", $"name = \"{from}\"", $"name = \"{to}\"");
    }

    [Fact]
    public void A_copied_host_folder_is_offered_in_help()
    {
        var (templates, source) = WithRenderCopy();
        using var _ = templates;

        var help = CliRun.Of(source, "apply", "--help");

        // Listed in host.toml's order; the copy keeps render's, so it follows it by name.
        help.Output.ShouldContain("--host <docker|heroku|render|render-copy|fly|");
    }

    [Fact]
    public void A_copied_host_folder_is_offered_in_the_prompt()
    {
        var (templates, source) = WithRenderCopy();
        using var _ = templates;
        using var project = TempProject.From("django52");
        var console = new TestConsole().Interactive();
        for (var down = 0; down < 3; down++)  // docker, heroku, render, render-copy
            console.Input.PushKey(ConsoleKey.DownArrow);
        for (var question = 0; question < 3; question++)
            console.Input.PushKey(ConsoleKey.Enter);

        var run = CliRun.Of(console, source, "apply", project.Root);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        run.Output.ShouldContain("Where will it run? render-copy");
        project.Exists("render.yaml").ShouldBeTrue();
    }

    [Fact]
    public void A_copied_host_renders_records_and_reapplies_like_the_original()
    {
        var (templates, source) = WithRenderCopy();
        using var _ = templates;
        using var copy = TempProject.From("django52");
        using var original = TempProject.From("django52");

        var applied = CliRun.Of(source, ["apply", copy.Root, "--host", "render-copy", .. Postgres]);
        CliRun.Of(source, ["apply", original.Root, "--host", "render", .. Postgres]).ExitCode.ShouldBe(ExitCode.Done);
        var again = CliRun.Of(source, "apply", copy.Root, "--check");

        applied.ExitCode.ShouldBe(ExitCode.Done, applied.Error);
        using var record = JsonDocument.Parse(copy.Read(ProjectRecord.FileName));
        record.RootElement.GetProperty("answers").GetProperty("host").GetString().ShouldBe("render-copy");
        again.ExitCode.ShouldBe(ExitCode.Done, again.Error);
        foreach (var file in new[] { "render.yaml", "mysite/settings_production.py", ".env.example", ".python-version", "Dockerfile" })
            copy.Read(file).ShouldBe(original.Read(file), file);
        applied.Output.ShouldContain("Deploy to Render");
    }

    [Fact]
    public void The_templates_option_renders_from_a_folder()
    {
        var (templates, _) = WithRenderCopy();
        using var __ = templates;
        using var project = TempProject.From("django52");

        var run = CliRun.Of(["apply", project.Root, "--templates", templates.Root, "--host", "render-copy", .. Postgres]);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Exists("render.yaml").ShouldBeTrue();
    }

    public static TheoryData<string> Breakages => [.. Broken.Keys];

    /// <summary>Each way a template pack can be broken, and what the one line must say.</summary>
    private static readonly Dictionary<string, (Action<TempProject> Break, string Says)> Broken = new()
    {
        ["an unknown merge rule"] = (t => t.Replace("catalog.toml", "merge = \"lines\"", "merge = \"append\""), "catalog.toml: gives .dockerignore merge = \"append\"; choose one of replace, requirements, pyproject, pipfile, env, lines"),
        ["a file limited to a fact hosts do not have"] = (t => t.Replace("catalog.toml", "when_host = \"reads_python_version\"", "when_host = \"reads_python\""), "catalog.toml: limits .python-version to when_host = \"reads_python\", which is no fact of host.toml; choose one of disk_survives_deploy, offers_volumes, volume_owned_by_root, runs_replicas, names_its_domain, database_service, reads_python_version, proxy_header_trusted"),
        ["a file limited to a server that does not exist"] = (t => t.Replace("catalog.toml", "servers = [\"gunicorn\"]", "servers = [\"waitress\"]"), "catalog.toml: limits gunicorn.conf.py to server 'waitress', which is none of gunicorn, uvicorn"),
        ["a missing shared template"] = (t => File.Delete(t.PathOf("Procfile.sbn")), "catalog.toml: lists template Procfile.sbn, which does not exist"),
        ["a missing host template"] = (t => File.Delete(t.PathOf("hosts/fly/fly.toml.sbn")), "host.toml: lists template hosts/fly/fly.toml.sbn, which does not exist"),
        ["missing next steps"] = (t => File.Delete(t.PathOf("hosts/fly/next-steps.sbn")), "hosts/fly/next-steps.sbn: is missing; every host folder has next-steps.sbn and settings.py.sbn"),
        ["a missing settings snippet"] = (t => File.Delete(t.PathOf("hosts/render/settings.py.sbn")), "hosts/render/settings.py.sbn: is missing"),
        ["a host folder without host.toml"] = (t => File.Delete(t.PathOf("hosts/heroku/host.toml")), "hosts/heroku: has no host.toml"),
        ["a host named unlike its folder"] = (t => t.Replace("hosts/fly/host.toml", "name = \"fly\"", "name = \"flyio\""), "names host 'flyio' in folder 'fly'; set name = \"fly\""),
        ["a misspelt host fact"] = (t => t.Replace("hosts/fly/host.toml", "offers_volumes = true", "offers_volume = true"), "hosts/fly/host.toml: has unknown key 'offers_volume'; the keys are name, label, summary, order, disk_survives_deploy, offers_volumes, volume_owned_by_root, runs_replicas, names_its_domain, database_service, reads_python_version, proxy_header_trusted, sqlite_volume, forwarded_allow_ips, database_tls, stop_timeout, install, one_manager_file, files"),
        ["a volume for SQLite on a relative path"] = (t => t.Replace("hosts/fly/host.toml", "sqlite_volume = \"/data\"", "sqlite_volume = \"data\""), "hosts/fly/host.toml: gives sqlite_volume = \"data\"; set an absolute folder other than /"),
        ["a host without a summary"] = (t => t.Replace("hosts/render/host.toml", "summary = \"Render: a render.yaml Blueprint with a managed PostgreSQL database\"", ""), "needs a label (the platform's name) and a summary"),
        ["a database a host cannot know"] = (t => t.Replace("hosts/fly/host.toml", "database_tls = [\"postgres\", \"mysql\"]", "database_tls = [\"postgres\", \"oracle\"]"), "lists database_tls 'oracle', which is no database of catalog.toml; choose from postgres, mysql, sqlite"),
        ["a host's file the catalog renders already"] = (t => t.Replace("hosts/fly/host.toml", "path = \"fly.toml\"", "path = \"Procfile\""), "adds Procfile, which catalog.toml already renders for every host"),
        ["a duplicate choice"] = (t => t.Replace("catalog.toml", "[[choices.database]]\nname = \"sqlite\"", "[[choices.database]]\nname = \"mysql\""), "catalog.toml: does not offer database 'sqlite'"),
        ["a choice the code does not know"] = (t => t.Replace("catalog.toml", "[[choices.storage]]\nname = \"azure\"", "[[choices.storage]]\nname = \"ftp\""), "catalog.toml: offers storage 'ftp', which Scaffolder does not know (whitenoise, s3, gcs, azure); remove it"),
        ["broken TOML"] = (t => t.Replace("hosts/render/host.toml", "order = 3", "order = = 3"), "hosts/render/host.toml: is not valid for Scaffolder"),
        ["a server without its command"] = (t => t.Replace("catalog.toml", "web = \"uvicorn {callable} --host 0.0.0.0 --port $PORT --workers $(python web_concurrency.py)\"\n", ""), "catalog.toml: gives server 'uvicorn' no web or procfile_web command"),
        ["a database without its URL"] = (t => t.Replace("catalog.toml", "url_example = \"mysql://USER:PASSWORD@HOST:3306/NAME\"\n", ""), "catalog.toml: has no [databases.mysql] with url_example"),
        ["replicas beside a volume for SQLite"] = (t => t.Replace("hosts/kubernetes/host.toml", "sqlite_volume = \"\"", "sqlite_volume = \"/var/data\""), "hosts/kubernetes/host.toml: runs replicas and mounts a volume for SQLite at /var/data"),
        ["a private file at a templated path"] = (t => t.Replace("hosts/kubernetes/host.toml", "path = \"deploy/kubernetes/secret.env\"", "path = \"deploy/{{ project.app_name }}/secret.env\""), "gives the private file deploy/{{ project.app_name }}/secret.env a templated path"),
        ["a dependency manager without its facts"] = (t => t.Replace("catalog.toml", "[managers.pdm]\nlabel = \"PDM\"", "[managers.pdm]\nlabel = \"\""), "catalog.toml: has no [managers.pdm] with its label; add it"),
        ["a lock without the command that makes it"] = (t => t.Replace("catalog.toml", "lock_command = \"poetry lock\"\n", ""), "catalog.toml: gives [managers.poetry] a lock without lock_command, or the other way round"),
        ["no Python versions"] = (t => t.Replace("catalog.toml", "python = [\"3.12\", \"3.13\", \"3.14\"]", "python = []"), "catalog.toml: lists no python versions"),
        ["no host folder"] = (t => Directory.Delete(t.PathOf("hosts"), recursive: true), "hosts: holds no host folder; add one"),
        ["a host named with capitals"] = (t => RenameHost(t, "fly", "Fly"), "hosts/Fly/host.toml: names host 'Fly'; use lower-case letters, digits and dashes"),
        ["a stop timeout too short to shut down in"] = (t => t.Replace("hosts/fly/host.toml", "stop_timeout = 30", "stop_timeout = 5"), "hosts/fly/host.toml: gives stop_timeout = 5"),
        ["an install command for a manager the catalog lacks"] = (t => t.Replace("hosts/render/host.toml", "uv = \"uv sync --locked --no-dev\"", "hatch = \"hatch build\""), "hosts/render/host.toml: says how to install 'hatch' packages, which is no [managers.*] of catalog.toml; choose from uv, poetry, pipenv, pdm, pip"),
        ["a host's own file limited to a fact"] = (t => t.Replace("hosts/fly/host.toml", "path = \"fly.toml\"", "path = \"fly.toml\"\nwhen_host = \"offers_volumes\""), "hosts/fly/host.toml: limits its own file fly.toml with when_host"),
        ["a host rendering one file twice"] = (t => t.Replace("hosts/fly/host.toml", "[[files]]\ntemplate = \"fly.toml.sbn\"", "[[files]]\ntemplate = \"fly.toml.sbn\"\npath = \"fly.toml\"\n\n[[files]]\ntemplate = \"fly.toml.sbn\""), "hosts/fly/host.toml: renders fly.toml twice; keep one [[files]] entry for it"),
        ["a file without its path"] = (t => t.Replace("catalog.toml", "path = \"gunicorn.conf.py\"", "path = \"\""), "catalog.toml: has a [[files]] entry without template or path; give both"),
        ["a file declared in an unknown kind of file"] = (t => t.Replace("catalog.toml", "declared_in = \"requirements\"", "declared_in = \"setup.cfg\""), "catalog.toml: limits {{ dependencies.file }} to declared_in = \"setup.cfg\"; choose one of requirements, pyproject, pipfile"),
        ["a choice offered twice"] = (t => t.Replace("catalog.toml", "[[choices.database]]\nname = \"sqlite\"", "[[choices.database]]\nname = \"sqlite\"\n[[choices.database]]\nname = \"sqlite\""), "catalog.toml: offers database 'sqlite' twice; keep one"),
        ["a server the code does not know"] = (t => t.Replace("catalog.toml", "[[choices.server]]\nname = \"uvicorn\"", "[[choices.server]]\nname = \"waitress\""), "catalog.toml: offers server 'waitress', which Scaffolder does not know (gunicorn, uvicorn); remove it"),
        ["a dependency manager the code does not know"] = (t => t.Replace("catalog.toml", "[[choices.packages]]\nname = \"pdm\"", "[[choices.packages]]\nname = \"hatch\""), "catalog.toml: offers packages 'hatch', which Scaffolder does not know (uv, poetry, pipenv, pdm, pip); remove it"),
        ["no catalog at all"] = (t => File.Delete(t.PathOf("catalog.toml")), "holds no catalog.toml"),
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_template_pack_is_one_line_naming_the_file_and_the_fix(string breakage)
    {
        var (templates, source) = TempProject.CopyOfTemplates();
        using var _ = templates;
        using var project = TempProject.From("django52");
        var before = project.Contents();
        var (breakIt, says) = Broken[breakage];
        breakIt(templates);

        var run = CliRun.Of(source, ["apply", project.Root, "--host", "fly", .. Postgres]);

        run.ExitCode.ShouldBe(ExitCode.BadInput, run.Error);
        run.Error.ShouldStartWith("error: ");
        run.Error.ShouldContain(says);
        run.Error.TrimEnd('\n').ShouldNotContain("\n");
        project.Contents().ShouldBe(before);
    }
}
