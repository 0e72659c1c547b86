using Scaffolder.Cli;
using Scaffolder.Dependencies;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The Python answer defaults to what the project's files allow; a user's .python-version is never rewritten.</summary>
public class PythonVersionTests
{
    private static readonly string[] Heroku = ["--host", "heroku", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    [Theory]
    [InlineData(".python-version", "3.13", "3.13", true)]
    [InlineData(".python-version", "3.13.1", "3.13", true)]
    [InlineData(".python-version", "cpython-3.12", "3.13", false)]
    [InlineData("pyproject.toml requires-python", ">=3.12", "3.14", true)]
    [InlineData("pyproject.toml requires-python", ">=3.12,<3.14", "3.14", false)]
    [InlineData("pyproject.toml requires-python", ">=3.12,<3.14", "3.13", true)]
    [InlineData("pyproject.toml requires-python", "==3.13.*", "3.13", true)]
    [InlineData("pyproject.toml requires-python", "==3.13.*", "3.12", false)]
    [InlineData("pyproject.toml requires-python", "~=3.12", "3.14", true)]
    [InlineData("pyproject.toml requires-python", ">=3.12.4", "3.12", true)]
    [InlineData("pyproject.toml requires-python", "!=3.13.*,>=3.12", "3.13", false)]
    [InlineData("pyproject.toml [tool.poetry.dependencies] python", "^3.12", "3.14", true)]
    [InlineData("pyproject.toml [tool.poetry.dependencies] python", "~3.12", "3.13", false)]
    [InlineData("pyproject.toml [tool.poetry.dependencies] python", ">=3.10 <3.13", "3.13", false)]
    [InlineData("pyproject.toml [tool.poetry.dependencies] python", "3.11.* || 3.12.*", "3.12", true)]
    [InlineData("Pipfile python_version", "3.12", "3.12", true)]
    [InlineData("Pipfile python_version", "3.12", "3.13", false)]
    public void A_constraint_allows_a_release_line_when_one_of_its_releases_satisfies_it(string source, string text, string line, bool allowed)
    {
        PythonSpecifier.Allows(new PythonConstraint(source, text), line).ShouldBe(allowed);
    }

    private const string RequiresPython = "pyproject.toml requires-python";
    private const string Poetry = "pyproject.toml [tool.poetry.dependencies] python";

    [Theory]
    [InlineData(RequiresPython, "3.12", "3.12", true)]
    [InlineData(RequiresPython, "3.12", "3.13", false)]
    [InlineData(RequiresPython, "3.13.*", "3.12", false)]
    [InlineData(RequiresPython, "==3.13", "3.13", true)]
    [InlineData(RequiresPython, "==3.13", "3.12", false)]
    [InlineData(RequiresPython, "===3.13.2", "3.13", true)]
    [InlineData(RequiresPython, "===3.13.2", "3.14", false)]
    [InlineData(RequiresPython, "==3.*", "3.13", true)]
    [InlineData(RequiresPython, "==3.*", "4.0", false)]
    [InlineData(RequiresPython, "!=3.13", "3.13", true)]
    [InlineData(RequiresPython, "!=3.13.0", "3.13", true)]
    [InlineData(RequiresPython, ">=3.12.99", "3.12", true)]
    [InlineData(RequiresPython, ">=3.12.0.1", "3.12", true)]
    [InlineData(RequiresPython, ">=3.13", "3.12", false)]
    [InlineData(RequiresPython, ">3.12", "3.12", true)]
    [InlineData(RequiresPython, ">3.12.99", "3.12", false)]
    [InlineData(RequiresPython, ">3.12.98", "3.12", true)]
    [InlineData(RequiresPython, "<=3.13.0", "3.13", true)]
    [InlineData(RequiresPython, "<=3.12", "3.13", false)]
    [InlineData(RequiresPython, "<3.13.0", "3.13", false)]
    [InlineData(RequiresPython, "<3.13.1", "3.13", true)]
    [InlineData(RequiresPython, "<3.14", "3.13", true)]
    [InlineData(RequiresPython, "~=3.12.5", "3.12", true)]
    [InlineData(RequiresPython, "~=3.12.5", "3.13", false)]
    [InlineData(RequiresPython, "~=3.12", "3.11", false)]
    [InlineData(RequiresPython, ">= 3.12, < 3.14", "3.11", false)]
    [InlineData(RequiresPython, ">= 3.12, < 3.14", "3.12", true)]
    [InlineData(RequiresPython, ">= 3.12, < 3.14", "3.14", false)]
    [InlineData(RequiresPython, ">=3.12.0rc1", "3.11", true)]
    [InlineData(RequiresPython, "*", "3.13", true)]
    [InlineData(Poetry, "^3.12", "4.0", false)]
    [InlineData(Poetry, "^3.12.5", "3.12", true)]
    [InlineData(Poetry, "^3.12.5", "3.11", false)]
    [InlineData(Poetry, "^0.2", "0.2", true)]
    [InlineData(Poetry, "^0.2", "0.3", false)]
    [InlineData(Poetry, "^0", "0.9", true)]
    [InlineData(Poetry, "~3.12.5", "3.12", true)]
    [InlineData(Poetry, "~3.12.5", "3.13", false)]
    [InlineData(Poetry, "~3", "3.13", true)]
    [InlineData(Poetry, "~3", "4.0", false)]
    [InlineData(Poetry, "3.11.* || 3.12.*", "3.13", false)]
    [InlineData(".python-version", "python3.12", "3.12", true)]
    [InlineData(".python-version", "system", "3.13", true)]
    [InlineData("Pipfile python_full_version", "3.12.4", "3.13", false)]
    public void Each_operator_holds_at_its_boundary(string source, string text, string line, bool allowed)
    {
        PythonSpecifier.Allows(new PythonConstraint(source, text), line).ShouldBe(allowed);
    }

    [Theory]
    [InlineData("uv", "3.13", ".python-version 3.13, pyproject.toml requires-python >=3.12")]
    [InlineData("poetry2", "3.13", "pyproject.toml requires-python >=3.12,<3.14")]
    [InlineData("pipenv", "3.12", "Pipfile python_version 3.12")]
    [InlineData("pdm", "3.13", "pyproject.toml requires-python ==3.13.*")]
    [InlineData("poetry1", "3.14", "pyproject.toml [tool.poetry.dependencies] python ^3.12")]
    public void The_default_python_is_the_newest_the_files_and_django_allow(string fixture, string python, string sources)
    {
        using var project = TempProject.From(fixture);

        var run = CliRun.Of(["apply", project.Root, "--host", "docker", "--database", "postgres", "--storage", "whitenoise", "--yes", "--dry-run"]);

        run.Output.ShouldContain($"python: {python} (the newest that {sources} and Django 5.2 allow; --python to choose)");
        run.Output.ShouldContain($"FROM python:{python}-slim AS build");
    }

    [Fact]
    public void A_users_python_version_file_is_kept_and_read_never_reported_as_a_conflict()
    {
        using var project = TempProject.From("uv");

        var run = CliRun.Of(["apply", project.Root, .. Heroku]);

        run.Output.ShouldNotContain("conflict");
        project.Read(".python-version").ShouldBe("3.13\n");
        project.Exists(".python-version.scaffolder-new").ShouldBeFalse();
        project.Read(".scaffolder.json").ShouldContain("\"python\": \"3.13\"");
        project.Read(".scaffolder.json").ShouldNotContain("\".python-version\"");
    }

    [Fact]
    public void A_python_flag_the_users_python_version_excludes_is_refused_and_nothing_is_written()
    {
        using var project = TempProject.From("uv");
        var before = project.Contents();

        var run = CliRun.Of(["apply", project.Root, .. Heroku, "--python", "3.12"]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe("error: Python 3.12 is excluded by .python-version (3.13); choose --python 3.13 or change .python-version" + Environment.NewLine);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void A_requires_python_that_excludes_every_python_django_supports_is_refused()
    {
        using var project = TempProject.From("pep621");
        project.Replace("pyproject.toml", "requires-python = \">=3.11\"", "requires-python = \">=3.15\"");
        var before = project.Contents();

        var run = CliRun.Of(["apply", project.Root, "--host", "docker", "--database", "postgres", "--storage", "whitenoise", "--yes"]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe("error: pyproject.toml requires-python (>=3.15) excludes every Python that Django 5.2 supports here (3.12, 3.13, 3.14); "
            + "change it to allow one of those" + Environment.NewLine);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void Two_constraints_that_together_exclude_every_python_are_both_named()
    {
        using var project = TempProject.From("pep621");
        project.Replace("pyproject.toml", "requires-python = \">=3.11\"", "requires-python = \"<3.13\"");
        project.Write(".python-version", "3.13\n");

        var run = CliRun.Of(["apply", project.Root, "--host", "docker", "--database", "postgres", "--storage", "whitenoise", "--yes"]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe("error: .python-version (3.13) and pyproject.toml requires-python (<3.13) exclude every Python that Django 5.2 supports "
            + "here (3.12, 3.13, 3.14); change them to allow one of those" + Environment.NewLine);
    }

    [Fact]
    public void A_django_past_its_end_of_life_is_refused_with_the_release_to_upgrade_to()
    {
        using var project = TempProject.From("django52");
        project.Replace("mysite/settings.py", "using Django 5.2", "using Django 3.2");
        var before = project.Contents();

        var run = CliRun.Of(["apply", project.Root, .. Heroku]);

        run.ExitCode.ShouldBe(ExitCode.BadInput);
        run.Error.ShouldBe("error: Django 3.2 is past its end of life and supports none of Python 3.12–3.14; upgrade to Django 4.2 or later "
            + "(or pass --force to proceed anyway)" + Environment.NewLine);
        project.Contents().ShouldBe(before);
    }

    [Fact]
    public void A_python_version_file_scaffolder_wrote_is_still_updated_with_the_answer()
    {
        using var project = TempProject.From("django52");
        CliRun.Of(["apply", project.Root, .. Heroku, "--python", "3.13"]);

        var run = CliRun.Of(["apply", project.Root, "--python", "3.14", "--yes"]);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        project.Read(".python-version").ShouldBe("3.14\n");
    }
}
