using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Configuration;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// The shape DESIGN.md §1 and the images contract give every overlay: the JWT server's Ingress sends
/// /jwt, /activeviam/jwt/, /.well-known/ and /versions/ to the token service and the rest to identity (the
/// end-to-end gateway copies it); each cube listens on its pod's loopback behind its sidecar; cubes
/// never share a CubeId or a cookie name.
/// </summary>
internal static class TopologyChecks
{
    public static IReadOnlyList<(string Path, string Service)> JwtServerRoutes { get; } =
        [("/jwt", "token"), ("/activeviam/jwt/", "token"), ("/.well-known/", "token"), ("/versions/", "token"), ("/", "identity")];

    public static List<string> Find(Manifests manifests)
    {
        var findings = new List<string>();
        var jwtServer = manifests.OfKind("Ingress").SingleOrDefault(i => Manifests.Name(i) == "jwt-server");
        var routes = jwtServer?["spec"]?["rules"]?.AsArray().SelectMany(r => r!["http"]?["paths"]?.AsArray() ?? [])
            .Select(p => ((string?)p!["path"], (string?)p["pathType"], (string?)p["backend"]?["service"]?["name"])).ToList() ?? [];
        if (jwtServer?["spec"]?["rules"]?.AsArray().Count != 1)
        {
            findings.Add("Ingress/jwt-server: the JWT server is one Ingress with one host rule.");
        }

        foreach (var (path, service) in JwtServerRoutes)
        {
            if (!routes.Contains((path, "Prefix", service)))
            {
                findings.Add($"Ingress/jwt-server: no Prefix route {path} to Service {service}.");
            }
        }

        foreach (var extra in routes.Where(r => !JwtServerRoutes.Contains((r.Item1!, r.Item3!))))
        {
            findings.Add($"Ingress/jwt-server: route {extra.Item1} to {extra.Item3} is not in the contract with the end-to-end gateway.");
        }

        Cubes(manifests, findings);
        return findings;
    }

    private static void Cubes(Manifests manifests, List<string> findings)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workload in manifests.Workloads)
        {
            var sidecar = workload.Containers.FirstOrDefault(c => Named(c, "ping"));
            if (sidecar is null)
            {
                continue;
            }

            var settings = ContainerEnvironment.Of(manifests, workload, sidecar);
            var cubeUrl = settings.GetValueOrDefault("AtotiAuth__Ping__CubeUrl");
            if (cubeUrl is null || !Uri.TryCreate(cubeUrl, UriKind.Absolute, out var cube) || !ContainerEnvironment.IsLoopback(cube.Host))
            {
                findings.Add($"{workload.Id}: the sidecar's CubeUrl '{cubeUrl}' is not the pod's loopback.");
            }

            foreach (var other in workload.Containers.Where(c => !Named(c, "ping")))
            {
                var listens = ContainerEnvironment.Listens(ContainerEnvironment.Of(manifests, workload, other));
                if (listens.Any(l => !ContainerEnvironment.IsLoopback(l.Host)) || (other["ports"]?.AsArray().Count ?? 0) > 0)
                {
                    findings.Add($"{workload.Id} container {(string?)other["name"]}: the cube must listen on the pod's loopback only and expose no port.");
                }
            }

            Unique(ids, settings.GetValueOrDefault("AtotiAuth__Ping__CubeId") ?? "(none)", workload, "CubeId", findings);
            Unique(cookies, settings.GetValueOrDefault("AtotiAuth__Ping__CookieName") ?? "ATOTI_CUBE", workload, "CookieName", findings);
        }
    }

    private static void Unique(Dictionary<string, string> seen, string value, Workload workload, string setting, List<string> findings)
    {
        if (seen.TryGetValue(value, out var first))
        {
            findings.Add($"{workload.Id}: AtotiAuth__Ping__{setting} '{value}' is also {first}'s; every cube needs its own.");
        }
        else
        {
            seen[value] = workload.Id;
        }
    }

    private static bool Named(JsonObject container, string image) =>
        ImageContract.OurName(ImageReference.Parse((string?)container["image"] ?? string.Empty)) == image;
}
