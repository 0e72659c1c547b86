using System.Runtime.Versioning;
using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

public class ApplyCommandTests
{
    private static readonly string[] HerokuPostgresWhitenoise =
        ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    private static CliRun Apply(TempProject project, params string[] flags) => CliRun.Of(["apply", project.Root, .. flags]);

    [Fact]
    public void Apply_writes_the_overlay_and_lists_every_file()
    {
        using var project = TempProject.From("django52");

        var run = Apply(project, HerokuPostgresWhitenoise);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        string[] overlay = ["mysite/settings_production.py", "mysite/production_wsgi.py", "gunicorn.conf.py", ".env", ".env.example", "requirements.txt", "Procfile", "Dockerfile", ".dockerignore", ".gitignore", ".python-version", "app.json"];
        foreach (var file in overlay)
        {
            project.Exists(file).ShouldBeTrue(file);
            run.Output.ShouldContain(file);
        }
        run.Output.ShouldContain("heroku addons:create heroku-postgresql");
    }

    [Fact]
    public void A_second_apply_with_the_same_answers_changes_nothing()
    {
        using var project = TempProject.From("django52");
        Apply(project, HerokuPostgresWhitenoise);
        var afterFirst = project.Contents();

        var second = Apply(project, HerokuPostgresWhitenoise);

        second.ExitCode.ShouldBe(ExitCode.Done);
        project.Contents().ShouldBe(afterFirst);
        second.Output.ShouldNotContain("created");
        second.Output.ShouldNotContain("updated");
    }

    [Fact]
    public void Dry_run_writes_nothing_and_shows_what_would_change_as_a_diff()
    {
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = Apply(project, [.. HerokuPostgresWhitenoise, "--dry-run"]);

        run.ExitCode.ShouldBe(ExitCode.Done);
        project.Contents().ShouldBe(before);
        run.Output.ShouldContain("create    Procfile");
        run.Output.ShouldContain("+++ b/Procfile");
        run.Output.ShouldContain("+release: python manage.py migrate --noinput --settings mysite.settings_production");
        run.Output.ShouldContain("nothing was written");
    }

    [Fact]
    public void Dry_run_after_apply_reports_every_file_unchanged()
    {
        using var project = TempProject.From("django52");
        Apply(project, HerokuPostgresWhitenoise);

        var run = Apply(project, [.. HerokuPostgresWhitenoise, "--dry-run"]);

        var actions = run.Output.Split('\n')
            .Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^(create|update|unchanged|conflict|remove|obsolete)\s"))
            .ToList();
        // Every file of the record, .env (never recorded: it holds secrets) and the record itself.
        using var record = System.Text.Json.JsonDocument.Parse(project.Read(".scaffolder.json"));
        actions.Count.ShouldBe(record.RootElement.GetProperty("files").EnumerateObject().Count() + 2);
        actions.ShouldAllBe(line => line.StartsWith("unchanged "));
    }

    [Fact]
    public void Dry_run_never_prints_a_secret()
    {
        using var project = TempProject.From("django52");

        var run = Apply(project, [.. HerokuPostgresWhitenoise, "--dry-run"]);

        run.Output.ShouldContain("+DJANGO_SECRET_KEY=********");
        run.Output.ShouldContain("+DATABASE_URL=********");
    }

