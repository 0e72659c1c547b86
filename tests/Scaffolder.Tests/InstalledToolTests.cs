using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The tool as users get it: packed, installed with `dotnet tool install`, run on fixture projects.</summary>
[Collection(InstalledTool.Collection)]
public sealed class InstalledToolTests(InstalledTool tool)
{
    [Fact]
    public void Packed_and_installed_tool_applies_the_overlay_to_a_project()
    {
        using var project = TempProject.From("django52");

        var run = tool.Run("apply", project.Root, "--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("mysite/settings_production.py");
        project.Read("Procfile").ShouldStartWith("release: python manage.py migrate --noinput");
        project.Exists("app.json").ShouldBeTrue();
    }

    [Fact]
    public void On_linux_x64_the_installed_command_is_a_native_aot_binary_with_its_native_library_beside_it()
    {
        Assert.SkipUnless(InstalledTool.BuildsNativeAot, "Native AOT packages are made on linux-x64 only");
        var program = tool.Program;
        var folder = program.Directory!;

        program.Name.ShouldBe("scaffolder");
        File.ReadAllBytes(program.FullName)[..4].ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' });
        folder.GetFiles("*.dll").ShouldBeEmpty("a Native AOT tool carries no managed assemblies");
        folder.GetFiles("libcoreclr.so").ShouldBeEmpty("a Native AOT tool carries no runtime");
        folder.GetFiles("libMono.Unix.so").ShouldHaveSingleItem("Mono.Unix calls into its own native library");
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void The_installed_tool_writes_what_the_tool_in_process_writes(string scenarioName)
    {
        var scenario = Scenario.Named(scenarioName);
        using var installed = TempProject.From(scenario.Fixture);
        using var inProcess = TempProject.From(scenario.Fixture);

        var run = tool.Run(["apply", installed.Root, .. scenario.Flags]);
        var reference = CliRun.Of(["apply", inProcess.Root, .. scenario.Flags]);

        run.ExitCode.ShouldBe((int)reference.ExitCode, run.Error);
        ShouldHoldTheSameFiles(scenario, installed, inProcess);
    }

    /// <summary>
    /// Two copies of a fixture the same scenario was applied to hold the same files, but for the secrets: .env, and a
    /// host's own files that hold secrets, hold fresh secrets on every apply: the same keys, other values.
    /// </summary>
    internal static void ShouldHoldTheSameFiles(Scenario scenario, TempProject actual, TempProject reference)
    {
        var written = WithoutGit(actual.Contents());
        var expected = WithoutGit(reference.Contents());
        // The secret files sit beside manage.py, which may be a folder below the fixture's root (the repository's).
        var folder = ProjectFolder(expected);
        var secretFiles = Scenario.Catalog.Files.Concat(Scenario.Catalog.Host(scenario.Host).Files).Where(file => file.Private).Select(file => folder + file.Path);
        foreach (var path in secretFiles)
        {
            Keys(written[path]).ShouldBe(Keys(expected[path]));
            written.Remove(path);
            expected.Remove(path);
        }
        written.ShouldBe(expected);
    }

    /// <summary>The folder of manage.py, relative to the fixture's root, with its slash ("" at the root).</summary>
    internal static string ProjectFolder(IDictionary<string, string> contents) =>
        contents.Keys.Single(path => path == "manage.py" || path.EndsWith("/manage.py", StringComparison.Ordinal))[..^"manage.py".Length];

    // A fixture made a git repository holds git's own files, which record when they were written.
    private static SortedDictionary<string, string> WithoutGit(SortedDictionary<string, string> contents) =>
        new(contents.Where(entry => !entry.Key.StartsWith(".git/", StringComparison.Ordinal)).ToDictionary(), StringComparer.Ordinal);

    private static IEnumerable<string> Keys(string env) => env.Split('\n').Select(line => line.Split('=')[0]);
}
