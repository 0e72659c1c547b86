using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The tool as users get it: packed, installed with `dotnet tool install`, run on a fixture project.</summary>
public sealed class InstalledToolTests : IDisposable
{
    // A version of its own, so that no package cached by an earlier run stands in for this build.
    private readonly string _version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    private readonly TempProject _work = TempProject.Empty();

    [Fact]
    public void Packed_and_installed_tool_applies_the_overlay_to_a_project()
    {
        var packages = _work.PathOf("packages");
        var tools = _work.PathOf("tools");
        Dotnet("pack", Path.Combine(RepositoryRoot.Path, "src", "Scaffolder"), "-c", "Release", "-o", packages, $"-p:Version={_version}");
        Dotnet("tool", "install", "Scaffolder", "--version", _version, "--tool-path", tools, "--add-source", packages);
        using var project = TempProject.From("django52");

        var run = ProcessRunner.Run(Path.Combine(tools, "scaffolder"),
            ["apply", project.Root, "--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"],
            timeout: TimeSpan.FromMinutes(1));

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("mysite/settings_production.py");
        project.Read("Procfile").ShouldStartWith("release: python manage.py migrate --noinput");
        project.Exists("app.json").ShouldBeTrue();
    }

    private void Dotnet(params string[] arguments)
    {
        var result = ProcessRunner.Run("dotnet", arguments, workingDirectory: _work.Root, timeout: TimeSpan.FromMinutes(5));
        result.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)}\n{result.Output}\n{result.Error}");
    }

    public void Dispose()
    {
        _work.Dispose();
        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "scaffolder", _version);
        if (Directory.Exists(cached))
            Directory.Delete(cached, recursive: true);
    }
}
