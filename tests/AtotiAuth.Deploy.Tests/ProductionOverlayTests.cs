using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Checks;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// The production overlay has two replicas or more of every AtotiAuth pod, autoscalers, minAvailable
/// budgets, TLS, release tags, an external store and no development switch; the dev overlay, which has
/// none of these, is told apart; each rule, broken in production, is reported.
/// </summary>
public sealed class ProductionOverlayTests
{
    [Fact]
    public void Production_Rendered_MeetsEveryProductionRule() =>
        Assert.Empty(ProductionChecks.Find(Rendered.Objects("production")));

    [Fact]
    public void Dev_Rendered_IsToldApartFromProduction()
    {
        var findings = ProductionChecks.Find(Rendered.Objects("dev"));

        Assert.Contains("Deployment/identity: fewer than 2 replicas.", findings);
        Assert.Contains("Deployment/token: no HorizontalPodAutoscaler with minReplicas of 2 or more.", findings);
        Assert.Contains("Deployment/cube-risk: no PodDisruptionBudget with minAvailable.", findings);
        Assert.Contains("Deployment/redis: runs Redis in the cluster; production uses Sentinel or a managed Redis.", findings);
        Assert.Contains("Deployment/cube-risk container ping: AtotiAuth__Jwt__AllowHttpAuthority=true is a development-only setting.", findings);
        Assert.Contains("Deployment/identity container identity: AtotiAuth__Identity__Cookie__Secure=false is a development-only setting.", findings);
        Assert.Contains("Deployment/token container token: the store is the development Redis (AtotiAuth__Store__Redis).", findings);
        Assert.Contains("Ingress/jwt-server: host auth.atotiauth.test is not covered by its tls section.", findings);
        Assert.Contains("Deployment/token container token: the store is not reached over TLS (ssl=true in AtotiAuth__Store__Redis).", findings);
        Assert.Contains("Deployment/identity container identity: revocations are not acknowledged by a replica (AtotiAuth__Store__RevocationReplicas): a failover could lose one.", findings);
    }

    [Theory]
    [InlineData("atotiauth-common", "AtotiAuth__Store__CaCertificateFile", "identity", "identity", "no CA to check the store's certificate against (AtotiAuth__Store__CaCertificateFile).")]
    [InlineData("atotiauth-common", "AtotiAuth__Store__RevocationReplicas", "identity", "identity", "revocations are not acknowledged by a replica (AtotiAuth__Store__RevocationReplicas): a failover could lose one.")]
    public void Production_WithoutAStoreSetting_IsReported(string configMap, string key, string workload, string container, string expected)
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("ConfigMap", configMap)["data"]!.AsObject().Remove(key);

