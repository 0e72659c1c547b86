using Scaffolder.Detection;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

public class DetectionTests
{
    private static readonly ProjectDetector Detector = new("5.2");

    [Fact]
    public void Startproject_tree_yields_settings_module_wsgi_and_asgi()
    {
        using var project = TempProject.From("django52");

        var detected = Detector.Detect(project.Root);

        detected.Root.ShouldBe(project.Root);
        detected.SettingsModule.ShouldBe("mysite.settings");
        detected.SettingsFile.ShouldBe("mysite/settings.py");
        detected.SettingsIsPackage.ShouldBeFalse();
        detected.WsgiApplication.ShouldBe("mysite.wsgi.application");
        detected.AsgiApplication.ShouldBe("mysite.asgi.application");
        detected.DefinesBaseDir.ShouldBeTrue();
        detected.ProductionSettingsFile.ShouldBe("mysite/settings_production.py");
        detected.ProductionSettingsModule.ShouldBe("mysite.settings_production");
    }

    [Fact]
    public void Django_version_comes_from_the_startproject_header()
    {
        using var project = TempProject.From("django42");

        var detected = Detector.Detect(project.Root);

        detected.Django.ShouldBe(new DetectedDjango("4.2.28", DjangoVersionSource.SettingsHeader));
        detected.Django.Line.ShouldBe("4.2");
    }

    [Fact]
    public void Settings_package_gets_its_production_module_inside_the_package()
    {
        using var project = TempProject.From("settings-package");

        var detected = Detector.Detect(project.Root);

        detected.SettingsModule.ShouldBe("config.settings.dev");
        detected.SettingsIsPackage.ShouldBeTrue();
        detected.ProductionSettingsFile.ShouldBe("config/settings/production.py");
        detected.ProductionSettingsModule.ShouldBe("config.settings.production");
        detected.ProductionSettingsDepth.ShouldBe(2);
    }

    [Fact]
    public void Settings_package_with_a_base_module_builds_production_on_base_not_on_dev()
    {
        using var project = TempProject.From("settings-package");

        Detector.Detect(project.Root).BaseSettingsModule.ShouldBe("config.settings.base");
    }

    [Fact]
    public void A_single_settings_module_is_its_own_base()
    {
        using var project = TempProject.From("django52");

        Detector.Detect(project.Root).BaseSettingsModule.ShouldBe("mysite.settings");
    }

    [Fact]
    public void Settings_package_siblings_supply_wsgi_base_dir_and_version()
    {
        using var project = TempProject.From("settings-package");

        var detected = Detector.Detect(project.Root);

        detected.WsgiApplication.ShouldBe("config.wsgi.application");
        detected.DefinesBaseDir.ShouldBeTrue();
        detected.Django.Source.ShouldBe(DjangoVersionSource.SettingsHeader);
    }

    [Fact]
    public void Settings_package_named_by_its_init_module_is_a_package()
    {
        using var project = TempProject.From("settings-package");
        project.Write("manage.py", project.Read("manage.py").Replace("config.settings.dev", "config.settings"));
        project.Write("config/settings/__init__.py", "from .base import *  # noqa: F403\n");

        var detected = Detector.Detect(project.Root);

        detected.SettingsFile.ShouldBe("config/settings/__init__.py");
        detected.ProductionSettingsModule.ShouldBe("config.settings.production");
    }

    [Fact]
    public void Custom_settings_name_is_followed_from_manage_py()
    {
        using var project = TempProject.From("custom-settings");

        var detected = Detector.Detect(project.Root);

        detected.SettingsModule.ShouldBe("blog.conf");
        detected.SettingsFile.ShouldBe("blog/conf.py");
        detected.ProductionSettingsFile.ShouldBe("blog/settings_production.py");
        detected.AsgiApplication.ShouldBeNull();
    }

    [Fact]
    public void Without_a_header_the_django_pin_in_requirements_gives_the_version()
    {
        using var project = TempProject.From("custom-settings");

        Detector.Detect(project.Root).Django.ShouldBe(new DetectedDjango("5.2.1", DjangoVersionSource.Requirements));
    }

    [Theory]
    [InlineData("Django>=4.2,<5.0", "4.2")]
    [InlineData("django~=5.1.3", "5.1.3")]
    [InlineData("DJANGO[argon2] == 6.1", "6.1")]
    public void Any_spelling_of_a_django_requirement_gives_the_version(string line, string version)
    {
        using var project = TempProject.From("custom-settings");
        project.Write("requirements.txt", $"requests\n{line}\n");

        Detector.Detect(project.Root).Django.Version.ShouldBe(version);
    }

    [Fact]
    public void Without_header_or_pin_the_current_lts_is_assumed()
    {
        using var project = TempProject.From("custom-settings");
        File.Delete(project.PathOf("requirements.txt"));

        Detector.Detect(project.Root).Django.ShouldBe(new DetectedDjango("5.2", DjangoVersionSource.AssumedLts));
    }

