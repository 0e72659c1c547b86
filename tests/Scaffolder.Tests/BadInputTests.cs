using System.Runtime.Versioning;
using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>Each bad input gets one clear line, exit code 2, and leaves every file as it was.</summary>
public class BadInputTests
{
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    [Theory]
    [InlineData("DATABASES = {\n    'default': {'ENGINE': 'x',\n}\n", "line 1: '{' is never closed")]
    [InlineData("SECRET_KEY = 'abc\nDEBUG = True\n", "line 1: a string that never ends")]
    [InlineData("ALLOWED_HOSTS = []]\n", "line 1: ']' closes nothing that is open")]
    public void Settings_that_do_not_parse_as_python_are_refused_with_the_line(string brokenTail, string problem)
    {
        using var project = TempProject.From("django52");
        project.Write("mysite/settings.py", project.Read("mysite/settings.py") + brokenTail);
        var lines = project.Read("mysite/settings.py").Split('\n').Length;
        var before = project.Contents();

        var run = CliRun.Of(["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        var brokenAt = lines - brokenTail.Split('\n').Length + 1;
        run.Error.ShouldStartWith($"error: mysite/settings.py does not parse as Python ({problem.Replace("line 1", $"line {brokenAt}")})");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_read_only_project_folder_is_refused_and_nothing_changes()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = Unprivileged.RunTool(ToolCommand.Built, project, readable: true, ["apply", project.Root, .. Heroku]);

        ((ExitCode)run.ExitCode).ShouldBe(ExitCode.BadInput, run.Output + run.Error);
        run.Error.ShouldStartWith($"error: cannot write in {project.Root}");
        run.Error.ShouldContain("nothing was changed");
        run.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void An_unreadable_project_folder_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        using var project = TempProject.From("django52");
        var before = project.Contents();

        var run = Unprivileged.RunTool(ToolCommand.Built, project, readable: false, ["apply", project.Root, .. Heroku]);

        ((ExitCode)run.ExitCode).ShouldBe(ExitCode.BadInput, run.Output + run.Error);
        run.Error.ShouldStartWith("error: ");
        run.Error.ShouldContain("permission", Case.Insensitive);
        run.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Requirements_with_includes_editables_markers_hashes_and_crlf_are_kept_intact()
    {
        using var project = TempProject.From("django52");
        var requirements = string.Join("\r\n",
            "-r requirements/base.txt",
            "-e git+https://github.com/example/widgets.git#egg=widgets",
            "gunicorn==23.0.0 \\",
            "    --hash=sha256:0123456789abcdef",
            "pywin32==306; sys_platform == 'win32'",
            "Django==5.2.17  # pinned",
            "");
        project.Write("requirements.txt", requirements);

        var run = CliRun.Of(["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        var merged = project.Read("requirements.txt");
        merged.ShouldStartWith(requirements);
        merged[requirements.Length..].ShouldBe("\r\ndjango-environ==0.14.0\r\npsycopg[binary]==3.3.9\r\nwhitenoise==6.12.0\r\n");
    }

    [Fact]
    public void A_project_path_that_is_a_file_is_refused()
    {
        using var project = TempProject.From("django52");

        var run = CliRun.Of(["apply", project.PathOf("manage.py"), .. Heroku]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe($"error: {project.PathOf("manage.py")} is a file; pass the folder that holds manage.py{Environment.NewLine}");
    }
}

/// <summary>
/// Runs the built tool as a user who may not write (or not even read) the project, as a real permission problem:
/// as root, through setpriv as nobody; otherwise by taking the permissions away from the folder.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class Unprivileged
{
    /// <summary>Runs the tool in a shell that sets the umask first, as a user's login shell does.</summary>
    public static ProcessResult RunToolWithUmask(ToolCommand tool, string umask, string[] arguments) =>
        ProcessRunner.Run("sh", ["-c", $"umask {umask} && exec \"$0\" \"$@\"", tool.FileName, .. tool.Prefix, .. arguments]);

    public static ProcessResult RunTool(ToolCommand tool, TempProject project, bool readable, string[] arguments, bool lockFolder = true)
    {
        var isRoot = Environment.UserName == "root";
        var locked = readable ? (UnixFileMode)0b101_101_101 : isRoot ? (UnixFileMode)0b111_000_000 : UnixFileMode.None;
        var original = File.GetUnixFileMode(project.Root);
        File.SetUnixFileMode(project.Root, !lockFolder || (isRoot && readable) ? original : locked);
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = Path.GetTempPath(), ["DOTNET_CLI_HOME"] = Path.GetTempPath() };
            return isRoot
                ? ProcessRunner.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", tool.FileName, .. tool.Prefix, .. arguments], environment: environment)
                : ProcessRunner.Run(tool.FileName, [.. tool.Prefix, .. arguments], environment: environment);
        }
        finally
        {
            File.SetUnixFileMode(project.Root, original);
        }
    }
}
