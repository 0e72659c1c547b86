using System.Text;

namespace Scaffolder.EndToEnd;

/// <summary>
/// A workload of a Kustomize build (a Deployment, a Job) as the kubelet runs its first container: the command, the
/// environment built from envFrom's ConfigMaps and Secrets (later sources win, a Secret's data decoded) and then env,
/// over the image's ENV; and its HTTP probes.
/// </summary>
public sealed class KubernetesPod(Manifest build, string kind)
{
    private IReadOnlyDictionary<string, object> Workload =>
        build.Find(kind) as IReadOnlyDictionary<string, object> ?? throw new StepFailed($"kustomize build made no {kind}");

    private IReadOnlyDictionary<string, object> PodSpec =>
        Map(Map(Map(Workload, "spec"), "template"), "spec");

    public IReadOnlyDictionary<string, object> Container =>
        (PodSpec.GetValueOrDefault("containers") as IReadOnlyList<object>)?.FirstOrDefault() as IReadOnlyDictionary<string, object>
        ?? throw new StepFailed($"the {kind} has no container");

    public string? Image => Container.GetValueOrDefault("image") as string;

    /// <summary>command and args as one line for sh -c, or null when the container leaves the image's CMD.</summary>
    public IReadOnlyList<string>? Command =>
        Container.GetValueOrDefault("command") is IReadOnlyList<object> command
            ? [.. command.Cast<string>(), .. (Container.GetValueOrDefault("args") as IReadOnlyList<object> ?? []).Cast<string>()]
            : null;

    /// <summary>The container's root filesystem is read-only (securityContext.readOnlyRootFilesystem).</summary>
    public bool ReadOnlyRoot =>
        (Container.GetValueOrDefault("securityContext") as IReadOnlyDictionary<string, object>)?.GetValueOrDefault("readOnlyRootFilesystem") as string == "true";

    /// <summary>Where the container mounts volumes.</summary>
    public IReadOnlyList<string> MountPaths =>
        [.. (Container.GetValueOrDefault("volumeMounts") as IReadOnlyList<object> ?? []).Cast<IReadOnlyDictionary<string, object>>().Select(mount => (string)mount["mountPath"])];

    public string? RunAsUser => (PodSpec.GetValueOrDefault("securityContext") as IReadOnlyDictionary<string, object>)?.GetValueOrDefault("runAsUser") as string;

    /// <summary>The variables the kubelet sets in the container (the image's ENV is beneath them).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in (Container.GetValueOrDefault("envFrom") as IReadOnlyList<object> ?? []).Cast<IReadOnlyDictionary<string, object>>())
        {
            var prefix = source.GetValueOrDefault("prefix") as string ?? "";
            foreach (var (key, value) in SourceData(source))
                environment[prefix + key] = value;
        }
        foreach (var variable in (Container.GetValueOrDefault("env") as IReadOnlyList<object> ?? []).Cast<IReadOnlyDictionary<string, object>>())
        {
            var name = (string)variable["name"];
            environment[name] = variable.GetValueOrDefault("value") as string
                ?? throw new StepFailed($"{kind} env {name}: only literal values are supported by the suite");
        }
        return environment;
    }

    /// <summary>The HTTP probes (kind, path, port as written: a number or a port's name), in the order written.</summary>
    public IReadOnlyList<(string Probe, string Path, string Port)> HttpProbes() =>
    [
        .. new[] { "startupProbe", "livenessProbe", "readinessProbe" }
            .Where(Container.ContainsKey)
            .Select(probe => (probe, Map(Map(Container, probe), "httpGet")))
            .Select(pair => (pair.probe, (string)pair.Item2["path"], (string)pair.Item2["port"])),
    ];

    /// <summary>The container port a probe's port names (by name or number).</summary>
    public int ContainerPort(string port)
    {
        foreach (var entry in (Container.GetValueOrDefault("ports") as IReadOnlyList<object> ?? []).Cast<IReadOnlyDictionary<string, object>>())
        {
            if (entry.GetValueOrDefault("name") as string == port || entry.GetValueOrDefault("containerPort") as string == port)
                return int.Parse((string)entry["containerPort"]);
        }
        throw new StepFailed($"the {kind}'s container has no port {port}");
    }

    private IEnumerable<KeyValuePair<string, string>> SourceData(IReadOnlyDictionary<string, object> source)
    {
        var (reference, sourceKind) = source.GetValueOrDefault("configMapRef") is IReadOnlyDictionary<string, object> configMap
            ? (configMap, "ConfigMap")
            : ((IReadOnlyDictionary<string, object>)source["secretRef"], "Secret");
        var name = (string)reference["name"];
        var item = build.Named(sourceKind, name) ?? throw new StepFailed($"the {kind} reads {sourceKind} {name}, which kustomize build did not make");
        var data = (item.GetValueOrDefault("data") as IReadOnlyDictionary<string, object> ?? new Dictionary<string, object>())
            .Select(pair => KeyValuePair.Create(pair.Key, sourceKind == "Secret" ? Encoding.UTF8.GetString(Convert.FromBase64String((string)pair.Value)) : (string)pair.Value));
        var stringData = (item.GetValueOrDefault("stringData") as IReadOnlyDictionary<string, object> ?? new Dictionary<string, object>())
            .Select(pair => KeyValuePair.Create(pair.Key, (string)pair.Value));
        return data.Concat(stringData);
    }

    private static IReadOnlyDictionary<string, object> Map(IReadOnlyDictionary<string, object> parent, string key) =>
        parent.GetValueOrDefault(key) as IReadOnlyDictionary<string, object> ?? throw new StepFailed($"no {key} where the suite expects one");
}
