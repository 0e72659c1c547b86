using Scaffolder.Planning;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>Every write stays inside the project: no absolute path, no "..", no symlink that leads out.</summary>
public class PathGuardTests
{
    [Fact]
    public void A_path_inside_the_project_resolves_below_its_root()
    {
        using var project = TempProject.Empty();

        PathGuard.Resolve(project.Root, "mysite/settings_production.py").ShouldBe(project.PathOf("mysite/settings_production.py"));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.txt")]
    [InlineData("mysite/../../outside.txt")]
    [InlineData("mysite\\..\\..\\outside.txt")]
    [InlineData("")]
    public void A_path_that_is_not_inside_the_project_is_refused(string relative)
    {
        using var project = TempProject.Empty();

        Should.Throw<UserError>(() => PathGuard.Resolve(project.Root, relative))
            .Message.ShouldBe($"refusing to write '{relative}': it is not a path inside the project");
    }

    [Fact]
    public void A_folder_symlinked_out_of_the_project_is_refused_naming_where_it_leads()
    {
        using var project = TempProject.Empty();
        using var outside = TempProject.Empty();
        Directory.CreateSymbolicLink(project.PathOf("deploy"), outside.Root);

        Should.Throw<UserError>(() => PathGuard.Resolve(project.Root, "deploy/app.yaml"))
            .Message.ShouldBe($"refusing to write 'deploy/app.yaml': a symlink leads it out of the project, to {outside.PathOf("app.yaml")}");
    }

    [Fact]
    public void A_dangling_symlink_out_of_the_project_is_refused_since_writing_would_create_its_target()
    {
        using var project = TempProject.Empty();
        using var outside = TempProject.Empty();
        File.CreateSymbolicLink(project.PathOf("Procfile"), outside.PathOf("Procfile"));

        Should.Throw<UserError>(() => PathGuard.Resolve(project.Root, "Procfile"))
            .Message.ShouldBe($"refusing to write 'Procfile': a symlink leads it out of the project, to {outside.PathOf("Procfile")}");
    }

    [Fact]
    public void A_symlink_that_stays_inside_the_project_is_allowed()
    {
        using var project = TempProject.Empty();
        Directory.CreateDirectory(project.PathOf("config"));
        Directory.CreateSymbolicLink(project.PathOf("mysite"), project.PathOf("config"));

        PathGuard.Resolve(project.Root, "mysite/settings_production.py").ShouldBe(project.PathOf("mysite/settings_production.py"));
    }

    [Fact]
    public void A_project_reached_through_a_symlink_is_still_its_own_inside()
    {
        using var project = TempProject.Empty();
        using var links = TempProject.Empty();
        Directory.CreateSymbolicLink(links.PathOf("project"), project.Root);

        PathGuard.Resolve(links.PathOf("project"), "Procfile").ShouldBe(links.PathOf("project/Procfile"));
    }
}
