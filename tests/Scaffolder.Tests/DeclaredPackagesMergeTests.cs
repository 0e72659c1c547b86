using Scaffolder.Cli;
using Scaffolder.Merging;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>The overlay's packages go where the project's manager keeps them, every byte of the user's file kept.</summary>
public class DeclaredPackagesMergeTests
{
    private static readonly string[] Docker = ["--host", "docker", "--database", "postgres", "--storage", "whitenoise", "--yes"];

    private const string Ours = "[project]\nname = \"mysite\"\nversion = \"0.1.0\"\nrequires-python = \">=3.13\"\ndependencies = [\n"
        + "    \"Django~=5.2.17\",\n    \"django-environ==0.14.0\",\n    \"gunicorn==27.0.1\",\n    \"psycopg[binary]==3.3.9\",\n]\n";

    private static string Pyproject(string existing, string? ours = null, string? before = null) =>
        FileMergers.Merge(MergeStrategy.Pyproject, existing, ours ?? Ours, before);

    [Fact]
    public void Missing_packages_follow_the_users_last_item_with_its_indent_quotes_and_comment_kept()
    {
        var existing = "[project]\nname = \"mysite\"\ndependencies = [\n  'django>=5.2,<6',\n  'django-htmx>=1.23',  # partials\n]\n\n[tool.uv]\ndev-dependencies = []\n";

        Pyproject(existing).ShouldBe("[project]\nname = \"mysite\"\ndependencies = [\n  'django>=5.2,<6',\n  'django-htmx>=1.23',  # partials\n"
            + "  'django-environ==0.14.0',\n  'gunicorn==27.0.1',\n  'psycopg[binary]==3.3.9',\n]\n\n[tool.uv]\ndev-dependencies = []\n");
    }

    [Fact]
    public void A_last_item_without_a_comma_gets_one()
    {
        var existing = "[project]\ndependencies = [\n    \"django (>=5.2,<6.0)\",\n    \"django-htmx (>=1.23.0,<2.0.0)\"\n]\n";

        Pyproject(existing).ShouldBe("[project]\ndependencies = [\n    \"django (>=5.2,<6.0)\",\n    \"django-htmx (>=1.23.0,<2.0.0)\",\n"
            + "    \"django-environ==0.14.0\",\n    \"gunicorn==27.0.1\",\n    \"psycopg[binary]==3.3.9\",\n]\n");
    }

    [Fact]
    public void A_one_line_list_stays_on_one_line()
    {
        Pyproject("[project]\ndependencies = [\"django>=5.2\", \"django-htmx>=1.23\"]\nrequires-python = \"==3.13.*\"\n").ShouldBe(
            "[project]\ndependencies = [\"django>=5.2\", \"django-htmx>=1.23\", \"django-environ==0.14.0\", \"gunicorn==27.0.1\", \"psycopg[binary]==3.3.9\"]\n"
            + "requires-python = \"==3.13.*\"\n");
    }

    [Fact]
    public void A_list_that_closes_on_its_last_items_line_gets_ours_before_the_bracket()
    {
        Pyproject("[project]\ndependencies = [\n    \"django>=5.2\"]\n").ShouldBe(
            "[project]\ndependencies = [\n    \"django>=5.2\",\n    \"django-environ==0.14.0\",\n    \"gunicorn==27.0.1\",\n    \"psycopg[binary]==3.3.9\"\n]\n");
    }

    [Fact]
    public void An_empty_list_gets_ours()
    {
        Pyproject("[project]\nname = \"x\"\ndependencies = []\n").ShouldBe(
            "[project]\nname = \"x\"\ndependencies = [\"Django~=5.2.17\", \"django-environ==0.14.0\", \"gunicorn==27.0.1\", \"psycopg[binary]==3.3.9\"]\n");
    }

