using AtotiAuth.Testing;

namespace AtotiAuth.Deploy.Tests.Rendering;

/// <summary>
/// The tools the validation needs: kubectl (kustomize), bash and openssl (init-secrets.sh), Node.js and
/// the validator's packages (<c>npm ci</c> in deploy/validate, which scripts/test.sh runs). Where one is
/// missing the tests are skipped with the reason; where the run requires everything
/// (<c>ATOTIAUTH_REQUIRE_CONTAINERS=1</c>, as CI sets) they fail instead.
/// </summary>
internal static class DeployTools
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public static string Kubectl => ProcessRunner.FindOnPath("kubectl")!;

    public static string Node => ProcessRunner.FindOnPath("node")!;

    public static string Bash => ProcessRunner.FindOnPath("bash")!;

    public static string ValidatorFolder { get; } = Path.Combine(RepositoryPaths.Root, "deploy", "validate");

    /// <summary>Skips (or, where required, fails) the calling test when a tool is missing.</summary>
    public static void EnsureAvailable()
    {
        if (Reason.Value is null)
        {
            return;
        }

        if (DockerEnvironment.ContainersRequired)
        {
            throw new InvalidOperationException($"This run requires the deployment validation (ATOTIAUTH_REQUIRE_CONTAINERS=1): {Reason.Value}");
        }

        Assert.Skip(Reason.Value);
    }

    private static string? Probe()
    {
        foreach (var (tool, hint) in new[]
        {
            ("kubectl", "install kubectl (it carries kustomize)"),
            ("node", "install Node.js 18 or later"),
            ("bash", "install bash"),
            ("openssl", "install openssl"),
        })
        {
            if (ProcessRunner.FindOnPath(tool) is null)
            {
                return $"{tool} is not on PATH: {hint}; the manifests in deploy/k8s cannot be rendered and validated without it.";
            }
        }

        return Directory.Exists(Path.Combine(ValidatorFolder, "node_modules", "kubernetes-models"))
            ? null
            : "The manifest validator's packages are missing: run `npm ci` in deploy/validate (scripts/test.sh does).";
    }
}
