using System.Text.RegularExpressions;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// The environment, as shipped: .env.example names every variable any rendered file reads and nothing none reads;
/// .env holds no empty value and nothing .env.example does not explain; each manifest sets only listed variables.
/// </summary>
public partial class EnvironmentVariablesTests
{
    /// <summary>
    /// Variables a platform or a runtime sets, or a host's manifest sets for the platform (Cloud Run's service URL), never
    /// the user's .env: no .env.example line is owed for them.
    /// </summary>
    private static readonly string[] SetByThePlatform =
        ["HEROKU_APP_DEFAULT_DOMAIN_NAME", "RENDER_EXTERNAL_HOSTNAME", "FLY_APP_NAME", "RAILWAY_PUBLIC_DOMAIN", "CLOUD_RUN_SERVICE_URL", "DIGITALOCEAN_APP_DOMAIN", "APP_DOMAIN", "CONTAINER_APP_NAME", "CONTAINER_APP_ENV_DNS_SUFFIX", "PORT", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK", "DJANGO_SETTINGS_MODULE",
         // A session's runtime folder, where gunicorn puts its control socket: a Kubernetes pod's /tmp volume.
         "XDG_RUNTIME_DIR"];

    /// <summary>Read by the web servers (gunicorn, uvicorn) or the storage clients (boto3, google-auth) themselves.</summary>
    private static readonly string[] ReadByTheirLibraries =
        ["FORWARDED_ALLOW_IPS", "WEB_CONCURRENCY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GOOGLE_APPLICATION_CREDENTIALS"];

    private static (Dictionary<string, string> Files, string Example, string Env) Rendered(string scenarioName)
    {
        var scenario = Scenario.Named(scenarioName);
        using var project = TempProject.From(scenario.Fixture);
        var files = scenario.Render(project).Files.ToDictionary(file => file.Path, file => file.Content);
        return (files, files[".env.example"], files[".env"]);
    }

    private static List<string> Keys(string envFile) =>
        [.. envFile.Split('\n').Where(line => !line.StartsWith('#') && line.Contains('=')).Select(line => line[..line.IndexOf('=')])];

    /// <summary>The variables a file names: set, or shown commented out with an example value (<c># WEB_CONCURRENCY=3</c>).</summary>
    private static List<string> Named(string envFile) =>
        [.. Keys(envFile), .. envFile.Split('\n').Select(line => CommentedExample().Match(line)).Where(match => match.Success).Select(match => match.Groups["name"].Value)];

    /// <summary>What the Python files read (env("X"), env.int("X"), os.environ.get("X")) and the manifests interpolate (${X}).</summary>
    private static HashSet<string> Read(Dictionary<string, string> files) =>
        [.. files.Where(file => file.Key != ".env" && file.Key != ".env.example")
            .SelectMany(file => Reads().Matches(file.Value).Select(match => match.Groups["name"].Value))];

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Env_example_lists_every_variable_a_rendered_file_reads(string scenarioName)
    {
        var (files, example, _) = Rendered(scenarioName);

        Read(files).Except(SetByThePlatform).Except(Named(example)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Env_example_lists_nothing_that_nothing_reads(string scenarioName)
    {
        var (files, example, _) = Rendered(scenarioName);

        Named(example).Except(Read(files)).Except(ReadByTheirLibraries).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Env_holds_no_empty_value_and_only_variables_env_example_explains(string scenarioName)
    {
        var (_, example, env) = Rendered(scenarioName);

        env.Split('\n').Where(line => !line.StartsWith('#') && line.Contains('=')).Where(line => line.EndsWith('=')).ShouldBeEmpty();
        Keys(env).Except(Keys(example)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Each_manifest_sets_only_variables_env_example_explains(string scenarioName)
    {
        var (files, example, _) = Rendered(scenarioName);
        var manifests = Scenario.Catalog.Hosts.SelectMany(host => host.Files).Select(file => file.Path).ToHashSet();

        var set = files.Where(file => manifests.Contains(file.Key)).SelectMany(file => ManifestVariables.Of(file.Key, file.Value)).ToList();

        set.Except(SetByThePlatform).Except(Named(example)).Except(ComposeServiceOnly).ShouldBeEmpty();
    }

    [Fact]
    public void The_variables_of_every_hosts_manifest_are_found()
    {
        foreach (var host in Scenario.Catalog.HostNames)
        {
            using var project = TempProject.From("django52");
            var overlay = new Scenario("django52", host, Answers.Database.Postgres, Answers.Storage.S3).Render(project);
            var manifest = overlay.Files.Single(file => file.Path == Scenario.Catalog.Host(host).Files[0].Path);
            if (CannotDeclareVariables.Contains(manifest.Path))
                continue;

            ManifestVariables.Of(manifest.Path, manifest.Content).ShouldNotBeEmpty(manifest.Path);
        }
    }

    /// <summary>Manifests whose format holds no variables (Railway's config as code: build and deploy only).</summary>
    private static readonly string[] CannotDeclareVariables = ["railway.json"];

    /// <summary>compose.yaml's database service reads these; the app never does.</summary>
    private static readonly string[] ComposeServiceOnly = ["POSTGRES_DB", "POSTGRES_USER", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_RANDOM_ROOT_PASSWORD"];

    [GeneratedRegex("^# (?<name>[A-Z][A-Z0-9_]+)=")]
    private static partial Regex CommentedExample();

    [GeneratedRegex("""(?:env(?:\.\w+)?\(\s*|os\.environ\.get\(\s*|os\.environ\[\s*|os\.getenv\(\s*)["'](?<name>[A-Z][A-Z0-9_]+)["']|\$\{(?<name>[A-Z][A-Z0-9_]+)""")]
    private static partial Regex Reads();
}
