using System.Runtime.Versioning;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// The installed tool (on linux-x64 the Native AOT binary) in a real terminal (a pseudo-terminal made by
/// util-linux's script), as a user at the keyboard.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(InstalledTool.Collection)]
public class TerminalTests(InstalledTool tool)
{
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";

    [Fact]
    public void Ctrl_c_in_a_menu_exits_130_changes_nothing_and_gives_the_cursor_back()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/script"), "needs util-linux's script for a pseudo-terminal");
        using var project = TempProject.From("django52");
        var before = project.Contents();

        // The menu is up well before the Ctrl-C (0x03) arrives; the terminal turns it into SIGINT.
        var run = ProcessRunner.Run("sh",
            ["-c", "(sleep 3; printf '\\003') | script -qfec \"$0 apply $1\" /dev/null", tool.Path, project.Root],
            timeout: TimeSpan.FromSeconds(60));

        run.ExitCode.ShouldBe(130, run.Output);
        run.Output.ShouldContain("Where will it run?");
        run.Output.LastIndexOf(ShowCursor, StringComparison.Ordinal)
            .ShouldBeGreaterThan(run.Output.LastIndexOf(HideCursor, StringComparison.Ordinal), "the cursor is left hidden");
        project.Contents().ShouldBe(before);
    }
}
