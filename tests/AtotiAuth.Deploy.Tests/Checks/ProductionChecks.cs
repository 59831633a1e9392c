using AtotiAuth.Deploy.Tests.Configuration;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// What the production overlay promises (issue 8): two replicas or more of every AtotiAuth pod, an
/// autoscaler and a minAvailable budget for each, TLS for every Ingress host, no development Redis,
/// pinned release tags, and none of the services' development switches. And of the store (issue 21):
/// TLS to Redis with a CA to check it against, each service signing in as its own Redis user with a
/// password from a Secret, revocations acknowledged by a replica, the key ring encrypted at rest.
/// </summary>
internal static class ProductionChecks
{
    /// <summary>The settings that only a development run may turn on (each service's validator says so).</summary>
    public static IReadOnlyDictionary<string, string> InsecureSettings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AtotiAuth__Jwt__AllowHttpAuthority"] = "true",
        ["AtotiAuth__Identity__Oidc__AllowInsecureHttp"] = "true",
        ["AtotiAuth__Identity__Ldap__AllowPlainText"] = "true",
        ["AtotiAuth__Identity__Cookie__Secure"] = "false",
        ["AtotiAuth__Ping__CookieSecure"] = "false",
        ["AtotiAuth__Store__AllowInMemory"] = "true",
        ["AtotiAuth__Token__Signing__GenerateEphemeralKey"] = "true",
    };

    public static List<string> Find(Manifests manifests)
    {
        var findings = new List<string>();
        foreach (var workload in manifests.Workloads.Where(Ours))
        {
            var autoscaler = manifests.OfKind("HorizontalPodAutoscaler")
                .FirstOrDefault(h => (string?)h["spec"]?["scaleTargetRef"]?["name"] == workload.Name && (string?)h["spec"]?["scaleTargetRef"]?["kind"] == Manifests.Kind(workload.Object));
            var minimum = (int?)autoscaler?["spec"]?["minReplicas"] ?? 1;
            if (minimum < 2)
            {
                findings.Add($"{workload.Id}: no HorizontalPodAutoscaler with minReplicas of 2 or more.");
            }

            // Without a replicas field the autoscaler's minimum decides: it raises the Deployment's default of 1 at once.
            if (((int?)workload.Object["spec"]?["replicas"] ?? (autoscaler is null ? 1 : minimum)) < 2)
            {
                findings.Add($"{workload.Id}: fewer than 2 replicas.");
            }

            if (!manifests.OfKind("PodDisruptionBudget").Any(b => b["spec"]?["minAvailable"] is not null && Manifests.Selects(b["spec"]?["selector"], workload.Labels)))
            {
                findings.Add($"{workload.Id}: no PodDisruptionBudget with minAvailable.");
            }

            foreach (var container in workload.Containers)
            {
                Container(manifests, workload, container, findings);
            }
        }

        foreach (var workload in manifests.Workloads.Where(w => w.Containers.Any(c => ImageReference.Parse((string?)c["image"] ?? string.Empty).Repository.Split('/')[^1] == "redis")))
        {
            findings.Add($"{workload.Id}: runs Redis in the cluster; production uses Sentinel or a managed Redis.");
        }

        foreach (var ingress in manifests.OfKind("Ingress"))
        {
            var covered = ingress["spec"]?["tls"]?.AsArray().SelectMany(t => t!["hosts"]?.AsArray() ?? []).Select(h => (string?)h).ToHashSet() ?? [];
            foreach (var host in ingress["spec"]?["rules"]?.AsArray().Select(r => (string?)r!["host"]) ?? [])
            {
                if (host is null || !covered.Contains(host))
                {
                    findings.Add($"{Manifests.Id(ingress)}: host {host ?? "(any)"} is not covered by its tls section.");
                }
            }
        }

        return findings;
    }

    private static bool Ours(Workload workload) =>
        workload.Containers.Any(c => ImageContract.OurName(ImageReference.Parse((string?)c["image"] ?? string.Empty)) is not null);

    private static void Container(Manifests manifests, Workload workload, System.Text.Json.Nodes.JsonObject container, List<string> findings)
    {
        var where = $"{workload.Id} container {(string?)container["name"]}";
        var image = ImageReference.Parse((string?)container["image"] ?? string.Empty);
        if (ImageContract.OurName(image) is not null && image.Digest is null && image.Tag is null or "dev" or "latest")
        {
            findings.Add($"{where}: image '{(string?)container["image"]}' carries no release tag (kustomize images: newTag).");
        }

        var environment = ContainerEnvironment.Of(manifests, workload, container);
        if (ImageContract.OurName(image) is "identity" or "token" or "ping")
        {
            Store(image, container, environment, where, findings);
        }

        foreach (var (key, value) in environment)
        {
            if (InsecureSettings.TryGetValue(key, out var insecure) && string.Equals(value.Trim(), insecure, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{where}: {key}={value} is a development-only setting.");
            }

            if (key == "AtotiAuth__Store__Redis" && value.Contains("redis:6379", StringComparison.Ordinal))
            {
                findings.Add($"{where}: the store is the development Redis ({key}).");
            }
        }
    }

    private static void Store(ImageReference image, System.Text.Json.Nodes.JsonObject container, Dictionary<string, string> environment, string where, List<string> findings)
    {
        var service = ImageContract.OurName(image);
        if (!environment.TryGetValue("AtotiAuth__Store__Redis", out var redis) || !StackExchange.Redis.ConfigurationOptions.Parse(redis).Ssl)
        {
            findings.Add($"{where}: the store is not reached over TLS (ssl=true in AtotiAuth__Store__Redis).");
        }

        if (!environment.ContainsKey("AtotiAuth__Store__CaCertificateFile"))
        {
            findings.Add($"{where}: no CA to check the store's certificate against (AtotiAuth__Store__CaCertificateFile).");
        }

        if (!environment.TryGetValue("AtotiAuth__Store__User", out var user) || user != service)
        {
            findings.Add($"{where}: does not sign in to Redis as its own user '{service}' (AtotiAuth__Store__User).");
        }

        var password = container["env"]?.AsArray().FirstOrDefault(e => (string?)e!["name"] == "AtotiAuth__Store__Password");
        if (password?["valueFrom"]?["secretKeyRef"] is null)
        {
            findings.Add($"{where}: its Redis password does not come from a Secret (AtotiAuth__Store__Password).");
        }

        if (service == "identity" && (!environment.TryGetValue("AtotiAuth__Store__RevocationReplicas", out var replicas) || replicas.Trim() is "" or "0"))
        {
            findings.Add($"{where}: revocations are not acknowledged by a replica (AtotiAuth__Store__RevocationReplicas): a failover could lose one.");
        }

        if (!environment.ContainsKey("AtotiAuth__DataProtection__CertificateFile"))
        {
            findings.Add($"{where}: the Data Protection key ring is stored unencrypted (AtotiAuth__DataProtection__CertificateFile).");
        }
    }
}
