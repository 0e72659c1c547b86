using System.Runtime.Versioning;
using Mono.Unix;
using Scaffolder.Planning;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

public class PlanWriterTests
{
    private static readonly PlanWriter Writer = new(new FileOperations());

    private static Plan PlanOf(TempProject project, params PlannedFile[] files) => new(project.Root, files, []);

    /// <summary>Three updates, a creation and a removal: every way a plan touches the tree.</summary>
    private static Plan Busy(TempProject project)
    {
        project.Write("a.txt", "old a\n");
        project.Write("b.txt", "old b\n");
        project.Write("c.txt", "old c\n");
        project.Write("gone.txt", "obsolete\n");
        return PlanOf(project,
            new PlannedFile("a.txt", FileAction.Update, "old a\n", "new a\n", HoldsSecrets: false),
            new PlannedFile("b.txt", FileAction.Update, "old b\n", "new b\n", HoldsSecrets: false),
            new PlannedFile("sub/new.txt", FileAction.Create, null, "created\n", HoldsSecrets: false),
            new PlannedFile("c.txt", FileAction.Update, "old c\n", "new c\n", HoldsSecrets: false),
            new PlannedFile("gone.txt", FileAction.Remove, "obsolete\n", "", HoldsSecrets: false));
    }

    [Fact]
    public void A_plan_is_carried_out_in_full()
    {
        using var project = TempProject.Empty();

        Writer.Write(Busy(project));

        project.Contents().ShouldBe(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["a.txt"] = "new a\n", ["b.txt"] = "new b\n", ["c.txt"] = "new c\n", ["sub/new.txt"] = "created\n",
        });
    }

    [Fact]
    public void Failing_any_one_file_operation_leaves_the_tree_as_it_was()
    {
        using var probe = TempProject.Empty();
        var counting = new ScriptedFileOperations(stopAt: int.MaxValue, Stop.Fail);
        new PlanWriter(counting).Write(Busy(probe));
        counting.Operations.ShouldBeGreaterThan(10);

        for (var failAt = 1; failAt <= counting.Operations; failAt++)
        {
            using var project = TempProject.Empty();
            var plan = Busy(project);
            var before = project.Contents();

            Should.Throw<UserError>(() => new PlanWriter(new ScriptedFileOperations(failAt, Stop.Fail)).Write(plan), $"failing operation {failAt}")
                .Message.ShouldContain("nothing was changed");

            project.Contents().ShouldBe(before, $"after failing operation {failAt}");
        }
    }

    [Fact]
    public void A_folder_that_cannot_be_made_fails_before_anything_changes()
    {
        using var project = TempProject.Empty();
        project.Write("first.txt", "old\n");
        project.Write("blocked", "a file where a folder would have to be\n");
        var before = project.Contents();

        Should.Throw<UserError>(() => Writer.Write(PlanOf(project,
            new PlannedFile("first.txt", FileAction.Update, "old\n", "new\n", HoldsSecrets: false),
            new PlannedFile("blocked/second.txt", FileAction.Create, null, "new\n", HoldsSecrets: false))));

        project.Contents().ShouldBe(before);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Updating_a_file_keeps_its_mode()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = TempProject.Empty();
        project.Write("run.sh", "old\n");
        const UnixFileMode executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(project.PathOf("run.sh"), executable);

        Writer.Write(PlanOf(project, new PlannedFile("run.sh", FileAction.Update, "old\n", "new\n", HoldsSecrets: false)));

        project.Read("run.sh").ShouldBe("new\n");
        File.GetUnixFileMode(project.PathOf("run.sh")).ShouldBe(executable);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_file_of_secrets_readable_by_others_is_made_owner_only_when_updated()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = TempProject.Empty();
        project.Write(".env", "DJANGO_DEBUG=on\n");
        File.SetUnixFileMode(project.PathOf(".env"), (UnixFileMode)0b110_100_100);

        Writer.Write(PlanOf(project, new PlannedFile(".env", FileAction.Update, "DJANGO_DEBUG=on\n", "DJANGO_DEBUG=on\nDJANGO_SECRET_KEY=s\n", HoldsSecrets: true)));

        project.Read(".env").ShouldBe("DJANGO_DEBUG=on\nDJANGO_SECRET_KEY=s\n");
        File.GetUnixFileMode(project.PathOf(".env")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Updating_a_file_keeps_even_the_mode_bits_the_umask_would_take_away()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = TempProject.Empty();
        project.Write("shared.txt", "old\n");
        const UnixFileMode everyoneWrites = (UnixFileMode)0b110_110_110;
        File.SetUnixFileMode(project.PathOf("shared.txt"), everyoneWrites);

        Writer.Write(PlanOf(project, new PlannedFile("shared.txt", FileAction.Update, "old\n", "new\n", HoldsSecrets: false)));

        File.GetUnixFileMode(project.PathOf("shared.txt")).ShouldBe(everyoneWrites);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void As_root_an_updated_file_keeps_its_owner_and_group()
    {
        Assert.SkipUnless(Environment.UserName == "root", "changing a file's owner needs root");
        using var project = TempProject.Empty();
        project.Write("requirements.txt", "Django>=5.2\n");
        new UnixFileInfo(project.PathOf("requirements.txt")).SetOwner(65534, 65534);

        Writer.Write(PlanOf(project, new PlannedFile("requirements.txt", FileAction.Update, "Django>=5.2\n", "Django>=5.2\ngunicorn\n", HoldsSecrets: false)));

        var updated = new UnixFileInfo(project.PathOf("requirements.txt"));
        (updated.OwnerUserId, updated.OwnerGroupId).ShouldBe((65534L, 65534L));
    }

    [Fact]
    public void Every_folder_a_file_was_renamed_into_is_flushed()
    {
        using var project = TempProject.Empty();
        var flushes = new ScriptedFileOperations(stopAt: int.MaxValue, Stop.Die, only: nameof(IFileOperations.SyncFolder));

        new PlanWriter(flushes).Write(Busy(project));

        flushes.Operations.ShouldBe(2, "the project folder and sub/");
    }

    [Fact]
    public void A_copy_aside_that_cannot_be_deleted_afterwards_does_not_fail_the_written_plan()
    {
        using var project = TempProject.Empty();
        var plan = Busy(project);

        new PlanWriter(new ScriptedFileOperations(stopAt: 1, Stop.Fail, only: nameof(IFileOperations.Delete))).Write(plan);

        project.Read("a.txt").ShouldBe("new a\n");
        project.Read("sub/new.txt").ShouldBe("created\n");
    }

    [Fact]
    public void Unchanged_conflicting_and_obsolete_files_are_not_touched()
    {
        using var project = TempProject.Empty();
        project.Write("mine.txt", "the user's\n");
        project.Write("old-host.json", "{}\n");

        Writer.Write(PlanOf(project,
            new PlannedFile("mine.txt", FileAction.Conflict, "the user's\n", "ours\n", HoldsSecrets: false),
            new PlannedFile("same.txt", FileAction.Unchanged, "x\n", "x\n", HoldsSecrets: false),
            new PlannedFile("old-host.json", FileAction.Obsolete, "{}\n", "", HoldsSecrets: false)));

        project.Contents().ShouldBe(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["mine.txt"] = "the user's\n", ["old-host.json"] = "{}\n" });
    }

    [Fact]
    public void A_path_outside_the_project_is_refused()
    {
        using var project = TempProject.Empty();

        Should.Throw<UserError>(() => Writer.Write(PlanOf(project, new PlannedFile("../escape.txt", FileAction.Create, null, "x\n", HoldsSecrets: false))))
            .Message.ShouldContain("not a path inside the project");
        File.Exists(Path.Combine(Path.GetDirectoryName(project.Root)!, "escape.txt")).ShouldBeFalse();
    }

    /// <summary>Real file operations, but the Nth one throws as a full disk would.</summary>
}
