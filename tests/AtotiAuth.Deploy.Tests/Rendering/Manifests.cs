using System.Text.Json.Nodes;

namespace AtotiAuth.Deploy.Tests.Rendering;

/// <summary>Rendered objects, with the look-ups the checks need.</summary>
internal sealed class Manifests(List<JsonObject> objects)
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet"];

    private static readonly string[] DataFields = ["data", "stringData", "binaryData"];

    public List<JsonObject> All => objects;

    public IEnumerable<JsonObject> OfKind(string kind) => objects.Where(o => Kind(o) == kind);

    /// <summary>An object by kind and name; a generated ConfigMap or Secret also by its name before kustomize's hash suffix.</summary>
    public JsonObject Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Name(o) == name)
        ?? OfKind(kind).Single(o => Name(o).StartsWith(name + "-", StringComparison.Ordinal) && Name(o).Length == name.Length + 11);

    public IEnumerable<Workload> Workloads =>
        objects.Where(o => WorkloadKinds.Contains(Kind(o))).Select(o => new Workload(o, Name(o), Namespace(o), o["spec"]!["template"]!.AsObject()));

    public Workload Workload(string name) => Workloads.Single(w => w.Name == name);

    /// <summary>The ConfigMap or Secret named in a namespace, or null.</summary>
    public JsonObject? Find(string kind, string name, string ns) => OfKind(kind).FirstOrDefault(o => Name(o) == name && Namespace(o) == ns);

    public static string Kind(JsonObject o) => (string?)o["kind"] ?? string.Empty;

    public static string Name(JsonObject o) => (string?)o["metadata"]?["name"] ?? string.Empty;

    public static string Namespace(JsonObject o) => (string?)o["metadata"]?["namespace"] ?? "default";

    public static string Id(JsonObject o) => $"{Kind(o)}/{Name(o)}";

    /// <summary>The keys of a ConfigMap's or Secret's data.</summary>
    public static IEnumerable<string> DataKeys(JsonObject o) =>
        DataFields.SelectMany(f => o[f]?.AsObject().Select(p => p.Key) ?? []);

    /// <summary>A label selector (matchLabels and matchExpressions) against a set of labels.</summary>
    public static bool Selects(JsonNode? selector, JsonObject? labels)
    {
        if (selector is null)
        {
            return false;
        }

        string? Label(string key) => (string?)labels?[key];
        var byLabel = selector["matchLabels"]?.AsObject().All(p => Label(p.Key) == (string?)p.Value) ?? true;
        var byExpression = selector["matchExpressions"]?.AsArray().All(e =>
        {
            var key = (string)e!["key"]!;
            var values = e["values"]?.AsArray().Select(v => (string?)v).ToList() ?? [];
            return (string?)e["operator"] switch
            {
                "In" => values.Contains(Label(key)),
                "NotIn" => !values.Contains(Label(key)),
                "Exists" => Label(key) is not null,
                "DoesNotExist" => Label(key) is null,
                _ => false,
            };
        }) ?? true;
        return byLabel && byExpression;
    }
}

/// <summary>A Deployment, StatefulSet or DaemonSet and its pod template.</summary>
internal sealed record Workload(JsonObject Object, string Name, string Namespace, JsonObject Template)
{
    private static readonly string[] ContainerFields = ["initContainers", "containers"];

    public JsonObject PodSpec => Template["spec"]!.AsObject();

    public JsonObject? Labels => Template["metadata"]?["labels"]?.AsObject();

    public IEnumerable<JsonObject> Containers =>
        ContainerFields.SelectMany(f => PodSpec[f]?.AsArray().Select(c => c!.AsObject()) ?? []);

    public JsonObject Container(string name) => Containers.Single(c => (string?)c["name"] == name);

    public string Id => $"{Manifests.Kind(Object)}/{Name}";
}
