using Scaffolder.Planning;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

public class PlanWriterTests
{
    [Fact]
    public void A_write_that_fails_part_way_leaves_every_file_as_it_was()
    {
        using var project = TempProject.Empty();
        project.Write("first.txt", "old\n");
        project.Write("blocked", "a file where a folder would have to be\n");
        var before = project.Contents();
        var plan = new Plan(project.Root,
        [
            new PlannedFile("first.txt", FileAction.Update, "old\n", "new\n", Private: false),
            new PlannedFile("blocked/second.txt", FileAction.Create, null, "new\n", Private: false),
        ]);

        Should.Throw<UserError>(() => PlanWriter.Write(plan)).Message.ShouldContain("cannot write in");

        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Updating_a_file_keeps_its_mode()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var project = TempProject.Empty();
        project.Write("run.sh", "old\n");
        const UnixFileMode executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(project.PathOf("run.sh"), executable);

        PlanWriter.Write(new Plan(project.Root, [new PlannedFile("run.sh", FileAction.Update, "old\n", "new\n", Private: false)]));

        project.Read("run.sh").ShouldBe("new\n");
        File.GetUnixFileMode(project.PathOf("run.sh")).ShouldBe(executable);
    }

    [Fact]
    public void Unchanged_and_conflicting_files_are_not_touched()
    {
        using var project = TempProject.Empty();
        project.Write("mine.txt", "the user's\n");

        PlanWriter.Write(new Plan(project.Root,
        [
            new PlannedFile("mine.txt", FileAction.Conflict, "the user's\n", "ours\n", Private: false),
            new PlannedFile("same.txt", FileAction.Unchanged, "x\n", "x\n", Private: false),
        ]));

        project.Contents().ShouldBe(new Dictionary<string, string> { ["mine.txt"] = "the user's\n" });
    }
}