    [Fact]
    public void Crlf_line_ends_are_kept()
    {
        var existing = "[project]\r\ndependencies = [\r\n    \"django>=5.2\",\r\n]\r\n";

        Pyproject(existing).ShouldBe("[project]\r\ndependencies = [\r\n    \"django>=5.2\",\r\n    \"django-environ==0.14.0\",\r\n"
            + "    \"gunicorn==27.0.1\",\r\n    \"psycopg[binary]==3.3.9\",\r\n]\r\n");
    }

    [Fact]
    public void A_one_line_list_with_a_trailing_comma_gets_ours_after_it()
    {
        Pyproject("[project]\ndependencies = [\"django>=5.2\",]\n").ShouldBe(
            "[project]\ndependencies = [\"django>=5.2\", \"django-environ==0.14.0\", \"gunicorn==27.0.1\", \"psycopg[binary]==3.3.9\"]\n");
    }

    [Fact]
    public void An_empty_list_over_several_lines_gets_ours_one_a_line_indented_below_the_key()
    {
        Pyproject("[project]\n  dependencies = [\n  ]\n").ShouldBe(
            "[project]\n  dependencies = [\n      \"Django~=5.2.17\",\n      \"django-environ==0.14.0\",\n      \"gunicorn==27.0.1\",\n"
            + "      \"psycopg[binary]==3.3.9\",\n  ]\n");
    }

    [Fact]
    public void A_newer_pin_and_an_added_package_in_one_list_both_land()
    {
        const string before = "[project]\ndependencies = [\"gunicorn==27.0.1\"]\n";
        const string newer = "[project]\ndependencies = [\"gunicorn==27.1.0\", \"whitenoise==6.13.0\"]\n";

        Pyproject("[project]\ndependencies = [\n    \"gunicorn==27.0.1\",\n    \"django>=5.2\",\n]\n", newer, before).ShouldBe(
            "[project]\ndependencies = [\n    \"gunicorn==27.1.0\",\n    \"django>=5.2\",\n    \"whitenoise==6.13.0\",\n]\n");
    }

    [Fact]
    public void An_empty_project_table_gets_the_dependencies_key_below_its_header()
    {
        Pyproject("[project]\n\n[tool.ruff]\nline-length = 100\n").ShouldBe(
            "[project]\ndependencies = [\n    \"Django~=5.2.17\",\n    \"django-environ==0.14.0\",\n    \"gunicorn==27.0.1\",\n"
            + "    \"psycopg[binary]==3.3.9\",\n]\n\n[tool.ruff]\nline-length = 100\n");
    }

    [Fact]
    public void Our_project_table_is_appended_without_the_rendered_files_other_tables()
    {
        var rendered = Ours + "\n[tool.uv]\npackage = false\n";

        Pyproject("[tool.ruff]\nline-length = 100\n", rendered).ShouldBe("[tool.ruff]\nline-length = 100\n\n" + Ours);
    }

    [Theory]
    [InlineData("[tool.ruff]\nline-length = 100", "[tool.ruff]\nline-length = 100\n\n")]
    [InlineData("[tool.ruff]\nline-length = 100\n\n", "[tool.ruff]\nline-length = 100\n\n")]
    [InlineData("", "")]
    public void An_appended_table_follows_one_blank_line_whatever_the_file_ended_with(string existing, string head)
    {
        Pyproject(existing).ShouldBe(head + Ours);
    }

    [Fact]
    public void An_appended_table_takes_the_files_crlf_line_ends()
    {
        Pyproject("[tool.ruff]\r\nline-length = 100\r\n").ShouldBe("[tool.ruff]\r\nline-length = 100\r\n\r\n" + Ours.ReplaceLineEndings("\r\n"));
    }

