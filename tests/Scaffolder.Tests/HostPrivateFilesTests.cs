using System.Runtime.Versioning;
using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// A host's own file that holds secrets (<c>private = true</c> in its host.toml, such as a Kustomize secret.env) is kept
/// like .env: readable by its owner alone, git-ignored and left out of the image, its values in no output and no other
/// file, masked in a dry run, never part of --check, and merged by key so a value the user filled in stays.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class HostPrivateFilesTests
{
    public static TheoryData<string, string> PrivateFiles { get; } = [..
        from host in Scenario.Catalog.Hosts
        from file in host.Files
        where file.Private
        select (host.Name, file.Path)];

    private static string[] Flags(string host) => ["--host", host, "--database", "postgres", "--storage", "s3", "--yes"];

    [Theory]
    [MemberData(nameof(PrivateFiles))]
    public void It_is_written_owner_only_ignored_by_git_and_the_image(string host, string path)
    {
        using var project = TempProject.From("django52").WithGit();

        CliRun.Of(["apply", project.Root, .. Flags(host)]).ExitCode.ShouldBe(ExitCode.Done);

        File.GetUnixFileMode(project.PathOf(path)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var ignored = ProcessRunner.Run("git", ["-C", project.Root, "check-ignore", "-q", path]);
        ignored.ExitCode.ShouldBe(0, $"git does not ignore {path}");
        project.Read(".dockerignore").Split('\n').ShouldContain(path);
    }

    [Theory]
    [MemberData(nameof(PrivateFiles))]
    public void Its_generated_secrets_appear_in_no_output_and_no_other_file(string host, string path)
    {
        using var project = TempProject.From("django52");

        var run = CliRun.Of(["apply", project.Root, .. Flags(host)]);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        var secrets = SecretValues(project.Read(path));
        secrets.ShouldNotBeEmpty();
        foreach (var secret in secrets)
        {
            run.Output.ShouldNotContain(secret);
            run.Error.ShouldNotContain(secret);
            foreach (var (other, content) in project.Contents().Where(entry => entry.Key != path))
                content.ShouldNotContain(secret, customMessage: $"{other} holds a secret of {path}");
        }
    }

    [Theory]
    [MemberData(nameof(PrivateFiles))]
    public void A_dry_run_masks_its_values(string host, string path)
    {
        using var project = TempProject.From("django52");

        var run = CliRun.Of(["apply", project.Root, .. Flags(host), "--dry-run"]);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        var added = run.Output.Split('\n').SkipWhile(line => !line.StartsWith($"+++ b/{path}", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => !line.StartsWith("--- ", StringComparison.Ordinal))
            .Where(line => line.StartsWith('+') && line.Contains('=', StringComparison.Ordinal) && !line.StartsWith("+#", StringComparison.Ordinal))
            .ToList();
        added.ShouldNotBeEmpty();
        foreach (var line in added)
            line[(line.IndexOf('=') + 1)..].ShouldBeOneOf("********", "");
    }

    [Theory]
    [MemberData(nameof(PrivateFiles))]
    public void A_value_the_user_filled_in_stays_and_a_fresh_clone_without_the_file_passes_check(string host, string path)
    {
        using var project = TempProject.From("django52");
        CliRun.Of(["apply", project.Root, .. Flags(host)]).ExitCode.ShouldBe(ExitCode.Done);
        var key = project.Read(path).Split('\n').First(line => line.Length > 0 && !line.StartsWith('#'));
        File.AppendAllText(project.PathOf(path), "DATABASE_URL=postgres://app:filled-in-by-the-user@db.example.com/app\n");

        CliRun.Of("apply", project.Root, "--yes").ExitCode.ShouldBe(ExitCode.Done);

        project.Read(path).ShouldContain("DATABASE_URL=postgres://app:filled-in-by-the-user@db.example.com/app\n");
        project.Read(path).ShouldContain(key + "\n");
        File.Delete(project.PathOf(path));
        CliRun.Of("apply", project.Root, "--check").ExitCode.ShouldBe(ExitCode.Done);
    }

    /// <summary>The values that hold secrets: keys, passwords.</summary>
    private static List<string> SecretValues(string env) =>
        [.. env.Split('\n')
            .Where(line => line.Contains('=') && !line.StartsWith('#'))
            .Select(line => (Key: line[..line.IndexOf('=')], Value: line[(line.IndexOf('=') + 1)..]))
            .Where(entry => entry.Key.Contains("SECRET") || entry.Key.Contains("PASSWORD") || entry.Key.Contains("KEY"))
            .Where(entry => entry.Value.Length >= 8)
            .Select(entry => entry.Value)];
}
