using System.Text.Json;
using Scaffolder.Answers;
using Scaffolder.Rendering;
using Scaffolder.Tests.Support;
using Shouldly;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Tests;

/// <summary>What every scenario renders must at least be valid in its own language.</summary>
public class RenderedFilesTests
{
    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Rendered_settings_compile_as_python(string scenarioName)
    {
        var scenario = Scenario.Named(scenarioName);
        using var project = TempProject.From(scenario.Fixture);
        var settings = Scenario.SettingsOf(scenario.Render(project));
        project.Write(settings.Path, settings.Content);

        var result = ProcessRunner.Run("python3", ["-m", "py_compile", project.PathOf(settings.Path)], timeout: TimeSpan.FromMinutes(1));

        result.ExitCode.ShouldBe(0, result.Error);
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Rendered_yaml_toml_and_json_parse(string scenarioName)
    {
        var scenario = Scenario.Named(scenarioName);
        using var project = TempProject.From(scenario.Fixture);

        foreach (var file in scenario.Render(project).Files)
        {
            switch (Path.GetExtension(file.Path))
            {
                case ".yaml":
                    Should.NotThrow(() => Yaml(file), file.Path);
                    break;
                case ".toml":
                    Should.NotThrow(() => TomlSerializer.Deserialize<TomlTable>(file.Content), file.Path);
                    break;
                case ".json":
                    Should.NotThrow(() => JsonDocument.Parse(file.Content), file.Path);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Env_example_lists_every_variable_the_settings_read(string scenarioName)
    {
        var scenario = Scenario.Named(scenarioName);
        using var project = TempProject.From(scenario.Fixture);
        var overlay = scenario.Render(project);
        var settings = Scenario.SettingsOf(overlay).Content;
        var example = overlay.Files.Single(file => file.Path == ".env.example").Content;

        var read = System.Text.RegularExpressions.Regex.Matches(settings, @"env(?:\.\w+)?\(\s*[""'](?<name>[A-Z0-9_]+)[""']")
            .Select(match => match.Groups["name"].Value)
            .Except(PlatformVariables)
            .Distinct()
            .ToList();

        read.ShouldContain("DJANGO_SECRET_KEY");
        read.ShouldContain("DATABASE_URL");
        var listed = example.Split('\n').Where(line => !line.StartsWith('#') && line.Contains('=')).Select(line => line[..line.IndexOf('=')]);
        read.Except(listed).ShouldBeEmpty();
    }

    // Set by the host itself (or by its manifest, for Cloud Run's service URL), never by the user's .env.
    private static readonly string[] PlatformVariables = ["HEROKU_APP_DEFAULT_DOMAIN_NAME", "RENDER_EXTERNAL_HOSTNAME", "FLY_APP_NAME", "RAILWAY_PUBLIC_DOMAIN", "CLOUD_RUN_SERVICE_URL", "DIGITALOCEAN_APP_DOMAIN", "CONTAINER_APP_NAME", "CONTAINER_APP_ENV_DNS_SUFFIX"];

    [Fact]
    public void Compose_runs_the_release_step_before_web_and_waits_for_a_healthy_database()
    {
        using var project = TempProject.From("django52");
        var compose = Yaml(File(new Scenario("django52", "docker", Database.Postgres, Storage.Whitenoise), project, "compose.yaml"));

        var services = (YamlMappingNode)compose["services"];
        services.Children.Keys.Select(key => key.ToString()).ShouldBe(["release", "web", "db"]);
        Scalar(services["web"], "depends_on", "release", "condition").ShouldBe("service_completed_successfully");
        Scalar(services["release"], "depends_on", "db", "condition").ShouldBe("service_healthy");
        Scalar(services["web"], "environment", "DATABASE_URL").ShouldBe("postgres://mysite:${POSTGRES_PASSWORD}@db:5432/mysite");
    }

    [Fact]
    public void Render_blueprint_wires_the_database_url_from_its_own_postgres()
    {
        using var project = TempProject.From("django52");
        var blueprint = Yaml(File(new Scenario("django52", "render", Database.Postgres, Storage.Whitenoise), project, "render.yaml"));

        var web = (YamlMappingNode)((YamlSequenceNode)blueprint["services"])[0];
        Scalar(web, "preDeployCommand").ShouldBe("python manage.py migrate --noinput");
        var databaseUrl = ((YamlSequenceNode)web["envVars"]).Cast<YamlMappingNode>().Single(v => v["key"].ToString() == "DATABASE_URL");
        Scalar(databaseUrl, "fromDatabase", "name").ShouldBe("mysite-db");
        Scalar((YamlMappingNode)((YamlSequenceNode)blueprint["databases"])[0], "name").ShouldBe("mysite-db");
    }

    [Fact]
    public void Fly_config_runs_migrations_as_release_command_on_the_internal_port()
    {
        using var project = TempProject.From("django52");
        var fly = TomlSerializer.Deserialize<TomlTable>(File(new Scenario("django52", "fly", Database.Postgres, Storage.Whitenoise), project, "fly.toml"))!;

        ((TomlTable)fly["deploy"])["release_command"].ShouldBe("python manage.py migrate --noinput");
        ((TomlTable)fly["http_service"])["internal_port"].ShouldBe(8000L);
        var check = (TomlTable)((TomlTableArray)((TomlTable)fly["http_service"])["checks"])[0];
        check["path"].ShouldBe(ReadyPath);
        check["method"].ShouldBe("GET");
    }

    /// <summary>The readiness path the settings answer unless DJANGO_HEALTH_READY_PATH says otherwise; the manifests probe it.</summary>
    private const string ReadyPath = "/readyz";

    [Fact]
    public void The_settings_answer_the_readiness_path_the_manifests_probe()
    {
        using var project = TempProject.From("django52");
        var settings = Scenario.SettingsOf(new Scenario("django52", "docker", Database.Postgres, Storage.Whitenoise).Render(project)).Content;

        settings.ShouldContain($"HEALTH_READY_PATH = env(\"DJANGO_HEALTH_READY_PATH\", default=\"{ReadyPath}\")");
    }

    [Fact]
    public void Render_keeps_traffic_on_instances_whose_readiness_path_answers()
    {
        using var project = TempProject.From("django52");
        var blueprint = Yaml(File(new Scenario("django52", "render", Database.Postgres, Storage.Whitenoise), project, "render.yaml"));

        Scalar((YamlMappingNode)((YamlSequenceNode)blueprint["services"])[0], "healthCheckPath").ShouldBe(ReadyPath);
    }

    [Fact]
    public void Compose_web_is_healthy_while_its_readiness_path_answers()
    {
        using var project = TempProject.From("django52");
        var compose = Yaml(File(new Scenario("django52", "docker", Database.Postgres, Storage.Whitenoise), project, "compose.yaml"));

        var test = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)compose["services"])["web"])["healthcheck"]["test"];
        test[0].ToString().ShouldBe("CMD");
        test.Last().ToString().ShouldContain($"'http://127.0.0.1:8000{ReadyPath}'");
    }

    [Fact]
    public void Heroku_app_json_generates_the_secret_key_and_adds_postgres()
    {
        using var project = TempProject.From("django52");
        using var app = JsonDocument.Parse(File(new Scenario("django52", "heroku", Database.Postgres, Storage.Whitenoise), project, "app.json"));

        app.RootElement.GetProperty("env").GetProperty("DJANGO_SECRET_KEY").GetProperty("generator").GetString().ShouldBe("secret");
        app.RootElement.GetProperty("addons")[0].GetProperty("plan").GetString().ShouldStartWith("heroku-postgresql:");
    }

    [Theory]
    [InlineData(Database.Postgres, Storage.Whitenoise, Server.Gunicorn, new[] { "django", "django-environ", "gunicorn", "psycopg", "whitenoise" })]
    [InlineData(Database.Mysql, Storage.S3, Server.Gunicorn, new[] { "django", "django-environ", "gunicorn", "mysqlclient", "django-storages" })]
    [InlineData(Database.Sqlite, Storage.Azure, Server.Uvicorn, new[] { "django", "django-environ", "uvicorn", "django-storages" })]
    public void Requirements_hold_exactly_the_packages_the_choices_need(Database database, Storage storage, Server server, string[] packages)
    {
        using var project = TempProject.From("django52");
        var requirements = File(new Scenario("django52", "docker", database, storage, server), project, "requirements.txt");

        requirements.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Merging.FileMergers.RequirementName).ShouldBe(packages);
    }

