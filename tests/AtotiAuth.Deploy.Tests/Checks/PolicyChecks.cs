using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Configuration;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// What issue 8 asks of every pod: a restricted security context (non-root, read-only root file system,
/// no privilege escalation, no capabilities, RuntimeDefault seccomp; the images' user 1654 and a
/// writable /tmp), requests and limits, and startup, liveness and readiness probes on /healthz and /readyz.
/// </summary>
internal static class PolicyChecks
{
    public static List<string> Find(Manifests manifests)
    {
        var findings = new List<string>();
        foreach (var workload in manifests.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var where = $"{workload.Id} container {(string?)container["name"]}";
                var ours = ImageContract.OurName(ImageReference.Parse((string?)container["image"] ?? string.Empty)) is not null;
                Security(workload, container, ours, where, findings);
                Resources(container, where, findings);
                Probes(container, ours, where, findings);
            }
        }

        return findings;
    }

    private static void Security(Workload workload, JsonObject container, bool ours, string where, List<string> findings)
    {
        var pod = workload.PodSpec["securityContext"];
        var own = container["securityContext"];
        JsonNode? Setting(string name) => own?[name] ?? pod?[name];

        if ((bool?)Setting("runAsNonRoot") != true)
        {
            findings.Add($"{where}: runAsNonRoot is not true.");
        }

        var user = Setting("runAsUser")?.ToJsonString();
        if (user is null or "0")
        {
            findings.Add($"{where}: runAsUser is not set to a non-root user.");
        }
        else if (ours && user != ImageContract.User.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            findings.Add($"{where}: runAsUser is {user}, not the images' user {ImageContract.User}.");
        }

        if ((bool?)own?["allowPrivilegeEscalation"] != false)
        {
            findings.Add($"{where}: allowPrivilegeEscalation is not false.");
        }

        if ((bool?)own?["readOnlyRootFilesystem"] != true)
        {
            findings.Add($"{where}: readOnlyRootFilesystem is not true.");
        }

        if ((bool?)own?["privileged"] == true)
        {
            findings.Add($"{where}: privileged.");
        }

        if (own?["capabilities"]?["drop"]?.AsArray().Any(c => (string?)c == "ALL") != true)
        {
            findings.Add($"{where}: capabilities do not drop ALL.");
        }

        if ((own?["capabilities"]?["add"]?.AsArray().Count ?? 0) > 0)
        {
            findings.Add($"{where}: adds capabilities.");
        }

        if ((string?)Setting("seccompProfile")?["type"] != "RuntimeDefault")
        {
            findings.Add($"{where}: seccompProfile is not RuntimeDefault.");
        }

        if (ours && !WritableTmp(workload, container))
        {
            findings.Add($"{where}: no emptyDir mounted at /tmp (the images need a writable /tmp with a read-only root).");
        }
    }

    private static bool WritableTmp(Workload workload, JsonObject container)
    {
        var mount = container["volumeMounts"]?.AsArray().FirstOrDefault(m => (string?)m!["mountPath"] == "/tmp");
        var volume = workload.PodSpec["volumes"]?.AsArray().FirstOrDefault(v => (string?)v!["name"] == (string?)mount?["name"]);
        return mount is not null && (bool?)mount["readOnly"] != true && volume?["emptyDir"] is not null;
    }

    private static void Resources(JsonObject container, string where, List<string> findings)
    {
        foreach (var (section, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
        {
            if (container["resources"]?[section]?[resource] is null)
            {
                findings.Add($"{where}: no {section}.{resource}.");
            }
        }
    }

    private static void Probes(JsonObject container, bool ours, string where, List<string> findings)
    {
        foreach (var name in PortChecks.Probes)
        {
            var probe = container[name];
            if (probe is null)
            {
                findings.Add($"{where}: no {name}.");
                continue;
            }

            var path = ProbePath(probe);
            var expected = name == "readinessProbe" ? "/readyz" : "/healthz";
            if (path is not null && path is not ("/healthz" or "/readyz"))
            {
                findings.Add($"{where}: {name} asks {path}; probes ask /healthz or /readyz.");
            }
            else if (ours && path != expected)
            {
                findings.Add($"{where}: {name} asks {path ?? "no HTTP path"}; the images answer it on {expected}.");
            }
        }
    }

    /// <summary>The HTTP path a probe asks: httpGet's path, or the GET line of an in-container request.</summary>
    public static string? ProbePath(JsonNode probe)
    {
        if ((string?)probe["httpGet"]?["path"] is { } path)
        {
            return path;
        }

        var command = string.Join(' ', probe["exec"]?["command"]?.AsArray().Select(a => (string?)a) ?? []);
        var get = command.IndexOf("GET /", StringComparison.Ordinal);
        return get < 0 ? null : command[(get + 4)..].Split(' ')[0];
    }
}