    [Fact]
    public void A_folder_without_manage_py_is_no_django_project()
    {
        using var project = TempProject.Empty();

        var error = Should.Throw<UserError>(() => Detector.Detect(project.Root));

        error.Message.ShouldBe(
            $"no Django project in {project.Root} (expected manage.py; create one with `django-admin startproject NAME .`)");
    }

    [Fact]
    public void A_path_that_is_a_file_is_refused()
    {
        using var project = TempProject.From("django52");

        Should.Throw<UserError>(() => Detector.Detect(project.PathOf("manage.py")))
            .Message.ShouldContain("is a file; pass the folder that holds manage.py");
    }

    [Fact]
    public void A_path_that_does_not_exist_is_refused()
    {
        Should.Throw<UserError>(() => Detector.Detect("/nonexistent/scaffolder/project"))
            .Message.ShouldContain("does not exist");
    }

    [Fact]
    public void A_settings_module_named_in_manage_py_but_missing_is_refused()
    {
        using var project = TempProject.From("django52");
        File.Delete(project.PathOf("mysite/settings.py"));

        Should.Throw<UserError>(() => Detector.Detect(project.Root))
            .Message.ShouldContain("manage.py names the settings module mysite.settings, but neither mysite/settings.py nor mysite/settings/__init__.py exists");
    }

    [Fact]
    public void A_manage_py_without_a_settings_default_is_refused()
    {
        using var project = TempProject.From("django52");
        project.Write("manage.py", "import sys\n");

        Should.Throw<UserError>(() => Detector.Detect(project.Root)).Message.ShouldBe(
            "manage.py sets no default DJANGO_SETTINGS_MODULE; add os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"NAME.settings\") as startproject writes it");
    }

    [Theory]
    [InlineData("class.settings", "'class' is a Python keyword")]
    [InlineData("my-site.settings", "'my-site' is not a Python identifier")]
    public void A_settings_module_python_cannot_import_is_refused_with_the_rename(string module, string why)
    {
        using var project = TempProject.From("django52");
        project.Replace("manage.py", "mysite.settings", module);

        Should.Throw<UserError>(() => Detector.Detect(project.Root)).Message.ShouldBe(
            $"manage.py's DJANGO_SETTINGS_MODULE '{module}' cannot be imported: {why}; "
            + "rename that folder (e.g. to a name with letters, digits and underscores) and the module in manage.py");
    }

    [Fact]
    public void Settings_that_do_not_parse_are_refused_with_where_and_how_to_see_it()
    {
        using var project = TempProject.From("django52");
        project.Write("mysite/settings.py", "DEBUG = True\nALLOWED_HOSTS = [\n");

        Should.Throw<UserError>(() => Detector.Detect(project.Root)).Message.ShouldBe(
            "mysite/settings.py does not parse as Python (line 2: '[' is never closed); fix it (python -m py_compile mysite/settings.py shows the error) and run again");
    }

    [Fact]
    public void Without_a_wsgi_setting_the_packages_wsgi_module_is_taken()
    {
        using var project = TempProject.From("django52");
        project.Replace("mysite/settings.py", "WSGI_APPLICATION = 'mysite.wsgi.application'", "");

        Detector.Detect(project.Root).WsgiApplication.ShouldBe("mysite.wsgi.application");
    }

    [Fact]
    public void Without_a_wsgi_setting_or_module_the_project_is_refused()
    {
        using var project = TempProject.From("django52");
        project.Replace("mysite/settings.py", "WSGI_APPLICATION = 'mysite.wsgi.application'", "");
        File.Delete(project.PathOf("mysite/wsgi.py"));

        Should.Throw<UserError>(() => Detector.Detect(project.Root)).Message.ShouldBe(
            "found no WSGI_APPLICATION in mysite.settings and no mysite/wsgi.py; set WSGI_APPLICATION as startproject does");
    }

    [Fact]
    public void A_project_one_folder_down_is_found()
    {
        using var repository = TempProject.From("django52");
        var inner = Path.Combine(repository.Root, "backend");
        Directory.CreateDirectory(inner);
        foreach (var entry in new[] { "manage.py", "mysite" })
            Directory.Move(repository.PathOf(entry), Path.Combine(inner, entry));

        Detector.Detect(repository.Root).Root.ShouldBe(inner);
    }

    [Fact]
    public void Two_projects_one_folder_down_are_ambiguous()
    {
        using var repository = TempProject.Empty();
        repository.Write("one/manage.py", "");
        repository.Write("two/manage.py", "");

        Should.Throw<UserError>(() => Detector.Detect(repository.Root))
            .Message.ShouldContain("2 Django projects in");
    }

