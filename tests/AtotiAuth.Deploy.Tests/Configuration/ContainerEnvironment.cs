using System.Text;
using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests.Configuration;

/// <summary>The environment a container starts with: its ConfigMaps and Secrets (envFrom, in order), then its env entries.</summary>
internal static class ContainerEnvironment
{
    public static Dictionary<string, string> Of(Manifests manifests, Workload workload, JsonObject container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var prefix = (string?)source!["prefix"] ?? string.Empty;
            foreach (var (key, value) in Data(manifests, workload.Namespace, source))
            {
                environment[prefix + key] = value;
            }
        }

        foreach (var entry in container["env"]?.AsArray() ?? [])
        {
            var name = (string)entry!["name"]!;
            var value = (string?)entry["value"] ?? Reference(manifests, workload.Namespace, entry["valueFrom"]);
            if (value is not null)
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    /// <summary>Where a container listens: ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS, else the images' 8080.</summary>
    public static IReadOnlyList<(string Host, int Port)> Listens(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue("ASPNETCORE_URLS", out var urls))
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(u => new Uri(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal)))
                .Select(u => (u.Host, u.Port))];
        }

        return environment.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports)
            ? [.. ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => ("0.0.0.0", int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)))]
            : [("0.0.0.0", Checks.ImageContract.Port)];
    }

    public static bool IsLoopback(string host) => host is "127.0.0.1" or "localhost" or "::1" or "[::1]";

    private static IEnumerable<KeyValuePair<string, string>> Data(Manifests manifests, string ns, JsonNode source)
    {
        var (kind, reference) = source["configMapRef"] is { } c ? ("ConfigMap", c) : ("Secret", source["secretRef"]!);
        var found = manifests.Find(kind, (string)reference["name"]!, ns);
        return found is null ? [] : Values(found);
    }

    private static string? Reference(Manifests manifests, string ns, JsonNode? valueFrom)
    {
        var (kind, reference) = valueFrom?["configMapKeyRef"] is { } c ? ("ConfigMap", c) : ("Secret", valueFrom?["secretKeyRef"]);
        if (reference is null)
        {
            return null;
        }

        var found = manifests.Find(kind, (string)reference["name"]!, ns);
        return found is null ? null : Values(found).FirstOrDefault(p => p.Key == (string?)reference["key"]).Value;
    }

    /// <summary>A ConfigMap's data, or a Secret's data decoded (kustomize wraps long base64 over lines).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Values(JsonObject configMapOrSecret)
    {
        var secret = Manifests.Kind(configMapOrSecret) == "Secret";
        foreach (var (key, value) in configMapOrSecret["data"]?.AsObject() ?? [])
        {
            var text = (string)value!;
            yield return new(key, secret ? Encoding.UTF8.GetString(Convert.FromBase64String(text.Replace("\n", string.Empty, StringComparison.Ordinal))) : text);
        }

        foreach (var (key, value) in configMapOrSecret["stringData"]?.AsObject() ?? [])
        {
            yield return new(key, (string)value!);
        }
    }
}
