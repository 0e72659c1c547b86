using System.Text.RegularExpressions;
using Scaffolder.Answers;
using Scaffolder.Rendering;
using Scaffolder.Tests.Support;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Scaffolder.Tests;

/// <summary>
/// The overlay is safe as rendered: private uploads stay private, forged proxy headers are not believed, no secret
/// is left where it can be committed or land in shell history, and the settings fail closed. The end-to-end suite
/// proves the same on real servers; these pin the rendered text.
/// </summary>
public partial class SafeDefaultsTests
{
    private static readonly IReadOnlyList<string> Hosts = Scenario.Catalog.HostNames;

    [Theory]
    [InlineData(Storage.Azure, "AZURE_CONTAINER", "AZURE_STATIC_CONTAINER", "azure_container")]
    [InlineData(Storage.Gcs, "GS_BUCKET_NAME", "GS_STATIC_BUCKET_NAME", "bucket_name")]
    public void Uploads_and_static_files_live_in_different_containers(Storage storage, string media, string statics, string option)
    {
        var overlay = Render("docker", Database.Postgres, storage);
        var settings = Scenario.SettingsOf(overlay).Content;

        Storages(settings, "default").ShouldContain($"\"{option}\": _media_");
        Storages(settings, "staticfiles").ShouldContain($"\"{option}\": _static_");
        settings.ShouldContain($"env(\"{media}\")");
        settings.ShouldContain($"env(\"{statics}\")");
        // The same name twice would make uploads public again: the settings refuse it.
        settings.ShouldMatch($@"if _media_\w+ == _static_\w+:\s+raise ImproperlyConfigured");
        File(overlay, ".env.example").ShouldContain($"\n{statics}=");
        overlay.NextSteps.ShouldContain(statics);
    }

    [Fact]
    public void The_s3_custom_domain_serves_static_files_only_so_upload_urls_stay_signed()
    {
        var settings = Scenario.SettingsOf(Render("docker", Database.Postgres, Storage.S3)).Content;

        // A global AWS_S3_CUSTOM_DOMAIN would reach the uploads' storage too, whose URLs it leaves unsigned.
        settings.ShouldNotMatch(@"(?m)^AWS_S3_CUSTOM_DOMAIN\s*=");
        Storages(settings, "default").ShouldNotContain("custom_domain");
        Storages(settings, "staticfiles").ShouldContain("\"custom_domain\": env(\"AWS_S3_CUSTOM_DOMAIN\", default=None)");
    }

    [Fact]
    public void Object_stores_need_the_storages_setting_of_django_4_2()
    {
        using var project = TempProject.From("django42");
        project.Write("shop/settings.py", project.Read("shop/settings.py").Replace("using Django 4.2.28", "using Django 4.1.13"));
        var detected = new Scaffolder.Detection.ProjectDetector(Scenario.Catalog.CurrentLts).Detect(project.Root);

        Compatibility.Blocker(detected, new ProjectAnswers("docker", Database.Postgres, Storage.S3, Server.Gunicorn, "3.12"))
            .ShouldNotBeNull().ShouldContain("needs Django 4.2 or later");
        Compatibility.Blocker(detected, new ProjectAnswers("docker", Database.Postgres, Storage.Whitenoise, Server.Gunicorn, "3.12"))
            .ShouldBeNull();
    }

    [Fact]
    public void Next_steps_never_put_a_secret_value_on_a_command_line()
    {
        foreach (var host in Hosts)
        foreach (var database in new[] { Database.Postgres, Database.Mysql })
        foreach (var storage in new[] { Storage.S3, Storage.Azure })
        {
            var steps = Render(host, database, storage).NextSteps;
            foreach (var command in steps.Split('\n').Select(line => line.Trim()).Where(line => CommandLine().IsMatch(line)))
            {
                // NAME=value where the value is typed out, rather than read from a variable or a command.
                var literal = Assignment().Matches(command).Select(match => match.Groups["name"].Value).Except(NotSecret);
                literal.ShouldBeEmpty($"{host}: {command}");
                command.ShouldNotContain("PASSWORD@", customMessage: $"{host}: {command}");
            }
        }
    }

    private static readonly string[] NotSecret = ["DJANGO_SETTINGS_MODULE", "FORWARDED_ALLOW_IPS"];

