using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Scaffolder.Answers;
using Scaffolder.Cli;
using Scaffolder.Ownership;
using Scaffolder.Planning;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// An apply killed at any point leaves every file whole (old or new, never truncated), the secrets in .env readable
/// by their owner alone, and only leftovers that the next apply removes.
/// </summary>
[UnsupportedOSPlatform("windows")]
public partial class InterruptedApplyTests
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private static readonly Scenario Fly = new("django52", "fly", Database.Postgres, Storage.S3);

    /// <summary>A project applied for Heroku, then the plan that switches it to Fly with --force: updates, creations, removals and a .env merge.</summary>
    private static (TempProject Project, Plan Plan, SortedDictionary<string, string> Before, Dictionary<string, string> After) Switching()
    {
        var project = TempProject.From("django52");
        CliRun.Of("apply", project.Root, "--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes")
            .ExitCode.ShouldBe(ExitCode.Done);
        // A key the user removed from .env: the merge adds it back, so .env (and its secret key) is written too.
        project.Write(".env", string.Join('\n', project.Read(".env").Split('\n').Where(line => !line.StartsWith("DJANGO_DEBUG=", StringComparison.Ordinal))));
        var before = project.Contents();
        var overlay = Fly.Render(project);
        var answers = new ProjectAnswers(Fly.Host, Fly.Database, Fly.Storage, Fly.Server, "3.14");
        var plan = new Planner(new GitCli()).Plan(project.Root, overlay, answers, ProjectRecord.Load(project.Root, Scenario.Catalog.HostNames), new PlanChoices(Force: true, Prune: false));
        var after = plan.Files.Where(file => file.WillWrite).ToDictionary(file => file.Path, file => file.After);
        after.ShouldContainKey(".env");
        return (project, plan, before, after);
    }

    [Fact]
    public void A_death_at_any_file_operation_leaves_each_file_old_or_new_and_env_private()
    {
        int operations;
        {
            var (probe, plan, _, _) = Switching();
            using var _ = probe;
            var counting = new ScriptedFileOperations(int.MaxValue, Stop.Die);
            new PlanWriter(counting).Write(plan);
            operations = counting.Operations;
        }
        operations.ShouldBeGreaterThan(20);

        for (var stopAt = 1; stopAt <= operations; stopAt++)
        {
            var (project, plan, before, after) = Switching();
            using var _ = project;

            Should.Throw<ProcessDied>(() => new PlanWriter(new ScriptedFileOperations(stopAt, Stop.Die)).Write(plan));

            foreach (var (path, content) in project.Contents().Where(entry => !IsLeftover(entry.Key)))
            {
                var old = before.GetValueOrDefault(path);
                var isNew = after.GetValueOrDefault(path);
                (content == old || content == isNew).ShouldBeTrue($"{path} is neither old nor new after a death at operation {stopAt}");
            }
            foreach (var env in Directory.EnumerateFiles(project.Root, ".env*").Where(file => !Path.GetFileName(file).StartsWith(".env.example", StringComparison.Ordinal)))
                (File.GetUnixFileMode(env) & GroupOrOthers).ShouldBe(UnixFileMode.None, $"{Path.GetFileName(env)} after a death at operation {stopAt}");
        }
    }

    [Fact]
    public void The_next_apply_removes_what_a_death_left_and_says_so()
    {
        var (project, plan, _, _) = Switching();
        using var _ = project;
        // Dead at the first copy aside, after staging every file: every staged copy is left, .env's among them.
        Should.Throw<ProcessDied>(() => new PlanWriter(new ScriptedFileOperations(1, Stop.Die, only: "Copy")).Write(plan));
        project.Contents().Keys.Where(IsLeftover).ShouldContain(path => path.StartsWith(".env.scaffolder-", StringComparison.Ordinal));

        var next = CliRun.Of("apply", project.Root, "--host", "fly", "--storage", "s3", "--force");

        next.ExitCode.ShouldBe(ExitCode.Done, next.Error);
        project.Contents().Keys.Where(IsLeftover).ShouldBeEmpty();
        next.Output.ShouldContain("(left by an interrupted apply)");
    }

    [Fact]
    public void Kill_9_of_the_real_tool_at_many_moments_never_leaves_a_broken_tree()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "scaffolder.dll");
        var killedWhileRunning = 0;
        for (var delay = 60; delay <= 600; delay += 30)
        {
            using var project = TempProject.From("django52");
            var original = project.Contents();
            var process = Process.Start(new ProcessStartInfo("dotnet", [tool, "apply", project.Root, "--host", "heroku", "--yes"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            Thread.Sleep(delay);
            var wasRunning = !process.HasExited;
            process.Kill();  // SIGKILL
            process.WaitForExit(10_000).ShouldBeTrue();

            var now = project.Contents();
            if (wasRunning)
                killedWhileRunning++;
            foreach (var (path, content) in now.Where(entry => original.ContainsKey(entry.Key)))
            {
                if (path == "requirements.txt" || content == original[path])
                    continue;
                content.ShouldNotBeEmpty($"{path} after a kill at {delay} ms");
            }
            if (File.Exists(project.PathOf(".env")))
                (File.GetUnixFileMode(project.PathOf(".env")) & GroupOrOthers).ShouldBe(UnixFileMode.None);

            var next = CliRun.Of("apply", project.Root, "--host", "heroku", "--yes");
            next.ExitCode.ShouldBe(ExitCode.Done, $"after a kill at {delay} ms: {next.Error}");
            project.Contents().Keys.Where(IsLeftover).ShouldBeEmpty($"after a kill at {delay} ms");
            project.Read(".env").ShouldContain("DJANGO_SECRET_KEY=");
        }
        killedWhileRunning.ShouldBeGreaterThan(0, "no kill landed while the tool ran");
    }

    private static bool IsLeftover(string path) => LeftoverName().IsMatch(path);

    [GeneratedRegex(@"\.scaffolder-[0-9a-f]{32}\.(new|old)$")]
    private static partial Regex LeftoverName();
}