        Assert.Contains($"Deployment/{workload} container {container}: {expected}", ProductionChecks.Find(manifests));
    }

    [Theory]
    [InlineData("token", "token", "AtotiAuth__Store__User", "does not sign in to Redis as its own user 'token' (AtotiAuth__Store__User).")]
    [InlineData("cube-risk", "ping", "AtotiAuth__Store__Password", "its Redis password does not come from a Secret (AtotiAuth__Store__Password).")]
    [InlineData("cube-risk", "ping", "AtotiAuth__DataProtection__CertificateFile", "the Data Protection key ring is stored unencrypted (AtotiAuth__DataProtection__CertificateFile).")]
    [InlineData("token", "token", "AtotiAuth__DataProtection__CertificateFile", "the Data Protection key ring is stored unencrypted (AtotiAuth__DataProtection__CertificateFile).")]
    public void Production_WithoutAServiceStoreSetting_IsReported(string workload, string container, string key, string expected)
    {
        var manifests = Rendered.Objects("production");
        var env = manifests.Workload(workload).Container(container)["env"]!.AsArray();
        env.Remove(env.First(e => (string?)e!["name"] == key));

        Assert.Equal([$"Deployment/{workload} container {container}: {expected}"], ProductionChecks.Find(manifests));
    }

    [Fact]
    public void Production_WithOneReplica_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("identity").Object["spec"]!["replicas"] = 1;

        Assert.Equal(["Deployment/identity: fewer than 2 replicas."], ProductionChecks.Find(manifests));
    }

    [Fact]
    public void Production_ReplicasLeftToTheAutoscaler_IsAccepted()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("identity").Object["spec"]!.AsObject().Remove("replicas");

        Assert.Empty(ProductionChecks.Find(manifests));
    }

    [Fact]
    public void Production_WithoutAnAutoscaler_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.All.Remove(manifests.Get("HorizontalPodAutoscaler", "cube-risk"));

        Assert.Equal(["Deployment/cube-risk: no HorizontalPodAutoscaler with minReplicas of 2 or more."], ProductionChecks.Find(manifests));
    }

    [Fact]
    public void Production_BudgetWithoutMinimum_IsReported()
    {
        var manifests = Rendered.Objects("production");
        var spec = manifests.Get("PodDisruptionBudget", "token")["spec"]!.AsObject();
        spec.Remove("minAvailable");
        spec["maxUnavailable"] = 1;

        Assert.Equal(["Deployment/token: no PodDisruptionBudget with minAvailable."], ProductionChecks.Find(manifests));
    }

    [Fact]
    public void Production_WithTheDevelopmentRedis_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.All.Add(Rendered.Objects("dev").Workload("redis").Object);

        Assert.Contains("Deployment/redis: runs Redis in the cluster; production uses Sentinel or a managed Redis.", ProductionChecks.Find(manifests));
    }

    [Fact]
    public void Production_WithoutTls_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("Ingress", "cube-risk")["spec"]!.AsObject().Remove("tls");

        Assert.Equal(["Ingress/cube-risk: host risk.example.com is not covered by its tls section."], ProductionChecks.Find(manifests));
    }

    [Theory]
    [InlineData("atotiauth/token:dev")]
    [InlineData("registry.example.com/atotiauth/token")]
    public void Production_WithoutAReleaseTag_IsReported(string image)
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("token").Container("token")["image"] = image;

        Assert.Contains($"Deployment/token container token: image '{image}' carries no release tag (kustomize images: newTag).", ProductionChecks.Find(manifests));
    }

    [Theory]
    [InlineData("cube-risk-ping", "AtotiAuth__Ping__CookieSecure", "false", "cube-risk container ping")]
    [InlineData("cube-risk-ping", "AtotiAuth__Jwt__AllowHttpAuthority", "true", "cube-risk container ping")]
    [InlineData("identity-config", "AtotiAuth__Identity__Cookie__Secure", "False", "identity container identity")]
    [InlineData("identity-config", "AtotiAuth__Identity__Ldap__AllowPlainText", "true", "identity container identity")]
    [InlineData("identity-config", "AtotiAuth__Identity__Oidc__AllowInsecureHttp", "true", "identity container identity")]
    [InlineData("token-config", "AtotiAuth__Token__Signing__GenerateEphemeralKey", "true", "token container token")]
    public void Production_WithADevelopmentSwitch_IsReported(string configMap, string key, string value, string where)
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("ConfigMap", configMap)["data"]![key] = value;

        Assert.Equal([$"Deployment/{where}: {key}={value} is a development-only setting."], ProductionChecks.Find(manifests));
    }

    /// <summary>Sentinel over TLS; no password in the connection string: each service signs in as its own user (issue 21).</summary>
    [Fact]
    public void Production_Store_IsASecretWithSentinelOverTls()
    {
        var manifests = Rendered.Objects("production");
        var store = Configuration.ContainerEnvironment.Values(manifests.Get("Secret", "atotiauth-store")).Single();

        Assert.Equal("AtotiAuth__Store__Redis", store.Key);
        var options = StackExchange.Redis.ConfigurationOptions.Parse(store.Value);
        Assert.Equal("mymaster", options.ServiceName);
        Assert.True(options.Ssl);
        Assert.Null(options.Password);
    }
}