    [Fact]
    public void Django_trusts_x_forwarded_proto_only_on_hosts_whose_router_is_the_only_way_in()
    {
        foreach (var host in Hosts)
        {
            var facts = Scenario.Catalog.Host(host);
            var overlay = Render(host, Database.Postgres, Storage.Whitenoise);
            var settings = Scenario.SettingsOf(overlay).Content;

            Regex.IsMatch(settings, @"(?m)^SECURE_PROXY_SSL_HEADER\s*=").ShouldBe(facts.ProxyHeaderTrusted, host.ToString());
            if (facts.ForwardedAllowIps.Length > 0)
            {
                var manifest = File(overlay, ManifestOf(host));
                manifest.ShouldContain("FORWARDED_ALLOW_IPS");
                manifest.ShouldContain($"\"{facts.ForwardedAllowIps}\"");
            }
        }
        Scenario.Catalog.Host("docker").ProxyHeaderTrusted.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Server.Gunicorn, "production_wsgi", "CONTENT_LENGTH")]
    [InlineData(Server.Uvicorn, "production_asgi", "content-length")]
    public void The_web_server_runs_the_application_behind_a_request_size_check(Server server, string module, string header)
    {
        var overlay = Render("heroku", Database.Postgres, Storage.Whitenoise, server);
        var entry = File(overlay, $"mysite/{module}.py");

        entry.ShouldContain("from mysite.");
        entry.ShouldContain(header);
        entry.ShouldContain("413");
        File(overlay, "Procfile").ShouldContain($"mysite.{module}:application");
        File(overlay, "Dockerfile").ShouldContain($"mysite.{module}:application");
        Scenario.SettingsOf(overlay).Content.ShouldContain("REQUEST_BODY_MAX_BYTES = env.int(\"DJANGO_REQUEST_BODY_MAX_BYTES\"");
        if (server == Server.Gunicorn)
        {
            var config = File(overlay, "gunicorn.conf.py");
            config.ShouldContain("worker_class = \"gthread\"");
            config.ShouldContain("WEB_CONCURRENCY");
            File(overlay, "Procfile").ShouldContain("--config gunicorn.conf.py");
        }
        else
        {
            overlay.Files.ShouldNotContain(file => file.Path == "gunicorn.conf.py");
        }
    }

    [Fact]
    public void Compose_publishes_the_site_on_loopback_only()
    {
        var compose = Yaml(File(Render("docker", Database.Postgres, Storage.Whitenoise), "compose.yaml"));

        var ports = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)compose["services"])["web"])["ports"];
        ports.Select(port => port.ToString()).ShouldBe(["127.0.0.1:8000:8000"]);
    }

    [Fact]
    public void The_image_gives_uploads_a_folder_the_app_user_owns_and_compose_a_volume()
    {
        var overlay = Render("docker", Database.Postgres, Storage.Whitenoise);
        var dockerfile = File(overlay, "Dockerfile");

        dockerfile.ShouldContain("RUN mkdir -p /app/media && chown app:app /app/media");
        dockerfile.IndexOf("chown app:app /app/media", StringComparison.Ordinal).ShouldBeLessThan(dockerfile.IndexOf("USER app", StringComparison.Ordinal));
        File(overlay, "compose.yaml").ShouldContain("- media:/app/media");
        overlay.NextSteps.ShouldContain("WhiteNoise serves static files only");
    }

    [Fact]
    public void The_local_env_never_holds_an_empty_value()
    {
        foreach (var host in Hosts)
        foreach (var database in new[] { Database.Postgres, Database.Mysql, Database.Sqlite })
        foreach (var storage in new[] { Storage.Whitenoise, Storage.S3, Storage.Gcs, Storage.Azure })
        {
            var env = File(Render(host, database, storage), ".env");
            // An empty value in the env_file overrides the image's own (DATABASE_URL in the SQLite image).
            env.Split('\n').Where(line => Regex.IsMatch(line, "^[A-Z_]+=$")).ShouldBeEmpty($"{host} {database} {storage}");
        }
        File(Render("docker", Database.Sqlite, Storage.Whitenoise), ".env").ShouldNotContain("\nDATABASE_URL=");
    }

    [Fact]
    public void Every_list_variable_is_stripped_of_spaces()
    {
        var settings = Scenario.SettingsOf(Render("heroku", Database.Postgres, Storage.Whitenoise)).Content;

        var lists = Regex.Matches(settings, @"env\.list\(").Count;
        lists.ShouldBeGreaterThanOrEqualTo(4);
        Regex.Matches(settings, @"_stripped\(\s*env\.list\(").Count.ShouldBe(lists);
        settings.ShouldContain("SECRET_KEY_FALLBACKS = _stripped(env.list(\"DJANGO_SECRET_KEY_FALLBACKS\"");
    }

    [Fact]
    public void Database_connections_require_tls_on_hosts_whose_databases_take_it()
    {
        foreach (var host in Hosts)
        foreach (var (database, option) in new[] { (Database.Postgres, "\"sslmode\", \"require\""), (Database.Mysql, "\"ssl_mode\", \"REQUIRED\"") })
        {
            var tls = Scenario.Catalog.Host(host).DatabaseTls.Contains(ChoiceNames.Name(database));
            var settings = Scenario.SettingsOf(Render(host, database, Storage.Whitenoise)).Content;

            settings.ShouldContain($"if env.bool(\"DJANGO_DATABASE_TLS\", default={(tls ? "True" : "False")}):");
            settings.ShouldContain($".setdefault({option})");
        }
        Scenario.Catalog.Host("heroku").DatabaseTls.ShouldBe(["postgres", "mysql"]);
        Scenario.Catalog.Host("fly").DatabaseTls.ShouldBe(["postgres", "mysql"]);
        Scenario.Catalog.Host("docker").DatabaseTls.ShouldBeEmpty();
    }

    [Fact]
    public void Logging_gives_disallowed_hosts_one_line_quiets_storage_clients_and_mails_admins_from_the_environment()
    {
        var settings = Scenario.SettingsOf(Render("docker", Database.Postgres, Storage.Azure)).Content;

        settings.ShouldContain("\"django.security.DisallowedHost\": {\"handlers\": [\"console_one_line\"], \"propagate\": False}");
        settings.ShouldContain("\"filters\": [\"without_traceback\"]");
        settings.ShouldContain("\"azure\": {\"level\": \"WARNING\"}");
        Scenario.SettingsOf(Render("docker", Database.Postgres, Storage.S3)).Content.ShouldContain("\"botocore\": {\"level\": \"WARNING\"}");
        settings.ShouldContain("ADMINS = [(\"\", address) for address in _stripped(env.list(\"DJANGO_ADMINS\"");
        settings.ShouldContain("\"class\": \"django.utils.log.AdminEmailHandler\"");
    }

    [Fact]
    public void Django_6_adds_a_report_only_content_security_policy_and_plain_admin_addresses()
    {
        using var project = TempProject.From("django61");
        var overlay = new Scenario("django61", "docker", Database.Postgres, Storage.Whitenoise).Render(project);
        var settings = Scenario.SettingsOf(overlay).Content;

        settings.ShouldContain("MIDDLEWARE.append(\"django.middleware.csp.ContentSecurityPolicyMiddleware\")");
        settings.ShouldContain("env(\"DJANGO_CSP_REPORT_ONLY\", default=\"\")");
        settings.ShouldNotMatch(@"(?m)^SECURE_CSP\s*=");
        settings.ShouldContain("ADMINS = _stripped(env.list(\"DJANGO_ADMINS\"");

        var older = Scenario.SettingsOf(Render("docker", Database.Postgres, Storage.Whitenoise)).Content;
        older.ShouldNotContain("csp");
    }

    [Fact]
    public void Host_prefixed_cookies_are_opt_in_and_the_hsts_comment_names_its_commitments()
    {
        var settings = Scenario.SettingsOf(Render("heroku", Database.Postgres, Storage.Whitenoise)).Content;

        settings.ShouldContain("if env.bool(\"DJANGO_HOST_PREFIXED_COOKIES\", default=False):\n    SESSION_COOKIE_NAME = \"__Host-sessionid\"");
        settings.ShouldContain("includeSubDomains applies that to every subdomain");
        settings.ShouldContain("leaving the list takes months");
    }

    private static Overlay Render(string host, Database database, Storage storage, Server server = Server.Gunicorn)
    {
        using var project = TempProject.From("django52");
        return new Scenario("django52", host, database, storage, server).Render(project);
    }

    private static string File(Overlay overlay, string path) => overlay.Files.Single(file => file.Path == path).Content;

    // A host's manifest is the first of its own files.
    private static string ManifestOf(string host) => Scenario.Catalog.Host(host).Files[0].Path;

    // The text of one entry of STORAGES, from its key to the next entry (or the end of the dict).
    private static string Storages(string settings, string alias)
    {
        var start = settings.IndexOf($"    \"{alias}\": {{", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"STORAGES has no '{alias}'");
        var end = settings.IndexOf("\n    },\n", start, StringComparison.Ordinal);
        return settings[start..end];
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    [GeneratedRegex(@"^(heroku|fly|docker|render)\s")]
    private static partial Regex CommandLine();

    // NAME=value with a value typed out (a placeholder too), rather than a $variable or a "$(command)".
    [GeneratedRegex("""\b(?<name>[A-Z][A-Z0-9_]+)=(?!["']?\$)\S""")]
    private static partial Regex Assignment();
}
