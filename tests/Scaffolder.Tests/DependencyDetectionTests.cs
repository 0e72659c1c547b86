using Scaffolder.Answers;
using Scaffolder.Dependencies;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>What the files at a project's root say of its dependencies: which manager, which packages, which Python.</summary>
public class DependencyDetectionTests
{
    private static ProjectDependencies Detect(TempProject project) => new DependencyDetector(Scenario.Catalog).Detect(project.Root);

    [Fact]
    public void Pyproject_project_dependencies_are_declared_packages()
    {
        using var project = TempProject.Empty();
        project.Write("pyproject.toml", "[project]\nname = \"mysite\"\ndependencies = [\"Django>=5.2,<6\", \"sqlparse\"]\n");

        var found = Detect(project);

        found.Declared.ShouldBe(["Django>=5.2,<6", "sqlparse"]);
        found.Pyproject.ShouldBe(PyprojectShape.ProjectTable);
        found.Found.ShouldBe([new ManagerEvidence(PackageManager.Pip, "pyproject.toml [project] dependencies", Locked: false)]);
    }

    [Fact]
    public void Poetry_and_pipfile_tables_are_declared_as_name_and_constraint()
    {
        using var project = TempProject.Empty();
        project.Write("pyproject.toml", "[tool.poetry]\nname = \"mysite\"\n\n[tool.poetry.dependencies]\npython = \"^3.12\"\nDjango = \"^5.2\"\nlocal = { path = \"./local\" }\n");
        project.Write("Pipfile", "[packages]\nwhitenoise = \"==6.9.0\"\n\n[dev-packages]\npytest = \"*\"\n");

        var found = Detect(project);

        found.Declared.ShouldBe(["python^3.12", "Django^5.2", "local", "whitenoise==6.9.0"]);
        found.Pyproject.ShouldBe(PyprojectShape.PoetryTable);
    }

    [Fact]
    public void A_pyproject_without_dependencies_declares_none()
    {
        using var project = TempProject.Empty();
        project.Write("pyproject.toml", "[tool.ruff]\nline-length = 100\n");

        var found = Detect(project);

        found.Pyproject.ShouldBe(PyprojectShape.NoDependencies);
        found.Declared.ShouldBeEmpty();
        found.Found.ShouldBeEmpty();
    }

    [Fact]
    public void Included_requirement_files_are_read_once_each_and_never_outside_the_project()
    {
        using var project = TempProject.Empty();
        project.Write("requirements.txt", "-r requirements/base.txt\n-r ../outside.txt\ngunicorn\n");
        project.Write("requirements/base.txt", "-r ../requirements.txt\n--requirement common.txt\ndjango\n");
        project.Write("requirements/common.txt", "-r base.txt\nsqlparse\n");

        Detect(project).RequirementFiles.ShouldBe(["requirements.txt", "requirements/base.txt", "requirements/common.txt"]);
    }

    [Fact]
    public void The_python_version_file_gives_its_first_line_that_is_not_a_comment()
    {
        using var project = TempProject.Empty();
        project.Write(".python-version", "# the team's Python\n\n  3.13.1  \n3.12\n");

        Detect(project).Python.ShouldBe([new PythonConstraint(".python-version", "3.13.1")]);
    }

    [Fact]
    public void A_pipfile_without_python_version_gives_its_full_version()
    {
        using var project = TempProject.Empty();
        project.Write("Pipfile", "[packages]\ndjango = \"*\"\n\n[requires]\npython_full_version = \"3.12.4\"\n");

        Detect(project).Python.ShouldBe([new PythonConstraint("Pipfile python_full_version", "3.12.4")]);
    }
}
