using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scaffolder.Answers;
using Scaffolder.Cli;
using Scaffolder.Rendering;
using Scaffolder.Testing;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// A Kustomize folder holds together as a cluster would need it: every selector picks the web pods, every port is
/// the container's, the migration Job runs the release step with the web pods' image and settings, the pods are
/// sized and hardened, and the secrets stay in the git-ignored secret.env. For every host whose files include a
/// kustomization.yaml, with every storage and server (each rendered object's schema is ManifestSchemaTests').
/// </summary>
public partial class KubernetesManifestTests
{
    /// <summary>The hosts whose files include a kustomization.</summary>
    private static readonly string[] KustomizeHosts = [..
        Scenario.Catalog.Hosts.Where(host => host.Files.Any(file => Path.GetFileName(file.Path) == "kustomization.yaml")).Select(host => host.Name)];

    /// <summary>Every Kustomize host with every database a cluster can use, storage and server.</summary>
    public static TheoryData<string, string, string, string> Answers { get; } = [..
        from host in KustomizeHosts
        from database in new[] { "postgres", "mysql" }
        from storage in Scenario.Catalog.Choices.Storage
        from server in Scenario.Catalog.Choices.Server
        select (host, database, storage.Name, server.Name)];

    [Theory]
    [MemberData(nameof(Answers))]
    public void Every_selector_picks_the_web_pods_and_none_picks_the_migration(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var deployment = folder.Single("Deployment");
        var pods = Labels(deployment["spec"]!["template"]!["metadata"]!["labels"]);
        var migration = Labels(folder.Single("Job")["spec"]!["template"]!["metadata"]!["labels"]);

        var selectors = new Dictionary<string, JsonNode?>
        {
            ["Deployment selector"] = deployment["spec"]!["selector"]!["matchLabels"],
            ["Service selector"] = folder.Single("Service")["spec"]!["selector"],
            ["PodDisruptionBudget selector"] = folder.Single("PodDisruptionBudget")["spec"]!["selector"]!["matchLabels"],
            ["NetworkPolicy podSelector"] = folder.Single("NetworkPolicy")["spec"]!["podSelector"]!["matchLabels"],
        };
        foreach (var (index, spread) in deployment["spec"]!["template"]!["spec"]!["topologySpreadConstraints"]!.AsArray().Index())
            selectors[$"topologySpreadConstraints[{index}]"] = spread!["labelSelector"]!["matchLabels"];

        foreach (var (name, selector) in selectors)
        {
            var wanted = Labels(selector);
            wanted.ShouldNotBeEmpty(name);
            wanted.ShouldBeSubsetOf(pods, $"{name} must pick the web pods");
            wanted.IsSubsetOf(migration).ShouldBeFalse($"{name} must not pick the migration's pod");
        }
        var target = folder.Single("HorizontalPodAutoscaler")["spec"]!["scaleTargetRef"]!;
        ((string?)target["kind"], (string?)target["apiVersion"], (string?)target["name"])
            .ShouldBe(("Deployment", (string?)deployment["apiVersion"], (string?)deployment["metadata"]!["name"]));
        ((string?)folder.Single("Ingress")["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["name"])
            .ShouldBe((string?)folder.Single("Service")["metadata"]!["name"]);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void Only_the_deployment_is_labelled_web_so_a_release_can_apply_everything_else_first(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var component = Labels(folder.Single("Deployment")["metadata"]!["labels"]).Single(label => label.StartsWith("app.kubernetes.io/component=", StringComparison.Ordinal));

        // The next steps apply `-l 'app.kubernetes.io/component!=web'` first: the Job and everything it needs, not the pods.
        folder.Overlay.NextSteps.ShouldContain($"-l '{component.Replace("=", "!=")}'");
        folder.Objects.Values.Where(node => Labels(node["metadata"]!["labels"]).Contains(component)).Select(node => (string?)node["kind"])
            .ShouldBe(["Deployment"]);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void Probes_service_and_policy_reach_the_port_the_server_listens_on(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var container = folder.WebContainer;
        var port = (int)container["ports"]![0]!["containerPort"]!;
        int Resolve(JsonNode? reference) => reference!.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? (int)reference
            : (int)container["ports"]!.AsArray().Single(entry => (string?)entry!["name"] == (string?)reference)!["containerPort"]!;

        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            Resolve(container[probe]!["httpGet"]!["port"]).ShouldBe(port, probe);
        Resolve(folder.Single("Service")["spec"]!["ports"]![0]!["targetPort"]).ShouldBe(port, "Service targetPort");
        Resolve(folder.Single("NetworkPolicy")["spec"]!["ingress"]![0]!["ports"]![0]!["port"]).ShouldBe(port, "NetworkPolicy port");
        // The server binds $PORT: the ConfigMap must say the container's port.
        folder.ConfigLiterals["PORT"].ShouldBe(port.ToString());
        ((string?)container["startupProbe"]!["httpGet"]!["path"]).ShouldBe("/healthz");
        ((string?)container["livenessProbe"]!["httpGet"]!["path"]).ShouldBe("/healthz");
        ((string?)container["readinessProbe"]!["httpGet"]!["path"]).ShouldBe("/readyz");
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void The_migration_job_runs_the_release_step_with_the_web_pods_image_and_settings(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var web = folder.Single("Deployment")["spec"]!["template"]!["spec"]!;
        var job = folder.Single("Job");
        var migrate = job["spec"]!["template"]!["spec"]!;
        var container = migrate["containers"]![0]!;

        Same(container["image"], folder.WebContainer["image"]).ShouldBeTrue("image");
        Same(container["envFrom"], folder.WebContainer["envFrom"]).ShouldBeTrue("envFrom: the same ConfigMap and Secret");
        Same(container["env"], folder.WebContainer["env"]).ShouldBeTrue("env");
        Same(container["securityContext"], folder.WebContainer["securityContext"]).ShouldBeTrue("container securityContext");
        Same(migrate["securityContext"], web["securityContext"]).ShouldBeTrue("pod securityContext");
        Same(migrate["serviceAccountName"], web["serviceAccountName"]).ShouldBeTrue("serviceAccountName");
        container["command"]!.AsArray().Select(word => (string?)word).ShouldBe(["sh", "-c", folder.Model.Commands.Release]);
        ((string?)migrate["restartPolicy"]).ShouldBe("Never");
        ((int)job["spec"]!["backoffLimit"]!).ShouldBeInRange(1, 5);
        ((int)job["spec"]!["ttlSecondsAfterFinished"]!).ShouldBeGreaterThan(0);
        migrate["initContainers"].ShouldBeNull();
        web["initContainers"].ShouldBeNull("migrations never run in every replica");
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void The_kustomization_lists_every_object_sets_the_image_and_names_the_job_after_its_tag(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var kustomization = folder.Kustomization;
        var jobName = (string?)folder.Single("Job")["metadata"]!["name"];

        kustomization["resources"]!.AsArray().Select(resource => (string?)resource).Order()
            .ShouldBe(folder.Objects.Keys.Order());
        ((string?)kustomization["images"]![0]!["name"]).ShouldBe((string?)folder.WebContainer["image"]);
        var replacement = kustomization["replacements"]![0]!;
        ((string?)replacement["source"]!["name"]).ShouldBe(jobName);
        ((string?)replacement["source"]!["fieldPath"]).ShouldBe($"spec.template.spec.containers.[name={(string?)folder.Single("Job")["spec"]!["template"]!["spec"]!["containers"]![0]!["name"]}].image");
        ((string?)replacement["targets"]![0]!["select"]!["name"]).ShouldBe(jobName);
        // The tag goes after the name's last part (an index past the end appends): it replaces no part of the name.
        var index = (int)replacement["targets"]![0]!["options"]!["index"]!;
        jobName!.Split('-').Length.ShouldBe(index);
        ((string?)kustomization["configMapGenerator"]![0]!["name"]).ShouldBe((string?)folder.WebContainer["envFrom"]![0]!["configMapRef"]!["name"]);
        ((string?)kustomization["secretGenerator"]![0]!["name"]).ShouldBe((string?)folder.WebContainer["envFrom"]![1]!["secretRef"]!["name"]);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void The_web_pods_run_unprivileged_on_a_read_only_root_as_the_images_user(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var pod = folder.Single("Deployment")["spec"]!["template"]!["spec"]!;
        var container = folder.WebContainer;
        var imageUser = UseraddUid().Match(folder.File("Dockerfile")).Groups["uid"].Value;

        ((bool)pod["securityContext"]!["runAsNonRoot"]!).ShouldBeTrue();
        ((string)pod["securityContext"]!["runAsUser"]!.ToString()).ShouldBe(imageUser);
        ((string?)pod["securityContext"]!["seccompProfile"]!["type"]).ShouldBe("RuntimeDefault");
        ((bool)pod["automountServiceAccountToken"]!).ShouldBeFalse();
        ((bool)folder.Single("ServiceAccount")["automountServiceAccountToken"]!).ShouldBeFalse();
        ((bool)container["securityContext"]!["readOnlyRootFilesystem"]!).ShouldBeTrue();
        ((bool)container["securityContext"]!["allowPrivilegeEscalation"]!).ShouldBeFalse();
        container["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(capability => (string?)capability).ShouldBe(["ALL"]);
        // What is written at run time has a volume of its own: temporary files, and the uploads where they are local.
        var mounts = container["volumeMounts"]!.AsArray().Select(mount => (string?)mount!["mountPath"]).ToList();
        mounts.ShouldContain("/tmp");
        if (storage == "whitenoise")
            mounts.ShouldContain("/app/media");
        // gunicorn's control socket goes to XDG_RUNTIME_DIR, which must be a volume (its default, $HOME, is on the root).
        if (server == "gunicorn")
            mounts.ShouldContain(folder.ConfigLiterals["XDG_RUNTIME_DIR"]);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_rollout_keeps_two_pods_serving_and_stops_each_after_the_server_has_finished(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var deployment = folder.Single("Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var hpa = folder.Single("HorizontalPodAutoscaler")["spec"]!;

        ((int)deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]!).ShouldBe(0);
        ((int)hpa["minReplicas"]!).ShouldBeGreaterThanOrEqualTo(2);
        ((int)folder.Single("PodDisruptionBudget")["spec"]!["minAvailable"]!).ShouldBeInRange(1, (int)hpa["minReplicas"]! - 1);
        deployment["spec"]!["replicas"].ShouldBeNull("the autoscaler owns the count; applying must not reset it");
        // The kubelet's grace period covers the preStop pause, then the server's graceful shutdown after SIGTERM.
        var pause = int.Parse((string)folder.WebContainer["lifecycle"]!["preStop"]!["exec"]!["command"]![1]!);
        pause.ShouldBeGreaterThan(0);
        var grace = (int)pod["terminationGracePeriodSeconds"]!;
        if (server == "gunicorn")
        {
            var graceful = int.Parse(GracefulTimeout().Match(folder.File("gunicorn.conf.py")).Groups["seconds"].Value);
            grace.ShouldBeGreaterThan(pause + graceful);
        }
        grace.ShouldBe(pause + folder.Model.Host.StopTimeout);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void Workers_are_sized_from_the_pods_cpu_limit_not_set_by_hand(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var resources = folder.WebContainer["resources"]!;

        foreach (var kind in new[] { "requests", "limits" })
            foreach (var resource in new[] { "cpu", "memory" })
                resources[kind]![resource].ShouldNotBeNull($"{kind}.{resource}");
        // The cgroup quota the limit sets is what the server counts its CPUs from (ServerSizingTests): nothing may
        // override it with a fixed number of workers.
        folder.ConfigLiterals.ShouldNotContainKey("WEB_CONCURRENCY");
        folder.File("deploy/kubernetes/secret.env").ShouldNotContain("WEB_CONCURRENCY=");
        folder.WebContainer["env"].ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void Secrets_stay_in_secret_env_which_git_and_the_image_leave_out(string host, string database, string storage, string server)
    {
        var folder = Render(host, database, storage, server);
        var secretFile = (string)folder.Kustomization["secretGenerator"]![0]!["envs"]![0]!;
        var path = $"deploy/kubernetes/{secretFile}";

        folder.Overlay.Files.Single(file => file.Path == path).HoldsSecrets.ShouldBeTrue();
        folder.Overlay.Files.Single(file => file.Path == path + ".example").HoldsSecrets.ShouldBeFalse();
        folder.File(".gitignore").Split('\n').ShouldContain("/" + path);
        folder.File(".dockerignore").Split('\n').ShouldContain(path);
        // A key of its own, not the local .env's; no other file holds either key, nor the next steps.
        folder.Overlay.Files.Where(file => file.Content.Contains(Scenario.FixedSecrets.DeploySecretKey)).Select(file => file.Path).ShouldBe([path]);
        folder.Overlay.Files.Where(file => file.Content.Contains(Scenario.FixedSecrets.SecretKey)).Select(file => file.Path).ShouldBe([".env"]);
        folder.Overlay.NextSteps.ShouldNotContain(Scenario.FixedSecrets.DeploySecretKey);
        // The example names every secret the settings need.
        var example = folder.File(path + ".example");
        foreach (var name in (string[])["DJANGO_SECRET_KEY", "DATABASE_URL", "EMAIL_URL", .. folder.Model.RequiredStorageVariables])
            example.ShouldContain($"\n{name}=");
    }

    [Fact]
    public void A_users_edits_to_the_manifests_are_merged_with_a_template_upgrade()
    {
        var host = KustomizeHosts[0];
        using var project = TempProject.From("django52").WithGit();
        string[] flags = ["apply", project.Root, "--host", host, "--database", "postgres", "--storage", "whitenoise", "--yes"];
        CliRun.Of(flags).ExitCode.ShouldBe(ExitCode.Done);
        // What the next steps ask: the site's host, the release's image; and a pod sized up.
        foreach (var file in new[] { "deploy/kubernetes/kustomization.yaml", "deploy/kubernetes/ingress.yaml" })
            project.Replace(file, "www.example.com", "shop.example.org");
        project.Replace("deploy/kubernetes/kustomization.yaml", "newTag: \"1\"", "newTag: \"2026.11.25\"");
        project.Replace("deploy/kubernetes/deployment.yaml", "memory: 512Mi", "memory: 1Gi");
        var (templates, source) = TempProject.CopyOfTemplates();
        using var _ = templates;
        templates.Replace($"hosts/{host}/kustomization.yaml.sbn", "    includeTemplates: true\n", "    includeTemplates: true\n    includeSelectors: false\n");

        var run = CliRun.Of(source, [.. flags[..2], "--yes"]);

        run.ExitCode.ShouldBe(ExitCode.Done, run.Error);
        var kustomization = project.Read("deploy/kubernetes/kustomization.yaml");
        kustomization.ShouldContain("DJANGO_ALLOWED_HOSTS=shop.example.org");
        kustomization.ShouldContain("newTag: \"2026.11.25\"");
        kustomization.ShouldContain("    includeTemplates: true\n    includeSelectors: false\n");
        project.Read("deploy/kubernetes/ingress.yaml").ShouldContain("- host: shop.example.org");
        project.Read("deploy/kubernetes/deployment.yaml").ShouldContain("memory: 1Gi");
    }

    /// <summary>The rendered overlay and its Kustomize folder's objects, by file name.</summary>
    private sealed record KustomizeFolder(Overlay Overlay, TemplateModel Model, JsonNode Kustomization, IReadOnlyDictionary<string, JsonNode> Objects)
    {
        public JsonNode Single(string kind) => Objects.Values.Single(node => (string?)node["kind"] == kind);

        public JsonNode WebContainer => Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;

        public string File(string path) => Overlay.Files.Single(file => file.Path == path).Content;

        public IReadOnlyDictionary<string, string> ConfigLiterals =>
            Kustomization["configMapGenerator"]![0]!["literals"]!.AsArray()
                .Select(literal => ((string)literal!).Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    private static KustomizeFolder Render(string host, string database, string storage, string server)
    {
        using var project = TempProject.From("django52");
        var scenario = new Scenario("django52", host, Enum.Parse<Database>(database, true), Enum.Parse<Storage>(storage, true), Enum.Parse<Server>(server, true));
        var overlay = scenario.Render(project);
        var detected = new Scaffolder.Detection.ProjectDetector(Scenario.Catalog.CurrentLts).Detect(project.Root);
        var model = TemplateModelFactory.Create(Scenario.Catalog, detected,
            new ProjectAnswers(host, scenario.Database, scenario.Storage, scenario.Server, Scenario.Catalog.NewestPython), Scenario.FixedSecrets);
        var kustomization = overlay.Files.Single(file => Path.GetFileName(file.Path) == "kustomization.yaml");
        var folder = Path.GetDirectoryName(kustomization.Path)!;
        var objects = overlay.Files
            .Where(file => Path.GetDirectoryName(file.Path) == folder && file.Path.EndsWith(".yaml", StringComparison.Ordinal) && file != kustomization)
            .ToDictionary(file => Path.GetFileName(file.Path), file => YamlJson.Parse(file.Content)!);
        return new KustomizeFolder(overlay, model, YamlJson.Parse(kustomization.Content)!, objects);
    }

    private static HashSet<string> Labels(JsonNode? labels) =>
        [.. (labels?.AsObject() ?? []).Select(pair => $"{pair.Key}={(string?)pair.Value}")];

    private static bool Same(JsonNode? one, JsonNode? other) => JsonNode.DeepEquals(one, other);

    [GeneratedRegex(@"useradd [^\n]*--uid (?<uid>\d+)")]
    private static partial Regex UseraddUid();

    [GeneratedRegex(@"graceful_timeout = int\(os\.environ\.get\(""GUNICORN_GRACEFUL_TIMEOUT""\) or (?<seconds>\d+)\)")]
    private static partial Regex GracefulTimeout();
}
