using Scaffolder.Answers;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// What the rendered .gitignore and .dockerignore keep out, asked of real git: `git add -A --dry-run` in a fresh
/// repository lists what a commit would take.
/// </summary>
public class IgnoreFilesTests
{
    // The writer stages a file as TARGET.scaffolder-<32 hex>.new and keeps the replaced one as .old.
    private const string Id = "0123456789abcdef0123456789abcdef";

    private static readonly string[] Secrets =
    [
        ".env", ".env.production", ".env.local", $".env.scaffolder-{Id}.old", $".env.scaffolder-{Id}.new",
        $"mysite/settings_production.py.scaffolder-{Id}.new", $"requirements.txt.scaffolder-{Id}.old",
        "db.sqlite3", "db.sqlite3-journal", "data/app.sqlite3", "gcp-service-account.json", "keys/my-service-account-key.json",
        "tls/server.pem", "tls/server.key",
    ];

    private static readonly string[] Tracked =
        [".env.example", "manage.py", "mysite/settings_production.py", "requirements.txt", "Procfile", "gunicorn.conf.py"];

    [Fact]
    public void Gitignore_keeps_env_files_keys_databases_and_write_leftovers_out_of_commits()
    {
        using var project = TempProject.Empty().WithGit();
        project.Write(".gitignore", Rendered(".gitignore"));

        var staged = StagedBy(project, [.. Secrets, .. Tracked]);

        staged.Intersect(Secrets).ShouldBeEmpty();
        Tracked.Except(staged).ShouldBeEmpty();
        staged.ShouldContain(".gitignore");
    }

    [Fact]
    public void Dockerignore_keeps_secrets_out_of_the_image_in_every_folder()
    {
        var dockerignore = Rendered(".dockerignore");
        // Docker matches a pattern from the context's root only (git anywhere): the secret patterns must say **/
        // for git's verdict below to be Docker's too.
        var patterns = dockerignore.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        foreach (var secret in new[] { ".env", ".env.*", "*.pem", "*.key", "*service-account*.json", "*.sqlite3", "*.sqlite3-journal", "*.scaffolder-*.old", "*.scaffolder-*.new" })
            patterns.ShouldContain("**/" + secret);

        using var project = TempProject.Empty().WithGit();
        project.Write(".git/info/exclude", dockerignore);
        string[] nested = [.. Secrets.Select(path => "app/" + path)];

        var staged = StagedBy(project, [.. Secrets, .. nested, "manage.py", "mysite/settings_production.py"]);

        staged.Intersect([.. Secrets, .. nested]).ShouldBeEmpty();
        staged.ShouldContain("manage.py");
        staged.ShouldContain("mysite/settings_production.py");
    }

    private static string Rendered(string path)
    {
        using var project = TempProject.From("django52");
        return new Scenario("django52", "docker", Database.Sqlite, Storage.Gcs).Render(project).Files.Single(file => file.Path == path).Content;
    }

    private static List<string> StagedBy(TempProject project, IEnumerable<string> files)
    {
        foreach (var file in files)
            project.Write(file, "x\n");
        var added = ProcessRunner.Run("git", ["-C", project.Root, "add", "--all", "--dry-run"]);
        added.ExitCode.ShouldBe(0, added.Error);
        // Lines read "add 'path'".
        return [.. added.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[5..^1])];
    }
}
