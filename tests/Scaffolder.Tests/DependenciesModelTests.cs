using Scaffolder.Answers;
using Scaffolder.Detection;
using Scaffolder.Rendering;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>What the templates are told about the packages: the file that declares them, the lock and the command that makes it.</summary>
public class DependenciesModelTests
{
    [Theory]
    [InlineData("uv", PackageManager.Uv, "pyproject", "pyproject.toml", "uv.lock", "uv lock", "", false)]
    [InlineData("poetry1", PackageManager.Poetry, "pyproject", "pyproject.toml", "poetry.lock", "poetry lock", "", true)]
    [InlineData("poetry2", PackageManager.Poetry, "pyproject", "pyproject.toml", "poetry.lock", "poetry lock", "", false)]
    [InlineData("pipenv", PackageManager.Pipenv, "pipfile", "Pipfile", "Pipfile.lock", "pipenv lock", "", false)]
    [InlineData("pdm", PackageManager.Pdm, "pyproject", "pyproject.toml", "pdm.lock", "pdm lock", "", false)]
    [InlineData("pep621", PackageManager.Pip, "pyproject", "pyproject.toml", "", "", "", false)]
    [InlineData("pip-tools", PackageManager.Pip, "requirements", "requirements.in", "requirements.txt", "pip-compile requirements.in", "requirements.txt", false)]
    [InlineData("requirements-includes", PackageManager.Pip, "requirements", "requirements.txt", "", "", "requirements.txt requirements/production.txt requirements/base.txt", false)]
    [InlineData("django52", PackageManager.Pip, "requirements", "requirements.txt", "", "", "requirements.txt", false)]
    public void The_packages_are_declared_and_locked_where_the_manager_keeps_them(
        string fixture, PackageManager manager, string declaredIn, string file, string lockFile, string lockCommand, string requirementFiles, bool poetryTable)
    {
        using var project = TempProject.From(fixture);
        var detected = new ProjectDetector(Scenario.Catalog).Detect(project.Root);
        var answers = new ProjectAnswers("docker", Database.Postgres, Storage.Whitenoise, Server.Gunicorn, "3.13", manager);

        var dependencies = TemplateModelFactory.DependenciesOf(Scenario.Catalog, detected, answers);

        (dependencies.DeclaredIn, dependencies.File, dependencies.Lock, dependencies.LockCommand).ShouldBe((declaredIn, file, lockFile, lockCommand));
        string.Join(' ', dependencies.RequirementFiles).ShouldBe(requirementFiles);
        dependencies.PoetryTable.ShouldBe(poetryTable);
    }
}
