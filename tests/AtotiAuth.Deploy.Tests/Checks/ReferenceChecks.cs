using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// What one rendered object names must exist in the same render: the ConfigMaps and Secrets (with the
/// keys) a pod reads, the objects a Service, NetworkPolicy, PDB, HPA or Ingress points at. Each finding
/// is one sentence naming the object; no finding, no problem.
/// </summary>
internal static class ReferenceChecks
{
    private static readonly string[] RuleDirections = ["ingress", "egress"];

    public static List<string> Find(Manifests manifests)
    {
        var findings = new List<string>();
        foreach (var workload in manifests.Workloads)
        {
            ConfigurationSources(manifests, workload, findings);
        }

        Selectors(manifests, findings);
        Ingresses(manifests, findings);
        findings.AddRange(PortChecks.Find(manifests));
        findings.AddRange(ImageChecks.Find(manifests));
        return findings;
    }

    private static void ConfigurationSources(Manifests manifests, Workload workload, List<string> findings)
    {
        void Need(string where, string kind, JsonNode? reference, IEnumerable<string> keys)
        {
            if (reference is null || (bool?)reference["optional"] == true)
            {
                return;
            }

            var name = (string?)reference["name"] ?? (string?)reference["secretName"];
            var found = name is null ? null : manifests.Find(kind, name, workload.Namespace);
            if (found is null)
            {
                findings.Add($"{workload.Id} {where}: {kind} '{name}' is not in the render (namespace {workload.Namespace}).");
                return;
            }

            foreach (var key in keys.Except(Manifests.DataKeys(found)))
            {
                findings.Add($"{workload.Id} {where}: {kind} '{name}' has no key '{key}'.");
            }
        }

        foreach (var container in workload.Containers)
        {
            var where = $"container {(string?)container["name"]}";
            foreach (var source in container["envFrom"]?.AsArray() ?? [])
            {
                Need($"{where} envFrom", "ConfigMap", source!["configMapRef"], []);
                Need($"{where} envFrom", "Secret", source["secretRef"], []);
            }

            foreach (var entry in container["env"]?.AsArray() ?? [])
            {
                var from = entry!["valueFrom"];
                var env = $"{where} env {(string?)entry["name"]}";
                Need(env, "ConfigMap", from?["configMapKeyRef"], from?["configMapKeyRef"]?["key"] is { } k1 ? [(string)k1!] : []);
                Need(env, "Secret", from?["secretKeyRef"], from?["secretKeyRef"]?["key"] is { } k2 ? [(string)k2!] : []);
            }
        }

        foreach (var volume in workload.PodSpec["volumes"]?.AsArray() ?? [])
        {
            var where = $"volume {(string?)volume!["name"]}";
            Need(where, "ConfigMap", volume["configMap"], Items(volume["configMap"]));
            Need(where, "Secret", volume["secret"], Items(volume["secret"]));
            foreach (var projected in volume["projected"]?["sources"]?.AsArray() ?? [])
            {
                Need(where, "ConfigMap", projected!["configMap"], Items(projected["configMap"]));
                Need(where, "Secret", projected["secret"], Items(projected["secret"]));
            }
        }
    }

    private static IEnumerable<string> Items(JsonNode? source) =>
        source?["items"]?.AsArray().Select(i => (string)i!["key"]!) ?? [];

    private static void Selectors(Manifests manifests, List<string> findings)
    {
        bool SelectsAPod(JsonNode? selector, string ns) =>
            manifests.Workloads.Any(w => w.Namespace == ns && Manifests.Selects(selector, w.Labels));

        foreach (var service in manifests.OfKind("Service").Where(s => s["spec"]?["selector"] is not null))
        {
            var selector = new JsonObject { ["matchLabels"] = service["spec"]!["selector"]!.DeepClone() };
            if (!SelectsAPod(selector, Manifests.Namespace(service)))
            {
                findings.Add($"{Manifests.Id(service)}: its selector matches no pod template.");
            }
        }

        foreach (var budget in manifests.OfKind("PodDisruptionBudget"))
        {
            if (!SelectsAPod(budget["spec"]?["selector"], Manifests.Namespace(budget)))
            {
                findings.Add($"{Manifests.Id(budget)}: its selector matches no pod template.");
            }
        }

        foreach (var policy in manifests.OfKind("NetworkPolicy"))
        {
            var ns = Manifests.Namespace(policy);
            if (!SelectsAPod(policy["spec"]?["podSelector"], ns))
            {
                findings.Add($"{Manifests.Id(policy)}: its podSelector matches no pod template.");
            }

            // A peer chosen by podSelector alone is in the policy's namespace, so it must be in the render too.
            foreach (var rule in RuleDirections.SelectMany(d => policy["spec"]?[d]?.AsArray() ?? []))
            {
                foreach (var peer in (rule!["from"] ?? rule["to"])?.AsArray() ?? [])
                {
                    if (peer!["podSelector"] is { } pods && peer["namespaceSelector"] is null && !SelectsAPod(pods, ns))
                    {
                        findings.Add($"{Manifests.Id(policy)}: the peer {pods.ToJsonString()} matches no pod template.");
                    }
                }
            }
        }

        foreach (var autoscaler in manifests.OfKind("HorizontalPodAutoscaler"))
        {
            var target = autoscaler["spec"]!["scaleTargetRef"]!;
            if (manifests.Find((string)target["kind"]!, (string)target["name"]!, Manifests.Namespace(autoscaler)) is null)
            {
                findings.Add($"{Manifests.Id(autoscaler)}: scales {(string?)target["kind"]} '{(string?)target["name"]}', which is not in the render.");
            }
        }
    }

    private static void Ingresses(Manifests manifests, List<string> findings)
    {
        foreach (var ingress in manifests.OfKind("Ingress"))
        {
            var backends = ingress["spec"]?["rules"]?.AsArray()
                .SelectMany(r => r!["http"]?["paths"]?.AsArray() ?? [])
                .Select(p => p!["backend"]?["service"]) ?? [];
            foreach (var backend in backends.Append(ingress["spec"]?["defaultBackend"]?["service"]).OfType<JsonNode>())
            {
                var name = (string)backend["name"]!;
                var service = manifests.Find("Service", name, Manifests.Namespace(ingress));
                if (service is null)
                {
                    findings.Add($"{Manifests.Id(ingress)}: backend Service '{name}' is not in the render.");
                    continue;
                }

                var port = backend["port"]!;
                var ports = service["spec"]?["ports"]?.AsArray() ?? [];
                if (!ports.Any(p => (port["name"] is { } n && (string?)p!["name"] == (string)n!) || (port["number"] is { } x && (int?)p!["port"] == (int)x!)))
                {
                    findings.Add($"{Manifests.Id(ingress)}: backend Service '{name}' has no port {port.ToJsonString()}.");
                }
            }
        }
    }
}