    [Fact]
    public void The_secret_key_written_to_env_is_never_printed()
    {
        using var project = TempProject.From("django52");

        var run = Apply(project, HerokuPostgresWhitenoise);

        var secret = project.Read(".env").Split('\n').Single(line => line.StartsWith("DJANGO_SECRET_KEY="))["DJANGO_SECRET_KEY=".Length..];
        secret.Length.ShouldBeGreaterThanOrEqualTo(50);
        run.Output.ShouldNotContain(secret);
        run.Error.ShouldNotContain(secret);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Env_file_is_readable_by_its_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = TempProject.From("django52");

        Apply(project, HerokuPostgresWhitenoise);

        File.GetUnixFileMode(project.PathOf(".env")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Existing_env_values_are_kept_and_missing_keys_added()
    {
        using var project = TempProject.From("django52");
        project.Write(".env", "DJANGO_SECRET_KEY=my-own-key\nDATABASE_URL=postgres://me@localhost/mine\n");

        Apply(project, HerokuPostgresWhitenoise);

        var env = project.Read(".env");
        env.ShouldStartWith("DJANGO_SECRET_KEY=my-own-key\nDATABASE_URL=postgres://me@localhost/mine\n");
        env.ShouldContain("DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1");
        env.Split('\n').Count(line => line.StartsWith("DJANGO_SECRET_KEY=")).ShouldBe(1);
    }

    [Fact]
    public void Existing_requirements_are_merged_not_replaced()
    {
        using var project = TempProject.From("custom-settings");
        var before = project.Read("requirements.txt");

        Apply(project, HerokuPostgresWhitenoise);

        var requirements = project.Read("requirements.txt");
        requirements.ShouldStartWith(before);
        requirements.ShouldNotContain("Django~=");
        requirements.ShouldNotContain("psycopg[binary]==");
        requirements.ShouldContain("gunicorn==");
    }

    [Fact]
    public void A_file_the_user_wrote_is_a_conflict_left_alone_with_the_template_beside_it_and_exit_code_1()
    {
        using var project = TempProject.From("django52");
        project.Write("Procfile", "web: python manage.py runserver 0.0.0.0:$PORT\n");

        var run = Apply(project, HerokuPostgresWhitenoise);

        run.ExitCode.ShouldBe(ExitCode.Unsettled);
        project.Read("Procfile").ShouldBe("web: python manage.py runserver 0.0.0.0:$PORT\n");
        project.Read("Procfile.scaffolder-new").ShouldStartWith("release: python manage.py migrate");
        project.Exists("Dockerfile").ShouldBeTrue();
        run.Error.Trim().ShouldStartWith(
            "error: Procfile was left as it was: merge Procfile.scaffolder-new into Procfile");
        run.Error.ShouldContain("to discard your edits to Procfile instead, run scaffolder apply --force");
    }

    [Fact]
    public void Force_replaces_a_conflicting_file()
    {
        using var project = TempProject.From("django52");
        project.Write("Procfile", "web: python manage.py runserver 0.0.0.0:$PORT\n");

        var run = Apply(project, [.. HerokuPostgresWhitenoise, "--force"]);

        run.ExitCode.ShouldBe(ExitCode.Done);
        project.Read("Procfile").ShouldStartWith("release: python manage.py migrate");
    }

    [Fact]
    public void Without_flags_and_without_a_terminal_the_documented_defaults_apply()
    {
        using var project = TempProject.From("django52");

        var run = Apply(project);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Exists("compose.yaml").ShouldBeTrue();
        project.Read("compose.yaml").ShouldContain("image: postgres:");
        project.Read("requirements.txt").ShouldContain("whitenoise==");
        project.Read("requirements.txt").ShouldContain("gunicorn==");
        project.Read("Dockerfile").ShouldContain("FROM python:3.14-slim");
    }

    [Fact]
    public void Default_python_is_the_newest_the_projects_django_supports()
    {
        using var project = TempProject.From("django42");

        Apply(project, "--yes");

        project.Read("Dockerfile").ShouldContain("FROM python:3.12-slim");
    }

    [Theory]
    [InlineData("--host", "aws")]
    [InlineData("--database", "oracle")]
    [InlineData("--storage", "dropbox")]
    [InlineData("--server", "waitress")]
    [InlineData("--python", "3.9")]
    public void An_unknown_choice_exits_2_with_one_line_and_writes_nothing(string option, string value)
    {
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = Apply(project, option, value);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
        run.Error.ShouldContain(value);
        run.Error.ShouldContain("scaffolder apply --help");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void No_django_project_exits_2_naming_startproject()
    {
        using var project = TempProject.Empty();

        var run = Apply(project, "--yes");

        run.ExitCode.ShouldBe(ExitCode.BadInput, run.Error + run.Output);
        run.Error.ShouldBe($"error: no Django project in {project.Root} (expected manage.py; create one with `django-admin startproject NAME .`){Environment.NewLine}");
        Directory.EnumerateFileSystemEntries(project.Root).ShouldBeEmpty();
    }

    [Fact]
    public void Sqlite_on_a_host_that_wipes_its_disk_is_refused()
    {
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = Apply(project, "--host", "heroku", "--database", "sqlite", "--yes");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain("SQLite keeps its data on local disk, which Heroku wipes on every deploy, and Heroku has no volumes; choose --database postgres (or pass --force");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Sqlite_is_refused_where_the_platform_has_volumes_but_the_manifest_mounts_none_for_it()
    {
        var host = new Scaffolder.Catalog.HostInfo { Name = "elsewhere", Label = "Elsewhere", OffersVolumes = true };

        Scaffolder.Answers.Compatibility.SqliteProblem(host, Scaffolder.Answers.Database.Sqlite).ShouldBe(
            "SQLite keeps its data on local disk, which Elsewhere wipes on every deploy, and Scaffolder's Elsewhere manifest "
            + "mounts no volume for it; choose --database postgres");
        Scaffolder.Answers.Compatibility.SqliteProblem(host, Scaffolder.Answers.Database.Postgres).ShouldBeNull();
    }

    [Fact]
    public void Sqlite_on_such_a_host_is_written_with_force()
    {
        using var project = TempProject.From("django52");

        Apply(project, "--host", "heroku", "--database", "sqlite", "--yes", "--force").ExitCode.ShouldBe(ExitCode.Done);
    }

    [Fact]
    public void Sqlite_is_refused_where_the_manifest_runs_replicas_whatever_its_volumes()
    {
        var replicated = Scenario.Catalog.Hosts.First(candidate => candidate.RunsReplicas && candidate.OffersVolumes);
        var host = replicated.Name;
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = Apply(project, "--host", host, "--database", "sqlite", "--yes");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain($"SQLite keeps its data in one file on one disk, and the {replicated.Label} manifest runs several replicas of the app at once, which cannot share it; choose --database postgres (or pass --force");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Sqlite_on_render_keeps_its_file_on_a_disk_and_migrates_where_the_disk_is()
    {
        using var project = TempProject.From("django52");

        Apply(project, "--host", "render", "--database", "sqlite", "--yes").ExitCode.ShouldBe(ExitCode.Done);

        var blueprint = project.Read("render.yaml");
        blueprint.ShouldContain("mountPath: /var/data");
        blueprint.ShouldContain("value: sqlite:////var/data/db.sqlite3");
        // The pre-deploy command runs without the disk: the migrations run where the disk is, before the server starts.
        blueprint.ShouldNotContain("preDeployCommand:");
        blueprint.ShouldContain("startCommand: python manage.py migrate --noinput && gunicorn ");
    }

    [Fact]
    public void Sqlite_on_fly_keeps_its_file_on_a_volume_and_migrates_on_the_machine_that_mounts_it()
    {
        using var project = TempProject.From("django52");

        Apply(project, "--host", "fly", "--database", "sqlite", "--yes").ExitCode.ShouldBe(ExitCode.Done);

        var config = project.Read("fly.toml");
        config.ShouldContain("[mounts]\nsource = \"data\"\ndestination = \"/data\"");
        config.ShouldContain("DATABASE_URL = \"sqlite:////data/db.sqlite3\"");
        // The release machine has no volume: no release_command; the image migrates as the machine starts.
        config.ShouldNotContain("release_command =");
        project.Read("Dockerfile").ShouldContain("sh -c 'python manage.py migrate --noinput && exec gunicorn ");
    }

    [Fact]
    public void Sqlite_on_railway_requires_a_volume_and_migrates_where_it_is_mounted()
    {
        using var project = TempProject.From("django52");

        Apply(project, "--host", "railway", "--database", "sqlite", "--yes").ExitCode.ShouldBe(ExitCode.Done);

        var config = project.Read("railway.json");
        config.ShouldContain("\"requiredMountPath\": \"/data\"");
        // The pre-deploy command runs without volumes; the image's own command migrates and serves.
        config.ShouldNotContain("preDeployCommand");
        config.ShouldNotContain("startCommand");
        project.Read("Dockerfile").ShouldContain("ENV DATABASE_URL=sqlite:////data/db.sqlite3");
    }

    [Theory]
    [InlineData("fly")]
    [InlineData("railway")]
    public void An_image_with_sqlite_on_a_root_owned_volume_gives_it_to_the_app_user_and_runs_as_that_user(string host)
    {
        using var project = TempProject.From("django52");

        Apply(project, "--host", host, "--database", "sqlite", "--yes").ExitCode.ShouldBe(ExitCode.Done);

        var dockerfile = project.Read("Dockerfile");
        dockerfile.ShouldNotContain("USER app");
        dockerfile.ShouldContain("CMD [\"sh\", \"-c\", \"chown -R app:app /data && exec setpriv --reuid=app --regid=app --init-groups -- sh -c '");
    }

    [Fact]
    public void An_image_without_a_platform_volume_runs_as_the_app_user_from_the_start()
    {
        using var project = TempProject.From("django52");

        Apply(project, "--host", "fly", "--database", "postgres", "--yes").ExitCode.ShouldBe(ExitCode.Done);

        var dockerfile = project.Read("Dockerfile");
        dockerfile.ShouldContain("USER app\nEXPOSE 8000\nCMD [\"sh\", \"-c\", \"exec gunicorn ");
        dockerfile.ShouldNotContain("setpriv");
    }

    [Fact]
    public void Sqlite_with_docker_keeps_its_file_on_a_volume()
    {
        using var project = TempProject.From("django52");

        Apply(project, "--host", "docker", "--database", "sqlite", "--yes").ExitCode.ShouldBe(ExitCode.Done);

        project.Read("compose.yaml").ShouldContain("- data:/app/data");
        project.Read("Dockerfile").ShouldContain("ENV DATABASE_URL=sqlite:////app/data/db.sqlite3");
    }

    [Fact]
    public void A_python_newer_than_django_supports_is_refused()
    {
        using var project = TempProject.From("django42");

        var run = Apply(project, "--python", "3.14", "--yes");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain("Django 4.2 supports Python up to 3.12; choose --python 3.12");
    }

    [Fact]
    public void Uvicorn_without_an_asgi_module_is_refused_even_with_force()
    {
        using var project = TempProject.From("custom-settings");

        var run = Apply(project, "--server", "uvicorn", "--yes", "--force");

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain("--server uvicorn needs an ASGI application");
    }

    [Fact]
    public void A_folder_where_a_file_goes_exits_2_and_writes_nothing()
    {
        using var project = TempProject.From("django52");
        Directory.CreateDirectory(project.PathOf("Procfile"));
        var before = project.Contents();

        var run = Apply(project, HerokuPostgresWhitenoise);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldContain("is a folder where the overlay writes a file");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Help_documents_every_option_and_its_choices()
    {
        var run = CliRun.Of("apply", "--help");

        run.ExitCode.ShouldBe(ExitCode.Done);
        foreach (var text in new[] { "PATH", $"--host <{string.Join('|', Scenario.Catalog.HostNames)}>", "--database <postgres|mysql|sqlite>",
                     "--storage <whitenoise|s3|gcs|azure>", "--server <gunicorn|uvicorn>", "--python <3.12|3.13|3.14>",
                     "--answers <FILE>", "--check", "--yes", "--dry-run", "--force", "else docker)", "else postgres)", "else whitenoise)" })
            run.Output.ShouldContain(text);
    }

    [Fact]
    public void Root_help_names_the_apply_command()
    {
        var run = CliRun.Of("--help");

        run.ExitCode.ShouldBe(ExitCode.Done);
        run.Output.ShouldContain("apply");
    }
}
