using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AtotiAuth.Deploy.Tests.Configuration;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// Ports line up: a probe asks a port its container exposes (or, for an in-container probe, listens on),
/// an image of ours exposes exactly where it listens, a Service's targetPort and a NetworkPolicy's
/// port are exposed by the pods they select.
/// </summary>
internal static partial class PortChecks
{
    public static readonly string[] Probes = ["startupProbe", "livenessProbe", "readinessProbe"];

    public static List<string> Find(Manifests manifests)
    {
        var findings = new List<string>();
        foreach (var workload in manifests.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                Container(manifests, workload, container, findings);
            }
        }

        foreach (var service in manifests.OfKind("Service").Where(s => s["spec"]?["selector"] is not null))
        {
            var selector = new JsonObject { ["matchLabels"] = service["spec"]!["selector"]!.DeepClone() };
            var pods = Selected(manifests, selector, Manifests.Namespace(service)).ToList();
            foreach (var port in service["spec"]?["ports"]?.AsArray() ?? [])
            {
                var target = port!["targetPort"] ?? port["port"]!;
                foreach (var pod in pods.Where(p => !p.Containers.Any(c => Exposes(c, target))))
                {
                    findings.Add($"{Manifests.Id(service)}: targetPort {target.ToJsonString()} is not a containerPort of {pod.Id}.");
                }
            }
        }

        foreach (var policy in manifests.OfKind("NetworkPolicy").Where(p => p["spec"]?["podSelector"]?.AsObject().Count > 0))
        {
            var pods = Selected(manifests, policy["spec"]!["podSelector"], Manifests.Namespace(policy)).ToList();
            var ports = (policy["spec"]?["ingress"]?.AsArray() ?? []).SelectMany(r => r!["ports"]?.AsArray() ?? []).Select(p => p!["port"]).OfType<JsonNode>();
            foreach (var port in ports)
            {
                foreach (var pod in pods.Where(p => !p.Containers.Any(c => Exposes(c, port))))
                {
                    findings.Add($"{Manifests.Id(policy)}: ingress port {port.ToJsonString()} is not a containerPort of {pod.Id}.");
                }
            }
        }

        return findings;
    }

    /// <summary>The port an in-container probe command connects to, e.g. bash's /dev/tcp/127.0.0.1/9090.</summary>
    public static int? ExecProbePort(JsonNode? probe) =>
        probe?["exec"]?["command"]?.AsArray().Select(a => DevTcp().Match((string?)a ?? string.Empty)).FirstOrDefault(m => m.Success) is { } m
            ? int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture)
            : null;

    public static bool Exposes(JsonObject container, JsonNode port) =>
        (container["ports"]?.AsArray() ?? []).Any(p => port.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? (string?)p!["name"] == (string)port!
            : (int?)p!["containerPort"] == (int)port);

    private static void Container(Manifests manifests, Workload workload, JsonObject container, List<string> findings)
    {
        var where = $"{workload.Id} container {(string?)container["name"]}";
        var ours = ImageContract.OurName(ImageReference.Parse((string?)container["image"] ?? string.Empty)) is not null;
        var listens = ours ? ContainerEnvironment.Listens(ContainerEnvironment.Of(manifests, workload, container)) : [];
        foreach (var name in Probes)
        {
            var probe = container[name];
            var port = probe?["httpGet"]?["port"] ?? probe?["tcpSocket"]?["port"] ?? probe?["grpc"]?["port"];
            if (port is not null && !Exposes(container, port))
            {
                findings.Add($"{where}: {name} asks port {port.ToJsonString()}, which the container does not expose.");
            }

            if (ExecProbePort(probe) is { } inside && ours && !listens.Any(l => l.Port == inside))
            {
                findings.Add($"{where}: {name} connects to port {inside}, where the container does not listen ({string.Join(", ", listens)}).");
            }
        }

        if (!ours)
        {
            return;
        }

        var exposed = (container["ports"]?.AsArray() ?? []).Select(p => (int)p!["containerPort"]!).ToList();
        var reachable = listens.Where(l => !ContainerEnvironment.IsLoopback(l.Host)).Select(l => l.Port).ToList();
        foreach (var port in exposed.Except(reachable))
        {
            findings.Add($"{where}: containerPort {port} is not where the image listens ({string.Join(", ", listens)}).");
        }

        foreach (var port in reachable.Except(exposed))
        {
            findings.Add($"{where}: listens on port {port} for the pod network but declares no containerPort for it.");
        }
    }

    private static IEnumerable<Workload> Selected(Manifests manifests, JsonNode? selector, string ns) =>
        manifests.Workloads.Where(w => w.Namespace == ns && Manifests.Selects(selector, w.Labels));

    [GeneratedRegex(@"/dev/tcp/[^/\s]+/(?<port>\d+)")]
    private static partial Regex DevTcp();
}
