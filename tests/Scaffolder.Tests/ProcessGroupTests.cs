using System.Diagnostics;
using Scaffolder.Testing;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// Every process the tests start runs in a process group of its own and is stopped with everything it started:
/// a shell that dies on SIGTERM without passing it on must not leave its children running.
/// </summary>
public sealed class ProcessGroupTests : IDisposable
{
    private readonly TempProject _work = TempProject.Empty();

    [Fact]
    public void A_started_program_leads_a_process_group_of_its_own()
    {
        using var group = ProcessGroup.Start("sleep", ["300"]);

        var leader = LinuxProcess.Read(group.Id).ShouldNotBeNull();
        leader.GroupId.ShouldBe(group.Id);
        leader.GroupId.ShouldNotBe(LinuxProcess.Read(Environment.ProcessId)!.GroupId);
    }

    [Fact]
    public void Stopping_a_shell_stops_the_child_it_does_not_pass_the_signal_to()
    {
        using var group = ProcessGroup.Start("sh", ["-c", "sleep 300 & echo $!; wait"]);
        var child = ChildNamedIn(group.Leader.StandardOutput.ReadLine());

        group.Stop(TimeSpan.FromSeconds(10)).ShouldBeTrue();

        StillRuns(child).ShouldBeFalse("the shell's child outlived the stop");
        group.IsAlive.ShouldBeFalse();
    }

    [Fact]
    public void A_group_that_ignores_SIGTERM_is_killed_when_the_grace_period_ends()
    {
        using var group = ProcessGroup.Start("sh", ["-c", "trap '' TERM; sleep 300 & echo $!; wait"]);
        var child = ChildNamedIn(group.Leader.StandardOutput.ReadLine());
        var clock = Stopwatch.StartNew();

        group.Stop(TimeSpan.FromSeconds(1)).ShouldBeTrue();

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), "SIGTERM was ignored, so only SIGKILL after the grace period can have stopped it");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(11));
        StillRuns(child).ShouldBeFalse();
    }

    [Fact]
    public void A_command_leaves_nothing_it_started_running_when_it_returns()
    {
        // The subshell starts sleep and exits at once: sleep is orphaned, but stays in the command's group.
        var finished = GroupedCommand.Run("sh", ["-c", "(sleep 300 & echo $!)"], TimeSpan.FromMinutes(1));

        finished.ExitCode.ShouldBe(0);
        StillRuns(ChildNamedIn(finished.Output.Trim())).ShouldBeFalse("the orphaned child outlived the command");
    }

    [Fact]
    public void A_command_that_overruns_is_stopped_with_everything_it_started()
    {
        var pidFile = _work.PathOf("child.pid");

        Should.Throw<ProcessTimedOut>(() =>
            GroupedCommand.Run("sh", ["-c", $"sleep 300 & echo $! > {pidFile}; wait"], TimeSpan.FromSeconds(1)));

        StillRuns(ChildNamedIn(File.ReadAllText(pidFile).Trim())).ShouldBeFalse("the overrunning command's child outlived it");
    }

    public void Dispose() => _work.Dispose();

    private static LinuxProcess ChildNamedIn(string? pid) =>
        LinuxProcess.Read(int.Parse(pid.ShouldNotBeNull())).ShouldNotBeNull("the child should run before the stop");

    // A PID may be reused once its process has gone: the same PID with another start time is another process.
    private static bool StillRuns(LinuxProcess before) =>
        LinuxProcess.Read(before.Pid) is { IsZombie: false } now && now.StartTicks == before.StartTicks;
}