    [Fact]
    public void An_empty_poetry_table_gets_ours_below_its_header()
    {
        Pyproject("[tool.poetry.dependencies]\n\n[build-system]\nrequires = [\"poetry-core\"]\n").ShouldBe(
            "[tool.poetry.dependencies]\nDjango = \"~=5.2.17\"\ndjango-environ = \"==0.14.0\"\ngunicorn = \"==27.0.1\"\n"
            + "psycopg = {version = \"==3.3.9\", extras = [\"binary\"]}\n\n[build-system]\nrequires = [\"poetry-core\"]\n");
    }

    [Fact]
    public void Poetry_entries_indented_by_the_user_get_ours_at_the_same_indent()
    {
        Pyproject("[tool.poetry.dependencies]\n  python = \"^3.12\"\n  Django = \"^5.2\"\n").ShouldBe(
            "[tool.poetry.dependencies]\n  python = \"^3.12\"\n  Django = \"^5.2\"\n  django-environ = \"==0.14.0\"\n  gunicorn = \"==27.0.1\"\n"
            + "  psycopg = {version = \"==3.3.9\", extras = [\"binary\"]}\n");
    }

    [Fact]
    public void A_pipfile_without_packages_gets_ours_in_a_packages_table_at_its_end()
    {
        var ours = "[packages]\nDjango = \"*\"\ndjango-environ = \"==0.14.0\"\npsycopg = {version = \"==3.3.9\", extras = [\"binary\"]}\n"
            + "whitenoise = {extras = [\"brotli\"]}\n";

        FileMergers.Merge(MergeStrategy.Pipfile, "[requires]\npython_version = \"3.12\"", ours).ShouldBe(
            "[requires]\npython_version = \"3.12\"\n\n[packages]\nDjango = \"*\"\ndjango-environ = \"==0.14.0\"\n"
            + "psycopg = {version = \"==3.3.9\", extras = [\"binary\"]}\nwhitenoise = {version = \"*\", extras = [\"brotli\"]}\n");
    }

    [Fact]
    public void A_later_apply_updates_a_pipfile_entry_still_as_we_wrote_it()
    {
        const string before = "[packages]\ngunicorn = \"==27.0.1\"\nwhitenoise = \"==6.12.0\"\n";
        var newer = before.Replace("==27.0.1", "==27.1.0").Replace("==6.12.0", "==6.13.0");
        var existing = "[packages]\ndjango = \"*\"\ngunicorn = \"==27.0.1\"\nwhitenoise = \"==6.11.0\"  # held back\n";

        FileMergers.Merge(MergeStrategy.Pipfile, existing, newer, before).ShouldBe(existing.Replace("==27.0.1", "==27.1.0"));
    }

    [Theory]
    [InlineData("Django_Environ")]
    [InlineData("django.environ>=0.11")]
    [InlineData("DJANGO-ENVIRON ; python_version >= '3.10'")]
    [InlineData("django-environ (>=0.12,<1.0)")]
    public void A_package_the_user_lists_in_any_pep_503_spelling_is_not_added_again(string theirs)
    {
        Pyproject($"[project]\ndependencies = [\"{theirs}\"]\n").ShouldNotContain("django-environ==0.14.0");
    }

    [Fact]
    public void A_project_table_without_dependencies_gets_the_key_after_its_last_entry()
    {
        Pyproject("[project]\nname = \"mysite\"\nversion = \"1.0\"  # released\n\n[tool.ruff]\nline-length = 100\n").ShouldBe(
            "[project]\nname = \"mysite\"\nversion = \"1.0\"  # released\ndependencies = [\n    \"Django~=5.2.17\",\n    \"django-environ==0.14.0\",\n"
            + "    \"gunicorn==27.0.1\",\n    \"psycopg[binary]==3.3.9\",\n]\n\n[tool.ruff]\nline-length = 100\n");
    }

    [Fact]
    public void A_pyproject_with_only_tool_tables_gets_our_project_table_at_its_end()
    {
        Pyproject("[tool.ruff]\nline-length = 100\n").ShouldBe("[tool.ruff]\nline-length = 100\n\n" + Ours);
    }