    [Fact]
    public void Object_store_requirement_carries_the_extra_for_its_backend()
    {
        using var project = TempProject.From("django52");

        File(new Scenario("django52", "docker", Database.Postgres, Storage.Gcs), project, "requirements.txt")
            .ShouldContain("django-storages[google]==");
    }

    [Fact]
    public void Django_older_than_4_2_gets_the_old_storage_settings()
    {
        using var project = TempProject.From("django42");
        project.Write("shop/settings.py", project.Read("shop/settings.py").Replace("using Django 4.2.28", "using Django 4.1.13"));
        var settings = File(new Scenario("django42", "docker", Database.Postgres, Storage.Whitenoise, Python: "3.12"), project, "shop/settings_production.py");

        settings.ShouldContain("STATICFILES_STORAGE = \"whitenoise.storage.CompressedManifestStaticFilesStorage\"");
        settings.ShouldNotContain("STORAGES = {");
        settings.ShouldContain("CONN_HEALTH_CHECKS");
    }

    [Fact]
    public void Django_6_1_configures_mail_through_mailers()
    {
        using var project = TempProject.From("django61");
        var settings = File(new Scenario("django61", "docker", Database.Postgres, Storage.Whitenoise), project, "blog/settings_production.py");

        settings.ShouldContain("MAILERS = {");
        settings.ShouldNotContain("vars().update(");
    }

