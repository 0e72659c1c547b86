using Scaffolder.Cli;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>A host that builds from the repository must be able to build the project's dependency manager.</summary>
public class HostBuildTests
{
    private static string[] On(string host) => ["--host", host, "--database", "postgres", "--storage", "whitenoise", "--yes"];

    [Fact]
    public void Heroku_refuses_an_exported_requirements_file_beside_the_lock_naming_the_one_to_delete()
    {
        using var project = TempProject.From("uv");
        project.Write("requirements.txt", "django==5.2.8\n");
        var before = project.Contents();

        var run = CliRun.Of(["apply", project.Root, .. On("heroku")]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe("error: Heroku's build refuses a repository with both uv.lock and requirements.txt; the project uses uv: "
            + "delete requirements.txt (or stop committing it) (or pass --force to proceed anyway)" + Environment.NewLine);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void A_requirements_file_beside_the_lock_is_no_obstacle_where_the_dockerfile_is_built()
    {
        using var project = TempProject.From("uv");
        project.Write("requirements.txt", "django==5.2.8\n");

        var run = CliRun.Of(["apply", project.Root, .. On("fly"), "--dry-run"]);

        run.ExitCode.ShouldNotBe(ExitCode.BadInput, run.Error);
    }

    [Theory]
    [InlineData("heroku", "Heroku")]
    [InlineData("render", "Render")]
    public void A_manager_the_hosts_own_build_does_not_handle_is_refused_with_the_way_out(string host, string label)
    {
        using var project = TempProject.From("pdm");
        var before = project.Contents();

        var run = CliRun.Of(["apply", project.Root, .. On(host)]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldStartWith($"error: {label}'s own build installs uv, Poetry, Pipenv, pip projects, not PDM; choose --packages with one of those (or a host that builds the Dockerfile)");
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void A_pip_project_declared_only_in_pyproject_is_refused_where_the_build_reads_requirements()
    {
        using var project = TempProject.From("pep621");

        var run = CliRun.Of(["apply", project.Root, .. On("heroku")]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldStartWith("error: Heroku's own build installs pip projects from requirements.txt, and this one declares its packages in pyproject.toml;");
    }
}