    [Fact]
    public void Dynamic_dependencies_are_refused_with_the_way_out()
    {
        Should.Throw<UserError>(() => Pyproject("[project]\nname = \"x\"\ndynamic = [\"dependencies\"]\n"))
            .Message.ShouldBe("pyproject.toml declares its dependencies dynamic (built by a plugin); list them in [project] dependencies, "
                + "or choose --packages pip with a requirements.txt");
    }

    [Fact]
    public void Dependencies_that_are_not_a_list_are_refused_with_the_way_out()
    {
        Should.Throw<UserError>(() => Pyproject("[project]\ndependencies = \"django\"\n"))
            .Message.ShouldBe("pyproject.toml: [project] dependencies is not a list; write it as dependencies = [\"...\"] and run again");
    }

    [Theory]
    [InlineData(MergeStrategy.Pyproject, "pyproject.toml")]
    [InlineData(MergeStrategy.Pipfile, "Pipfile")]
    public void A_users_file_that_is_not_toml_is_refused_by_its_name_and_line(MergeStrategy strategy, string name)
    {
        Should.Throw<UserError>(() => FileMergers.Merge(strategy, "[packages]\ndjango = \"*\"\ngunicorn\n", Ours))
            .Message.ShouldStartWith($"{name}:3: not valid TOML (");
    }

    [Fact]
    public void Poetry_1_gets_one_key_per_package_after_its_last_with_extras_as_a_table()
    {
        var existing = "[tool.poetry]\nname = \"mysite\"\n\n[tool.poetry.dependencies]\npython = \"^3.12\"\nDjango = \"^5.2\"\n"
            + "django-htmx = \"^1.23.0\"  # partials\n\n[build-system]\nrequires = [\"poetry-core\"]\n";

        Pyproject(existing).ShouldBe("[tool.poetry]\nname = \"mysite\"\n\n[tool.poetry.dependencies]\npython = \"^3.12\"\nDjango = \"^5.2\"\n"
            + "django-htmx = \"^1.23.0\"  # partials\ndjango-environ = \"==0.14.0\"\ngunicorn = \"==27.0.1\"\n"
            + "psycopg = {version = \"==3.3.9\", extras = [\"binary\"]}\n\n[build-system]\nrequires = [\"poetry-core\"]\n");
    }

    [Fact]
    public void Pipfile_packages_get_ours_after_the_users_last()
    {
        var existing = "[[source]]\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\nname = \"pypi\"\n\n[packages]\ndjango = \"~=5.2\"\n"
            + "django-htmx = \"*\"\n\n[dev-packages]\n\n[requires]\npython_version = \"3.12\"\n";
        var ours = "[packages]\nDjango = \"~=5.2.17\"\ndjango-environ = \"==0.14.0\"\npsycopg = {version = \"==3.3.9\", extras = [\"binary\"]}\n";

        FileMergers.Merge(MergeStrategy.Pipfile, existing, ours).ShouldBe(
            "[[source]]\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\nname = \"pypi\"\n\n[packages]\ndjango = \"~=5.2\"\n"
            + "django-htmx = \"*\"\ndjango-environ = \"==0.14.0\"\npsycopg = {version = \"==3.3.9\", extras = [\"binary\"]}\n\n[dev-packages]\n\n[requires]\npython_version = \"3.12\"\n");
    }

    [Fact]
    public void A_later_apply_with_newer_pins_updates_only_the_entries_still_as_we_wrote_them()
    {
        var before = Ours;
        var newer = Ours.Replace("gunicorn==27.0.1", "gunicorn==27.1.0").Replace("django-environ==0.14.0", "django-environ==0.15.0");
        var existing = "[project]\ndependencies = [\n    'django>=5.2',\n    \"django-environ==0.13.0\",  # held back\n    \"gunicorn==27.0.1\",\n"
            + "    \"psycopg[binary]==3.3.9\",\n]\n";

        Pyproject(existing, newer, before).ShouldBe(existing.Replace("gunicorn==27.0.1", "gunicorn==27.1.0"));
    }

