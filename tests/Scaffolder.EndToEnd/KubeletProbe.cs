using System.Net;

namespace Scaffolder.EndToEnd;

/// <summary>
/// A workload's HTTP probes sent as the kubelet sends them: plain HTTP GET of the probe's path, with Host the pod's
/// address and the probe's port, <c>User-Agent: kube-probe/MAJOR.MINOR</c>, <c>Accept: */*</c>, no cookies, no
/// X-Forwarded-Proto. A probe passes on 200 to 399; the suite asks for 200.
/// </summary>
public static class KubeletProbe
{
    /// <summary>A pod network address, as the kubelet names the pod it probes (the request goes to loopback here).</summary>
    private const string PodAddress = "10.244.1.17";

    /// <param name="port">Where the web server listens here; the pod's container port is what the probe names.</param>
    public static void CheckAll(KubernetesPod pod, IReadOnlyDictionary<string, string> environment, int port)
    {
        var probes = pod.HttpProbes();
        if (probes.Count == 0)
            throw new StepFailed("the web container has no HTTP probes");
        var listens = environment.GetValueOrDefault("PORT");
        foreach (var (probe, path, named) in probes)
        {
            var containerPort = pod.ContainerPort(named);
            if (listens != containerPort.ToString())
                throw new StepFailed($"{probe} probes port {containerPort}, but the pod's PORT (where the server binds) is {listens ?? "unset"}");
            foreach (var host in new[] { $"{PodAddress}:{containerPort}", $"127.0.0.1:{containerPort}" })
            {
                using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(5) };
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
                request.Headers.Host = host;
                request.Headers.TryAddWithoutValidation("User-Agent", "kube-probe/1.32");
                request.Headers.TryAddWithoutValidation("Accept", "*/*");
                request.Headers.ConnectionClose = true;
                using var response = http.Send(request);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new StepFailed($"{probe} GET {path} with Host {host} answered {(int)response.StatusCode}, not 200");
            }
        }
    }
}
