using Scaffolder.Answers;
using Scaffolder.Cli;
using Scaffolder.Detection;
using Scaffolder.Tests.Support;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Tests;

/// <summary>
/// A project one folder below its git repository's root (<c>django-admin startproject mysite</c> without the dot, then
/// <c>git init</c> one level up): the overlay stays beside manage.py, and each host's manifest names the folder where
/// the host builds from the repository's root.
/// </summary>
public class RepositoryLayoutTests
{
    private static readonly ProjectDetector Detector = new("5.2");

    [Fact]
    public void A_project_below_the_repository_root_records_its_folder()
    {
        using var project = TempProject.From("subfolder");

        var detected = Detector.Detect(project.Root);

        detected.Root.ShouldBe(project.PathOf("mysite"));
        detected.RepositoryFolder.ShouldBe("mysite");
    }

    [Fact]
    public void A_project_at_the_repository_root_has_no_folder()
    {
        using var project = TempProject.From("django52").WithGit();

        Detector.Detect(project.Root).RepositoryFolder.ShouldBe("");
    }

    [Fact]
    public void A_project_outside_any_repository_has_no_folder()
    {
        using var project = TempProject.From("django52");

        Detector.Detect(project.Root).RepositoryFolder.ShouldBe("");
    }

    [Fact]
    public void A_project_two_folders_down_records_both_with_forward_slashes()
    {
        using var project = TempProject.Empty().WithGit();
        using var fixture = TempProject.From("django52");
        foreach (var (path, content) in fixture.Contents())
            project.Write($"apps/backend/{path}", content);

        Detector.Detect(project.PathOf("apps/backend")).RepositoryFolder.ShouldBe("apps/backend");
    }

    [Fact]
    public void A_git_file_of_a_worktree_marks_the_repository_root_too()
    {
        using var project = TempProject.From("django52");
        using var outer = TempProject.Empty();
        foreach (var (path, content) in project.Contents())
            outer.Write($"mysite/{path}", content);
        outer.Write(".git", "gitdir: /elsewhere/.git/worktrees/mysite\n");

        Detector.Detect(outer.PathOf("mysite")).RepositoryFolder.ShouldBe("mysite");
    }

    [Fact]
    public void Apply_at_the_repository_root_writes_the_overlay_beside_manage_py()
    {
        using var project = TempProject.From("subfolder");

        var run = CliRun.Of("apply", project.Root, "--host", "render", "--database", "postgres", "--storage", "whitenoise", "--yes");

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Exists("mysite/render.yaml").ShouldBeTrue();
        project.Exists("mysite/Dockerfile").ShouldBeTrue();
        project.Exists("render.yaml").ShouldBeFalse();
        project.Exists("requirements.txt").ShouldBeFalse();
    }

    [Fact]
    public void Render_builds_and_runs_in_the_project_folder()
    {
        var service = RenderService("subfolder");

        service.Children[new YamlScalarNode("rootDir")].ToString().ShouldBe("mysite");
    }

    [Fact]
    public void Render_names_no_folder_for_a_project_at_the_repository_root()
    {
        using var project = TempProject.From("django52").WithGit();
        var overlay = new Scenario("django52", "render", Database.Postgres, Storage.Whitenoise).Render(project);

        overlay.Files.Single(file => file.Path == "render.yaml").Content.ShouldNotContain("rootDir");
    }

    [Fact]
    public void Render_is_told_where_the_blueprint_is()
    {
        using var project = TempProject.From("subfolder");

        var overlay = new Scenario("subfolder", "render", Database.Postgres, Storage.Whitenoise).Render(project);

        overlay.NextSteps.ShouldContain("Blueprint path to\n  mysite/render.yaml");
    }

    [Fact]
    public void Heroku_is_pushed_the_project_folder_as_the_root_it_builds()
    {
        using var project = TempProject.From("subfolder");

        var overlay = new Scenario("subfolder", "heroku", Database.Postgres, Storage.Whitenoise).Render(project);

        overlay.NextSteps.ShouldContain("subtree push --prefix mysite heroku main");
        overlay.NextSteps.ShouldNotContain("git push heroku HEAD:main");
        overlay.Files.Select(file => file.Path).ShouldContain("Procfile");
        overlay.Files.Select(file => file.Path).ShouldContain("app.json");
    }

    [Fact]
    public void DigitalOcean_builds_the_image_from_the_project_folder()
    {
        using var project = TempProject.From("subfolder");

        var overlay = new Scenario("subfolder", "digitalocean", Database.Postgres, Storage.Whitenoise).Render(project);

        var spec = overlay.Files.Single(file => file.Path == ".do/app.yaml").Content;
        spec.ShouldContain("source_dir: mysite");
        spec.ShouldContain("dockerfile_path: mysite/Dockerfile");
        spec.ShouldNotContain("dockerfile_path: Dockerfile");
    }

    [Fact]
    public void Railway_deploys_from_GitHub_are_pointed_at_the_folder_and_its_config_file()
    {
        using var project = TempProject.From("subfolder");

        var overlay = new Scenario("subfolder", "railway", Database.Postgres, Storage.Whitenoise).Render(project);

        overlay.NextSteps.ShouldContain("Root Directory to\n  /mysite and its config file path to /mysite/railway.json");
    }

    [Fact]
    public void Compose_builds_the_folder_that_holds_the_Dockerfile()
    {
        using var project = TempProject.From("subfolder");

        var overlay = new Scenario("subfolder", "docker", Database.Postgres, Storage.Whitenoise).Render(project);

        var paths = overlay.Files.Select(file => file.Path).ToList();
        paths.ShouldContain("Dockerfile");
        paths.ShouldContain("compose.yaml");
        overlay.Files.Single(file => file.Path == "compose.yaml").Content.ShouldContain("build: .");
    }

    [Fact]
    public void Every_host_tells_a_project_below_the_repository_root_where_to_run_its_commands()
    {
        foreach (var host in Scenario.Catalog.Hosts)
        {
            using var project = TempProject.From("subfolder");

            var overlay = new Scenario("subfolder", host.Name, Database.Postgres, Storage.Whitenoise).Render(project);

            overlay.NextSteps.ShouldStartWith("The project is in mysite/ of its git repository", customMessage: host.Name);
        }
    }

    private static YamlMappingNode RenderService(string fixture)
    {
        using var project = TempProject.From(fixture);
        var overlay = new Scenario(fixture, "render", Database.Postgres, Storage.Whitenoise).Render(project);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(overlay.Files.Single(file => file.Path == "render.yaml").Content));
        var services = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        return (YamlMappingNode)services.Children[0];
    }
}