    [Theory]
    [InlineData(".git")]
    [InlineData(".hg")]
    [InlineData(".venv")]
    [InlineData("venv")]
    [InlineData("env")]
    [InlineData("node_modules")]
    [InlineData("__pycache__")]
    [InlineData(".tox")]
    [InlineData(".nox")]
    [InlineData(".mypy_cache")]
    [InlineData(".pytest_cache")]
    [InlineData("site-packages")]
    [InlineData("staticfiles")]
    public void Projects_inside_virtualenvs_node_modules_and_git_are_not_candidates(string folder)
    {
        using var repository = TempProject.Empty();
        repository.Write($"{folder}/manage.py", "");

        Should.Throw<UserError>(() => Detector.Detect(repository.Root)).Message.ShouldStartWith("no Django project");
    }

    [Fact]
    public void A_folder_with_pyvenv_cfg_is_a_virtualenv_whatever_its_name()
    {
        using var repository = TempProject.Empty();
        repository.Write("myenv/pyvenv.cfg", "home = /usr/bin\n");
        repository.Write("myenv/manage.py", "");

        Should.Throw<UserError>(() => Detector.Detect(repository.Root)).Message.ShouldStartWith("no Django project");
    }

    [Fact]
    public void Existing_deployment_files_are_noted()
    {
        using var project = TempProject.From("custom-settings");
        project.Write("Procfile", "web: gunicorn blog.wsgi\n");
        project.Write(".gitignore", "*.pyc\n");

        Detector.Detect(project.Root).ExistingFiles.ShouldBe([".gitignore", "Procfile", "requirements.txt"], ignoreOrder: true);
    }

    [Fact]
    public void Every_deployment_file_at_the_root_is_noted_in_one_order()
    {
        using var project = TempProject.From("django52");
        foreach (var file in new[] { ".python-version", "Dockerfile", "Procfile", ".dockerignore", ".gitignore", ".env", "requirements.txt" })
            project.Write(file, "\n");

        Detector.Detect(project.Root).ExistingFiles.ShouldBe(["requirements.txt", ".env", ".gitignore", ".dockerignore", "Procfile", "Dockerfile", ".python-version"]);
    }

    // Python 3.13's keyword.kwlist; its soft keywords (keyword.softkwlist) name modules like any other word.
    [Theory]
    [InlineData("False")] [InlineData("None")] [InlineData("True")] [InlineData("and")] [InlineData("as")] [InlineData("assert")]
    [InlineData("async")] [InlineData("await")] [InlineData("break")] [InlineData("class")] [InlineData("continue")] [InlineData("def")]
    [InlineData("del")] [InlineData("elif")] [InlineData("else")] [InlineData("except")] [InlineData("finally")] [InlineData("for")]
    [InlineData("from")] [InlineData("global")] [InlineData("if")] [InlineData("import")] [InlineData("in")] [InlineData("is")]
    [InlineData("lambda")] [InlineData("nonlocal")] [InlineData("not")] [InlineData("or")] [InlineData("pass")] [InlineData("raise")]
    [InlineData("return")] [InlineData("try")] [InlineData("while")] [InlineData("with")] [InlineData("yield")]
    public void A_hard_keyword_cannot_be_imported(string keyword)
    {
        PythonNames.IsKeyword(keyword).ShouldBeTrue();
        PythonNames.IsImportable(keyword).ShouldBeFalse();
    }

    [Theory]
    [InlineData("match", true)]
    [InlineData("case", true)]
    [InlineData("type", true)]
    [InlineData("_", true)]
    [InlineData("_private2", true)]
    [InlineData("mysite", true)]
    [InlineData("", false)]
    [InlineData("2fast", false)]
    [InlineData("my-site", false)]
    [InlineData("my site", false)]
    public void A_module_name_is_importable_when_it_is_an_identifier_and_no_hard_keyword(string name, bool importable)
    {
        PythonNames.IsImportable(name).ShouldBe(importable);
    }

    [Fact]
    public void Two_projects_one_folder_down_are_named_in_order_with_the_way_out()
    {
        using var repository = TempProject.Empty();
        repository.Write("web/manage.py", "");
        repository.Write("api/manage.py", "");

        Should.Throw<UserError>(() => Detector.Detect(repository.Root))
            .Message.ShouldBe($"2 Django projects in {repository.Root} (api, web); pass the one to deploy as PATH");
    }

    [Fact]
    public void A_version_line_is_at_least_itself_and_the_lines_before_it()
    {
        var django = new DetectedDjango("5.2.8", DjangoVersionSource.SettingsHeader);

        django.AtLeast(5, 2).ShouldBeTrue();
        django.AtLeast(4, 2).ShouldBeTrue();
        django.AtLeast(6, 0).ShouldBeFalse();
    }
}