    [Fact]
    public void A_later_apply_updates_poetry_and_requirements_entries_still_as_we_wrote_them()
    {
        const string before = "[project]\ndependencies = [\"gunicorn==27.0.1\", \"whitenoise==6.12.0\"]\n";
        var newer = before.Replace("gunicorn==27.0.1", "gunicorn==27.1.0").Replace("whitenoise==6.12.0", "whitenoise==6.13.0");
        var poetry = "[tool.poetry.dependencies]\npython = \"^3.12\"\ngunicorn = \"==27.0.1\"\nwhitenoise = \"^6.0\"  # ours\n";
        Pyproject(poetry, newer, before).ShouldBe(poetry.Replace("==27.0.1", "==27.1.0"));

        var requirements = "requests==2.32.3\ngunicorn==27.0.1\n";
        FileMergers.Merge(MergeStrategy.Requirements, requirements, "gunicorn==27.1.0\n", "gunicorn==27.0.1\n")
            .ShouldBe("requests==2.32.3\ngunicorn==27.1.0\n");
    }

    [Theory]
    [InlineData("uv", "pyproject.toml")]
    [InlineData("poetry1", "pyproject.toml")]
    [InlineData("poetry2", "pyproject.toml")]
    [InlineData("pdm", "pyproject.toml")]
    [InlineData("pep621", "pyproject.toml")]
    [InlineData("pipenv", "Pipfile")]
    [InlineData("pip-tools", "requirements.in")]
    [InlineData("requirements-includes", "requirements.txt")]
    public void Apply_adds_the_overlays_packages_to_the_managers_own_file_and_writes_no_other_managers_file(string fixture, string declaredIn)
    {
        using var project = TempProject.From(fixture);
        var before = project.Contents();

        CliRun.Of(["apply", project.Root, .. Docker]);

        var after = project.Read(declaredIn);
        // Every line of the user's stays, in order (a last item may gain its comma).
        // A one-line list keeps its start, with ours before its bracket.
        var theirs = new Queue<string>(before[declaredIn].Split('\n').Select(line => line.TrimEnd(',').TrimEnd(']')));
        foreach (var line in after.Split('\n'))
        {
            if (theirs.Count > 0 && line.StartsWith(theirs.Peek(), StringComparison.Ordinal))
                theirs.Dequeue();
        }
        theirs.ShouldBeEmpty();
        after.ShouldContain("django-environ");
        after.ShouldContain("gunicorn");
        after.ShouldContain("psycopg");
        string[] others = ["requirements.txt", "pyproject.toml", "Pipfile"];
        foreach (var other in others.Where(other => other != declaredIn && !before.ContainsKey(other)))
            project.Exists(other).ShouldBeFalse($"{other} beside {declaredIn}");
        foreach (var (path, text) in before.Where(entry => entry.Key != declaredIn && entry.Key != ".gitignore" && entry.Key != ".dockerignore"))
            project.Read(path).ShouldBe(text, $"{path} is not {declaredIn}");
    }

    [Fact]
    public void The_users_own_packages_stay_in_the_pyproject_of_a_uv_project()
    {
        using var project = TempProject.From("uv");

        CliRun.Of(["apply", project.Root, .. Docker]);

        project.Read("pyproject.toml").ShouldBe("""
            [project]
            name = "mysite"
            version = "0.1.0"
            description = "Add your description here"
            readme = "README.md"
            requires-python = ">=3.12"
            dependencies = [
                "django>=5.2,<6",
                "django-htmx>=1.23",  # partial page updates
                "django-environ==0.14.0",
                "gunicorn==27.0.1",
                "psycopg[binary]==3.3.9",
                "whitenoise==6.12.0",
            ]

            """);
    }
}
