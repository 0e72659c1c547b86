using System.Runtime.Versioning;
using Mono.Unix;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// Files keep whose they are and how readable: the user's umask for new files, the existing mode and owner otherwise.
/// Run through the installed tool (on linux-x64 the Native AOT binary, which calls Mono.Unix's native library).
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(InstalledTool.Collection)]
public class FileModeTests(InstalledTool tool)
{
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    [Fact]
    public void New_files_respect_the_umask_and_env_stays_owner_only()
    {
        using var project = TempProject.From("django52");

        var run = Unprivileged.RunToolWithUmask(tool.Command, "077", ["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(0, run.Error);
        File.GetUnixFileMode(project.PathOf("Dockerfile")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(project.PathOf(".env")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Under_the_usual_umask_new_files_are_readable_by_all_but_env()
    {
        using var project = TempProject.From("django52");

        var run = Unprivileged.RunToolWithUmask(tool.Command, "022", ["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(0, run.Error);
        File.GetUnixFileMode(project.PathOf("Dockerfile")).ShouldBe((UnixFileMode)0b110_100_100);
        File.GetUnixFileMode(project.PathOf(".env")).ShouldBe((UnixFileMode)0b110_000_000);
    }

    [Fact]
    public void An_existing_env_readable_by_others_is_made_owner_only_when_secrets_are_merged_in()
    {
        using var project = TempProject.From("django52");
        project.Write(".env", "DJANGO_DEBUG=on\n");
        File.SetUnixFileMode(project.PathOf(".env"), (UnixFileMode)0b110_100_100);

        var run = tool.Run(["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(0, run.Error);

        File.GetUnixFileMode(project.PathOf(".env")).ShouldBe((UnixFileMode)0b110_000_000);
        project.Read(".env").ShouldStartWith("DJANGO_DEBUG=on\n");
    }

    [Fact]
    public void An_existing_file_keeps_its_mode()
    {
        using var project = TempProject.From("django52");
        project.Write("requirements.txt", "Django>=5.2\n");
        File.SetUnixFileMode(project.PathOf("requirements.txt"), (UnixFileMode)0b110_110_000);

        var run = tool.Run(["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(0, run.Error);

        File.GetUnixFileMode(project.PathOf("requirements.txt")).ShouldBe((UnixFileMode)0b110_110_000);
        project.Read("requirements.txt").ShouldContain("gunicorn==");
    }

    [Fact]
    public void As_root_an_updated_file_keeps_its_owner()
    {
        Assert.SkipUnless(Environment.UserName == "root", "changing a file's owner needs root");
        using var project = TempProject.From("django52");
        project.Write("requirements.txt", "Django>=5.2\n");
        new UnixFileInfo(project.PathOf("requirements.txt")).SetOwner(65534, 65534);

        var run = tool.Run(["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(0, run.Error);

        var updated = new UnixFileInfo(project.PathOf("requirements.txt"));
        (updated.OwnerUserId, updated.OwnerGroupId).ShouldBe((65534L, 65534L));
        project.Read("requirements.txt").ShouldContain("gunicorn==");
    }

    [Fact]
    public void A_file_of_another_user_in_a_writable_folder_is_refused_rather_than_taken_over()
    {
        Assert.SkipUnless(Environment.UserName == "root", "needs a second user: runs the tool as nobody through setpriv");
        using var project = TempProject.From("django52");
        project.Write("requirements.txt", "Django>=5.2\n");
        File.SetUnixFileMode(project.PathOf("requirements.txt"), (UnixFileMode)0b110_110_110);
        new UnixFileInfo(project.Root).SetOwner(65534, 65534);
        foreach (var file in Directory.EnumerateFileSystemEntries(project.Root, "*", SearchOption.AllDirectories).Where(path => !path.EndsWith("requirements.txt")))
            new UnixFileInfo(file).SetOwner(65534, 65534);

        var run = Unprivileged.RunTool(tool.Command, project, readable: true, ["apply", project.Root, .. Heroku], lockFolder: false);

        run.ExitCode.ShouldBe(2, run.Output + run.Error);
        run.Error.ShouldContain("requirements.txt belongs to another user (uid 0)");
        new UnixFileInfo(project.PathOf("requirements.txt")).OwnerUserId.ShouldBe(0);
        project.Read("requirements.txt").ShouldBe("Django>=5.2\n");
    }
}