    [Fact]
    public void Django_before_6_1_configures_mail_through_email_settings()
    {
        using var project = TempProject.From("django52");
        var settings = File(new Scenario("django52", "docker", Database.Postgres, Storage.Whitenoise), project, "mysite/settings_production.py");

        settings.ShouldContain("vars().update(env.email_url(\"EMAIL_URL\", default=\"smtp://localhost:25\"))");
        settings.ShouldNotContain("MAILERS");
    }

    [Fact]
    public void The_secret_key_is_written_to_dot_env_and_nowhere_else()
    {
        using var project = TempProject.From("django52");
        var overlay = new Scenario("django52", "docker", Database.Postgres, Storage.S3).Render(project);

        overlay.Files.Where(file => file.Content.Contains(Scenario.FixedSecrets.SecretKey)).Select(file => file.Path).ShouldBe([".env"]);
        overlay.Files.Single(file => file.Path == ".env").HoldsSecrets.ShouldBeTrue();
        overlay.NextSteps.ShouldNotContain(Scenario.FixedSecrets.SecretKey);
    }

    [Fact]
    public void Only_the_python_version_file_is_a_users_own_once_they_have_one()
    {
        using var project = TempProject.From("django52");
        var overlay = new Scenario("django52", "heroku", Database.Postgres, Storage.Whitenoise).Render(project);

        overlay.Files.Where(file => file.KeepsUsers).Select(file => file.Path).ShouldBe([".python-version"]);
    }

    [Fact]
    public void Cloud_run_sends_an_instance_as_many_requests_as_its_workers_have_threads()
    {
        using var project = TempProject.From("django52");
        var service = Yaml(File(new Scenario("django52", "cloud-run", Database.Postgres, Storage.Whitenoise), project, "service.yaml"));

        var revision = (YamlMappingNode)Scalarless(service, "spec", "template", "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)revision["containers"])[0];
        var concurrency = int.Parse(Scalar(revision, "containerConcurrency"));

        concurrency.ShouldBe(int.Parse(EnvValue(container, "name", "WEB_CONCURRENCY")) * int.Parse(EnvValue(container, "name", "GUNICORN_THREADS")));
        Scalar(container, "startupProbe", "httpGet", "path").ShouldBe("/readyz");
        Scalar(container, "livenessProbe", "httpGet", "path").ShouldBe("/healthz");
    }

    [Fact]
    public void Container_apps_scale_out_past_what_a_replicas_workers_and_threads_serve()
    {
        using var project = TempProject.From("django52");
        var app = Yaml(File(new Scenario("django52", "azure-container-apps", Database.Postgres, Storage.Whitenoise), project, "containerapp.yaml"));

        var template = (YamlMappingNode)Scalarless(app, "properties", "template");
        var container = (YamlMappingNode)((YamlSequenceNode)template["containers"])[0];
        var rule = (YamlMappingNode)((YamlSequenceNode)Scalarless(template, "scale", "rules"))[0];

        int.Parse(Scalar(rule, "http", "metadata", "concurrentRequests"))
            .ShouldBe(int.Parse(EnvValue(container, "name", "WEB_CONCURRENCY")) * int.Parse(EnvValue(container, "name", "GUNICORN_THREADS")));
    }

    [Theory]
    [InlineData("cloud-run", "migrate-job.yaml")]
    [InlineData("azure-container-apps", "containerapp-job.yaml")]
    [InlineData("digitalocean", ".do/app.yaml")]
    public void The_release_job_runs_the_release_command(string host, string manifest)
    {
        using var project = TempProject.From("django52");
        var text = File(new Scenario("django52", host, Database.Postgres, Storage.S3), project, manifest);

        text.ShouldContain("python manage.py migrate --noinput && python manage.py collectstatic --noinput");
    }

    private static YamlNode Scalarless(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key]);

    private static string EnvValue(YamlMappingNode container, string keyField, string name) =>
        ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().Single(item => item[keyField].ToString() == name)["value"].ToString();

    private static string File(Scenario scenario, TempProject project, string path) =>
        scenario.Render(project).Files.Single(file => file.Path == path).Content;

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static void Yaml(RenderedFile file) => Yaml(file.Content);

    private static string Scalar(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key]).ToString();
}
