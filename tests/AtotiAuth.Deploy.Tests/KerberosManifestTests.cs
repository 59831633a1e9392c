using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// The identity pods as the Kerberos provider needs them (docs/kerberos.md), in both overlays: a memory
/// tmpfs at /var/tmp for GSSAPI's replay cache, and the keytab from the Secret identity-kerberos mounted
/// read-only where the configured keytab path points, optional so that deployments without Kerberos start.
/// </summary>
public sealed class KerberosManifestTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("production")]
    public void Identity_VarTmpIsAMemoryTmpfs(string overlay)
    {
        var identity = Rendered.Objects(overlay).Workload("identity");

        var volume = Volume(identity, Mount(identity, "/var/tmp"));

        Assert.Equal("Memory", (string?)volume["emptyDir"]?["medium"]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("production")]
    public void Identity_KeytabComesFromItsSecretReadOnlyWhereTheSettingPoints(string overlay)
    {
        var manifests = Rendered.Objects(overlay);
        var identity = manifests.Workload("identity");
        var keytab = (string?)manifests.Get("ConfigMap", "identity-config")["data"]?["AtotiAuth__Identity__Kerberos__Keytab"];
        Assert.NotNull(keytab);

        var mount = Mount(identity, Path.GetDirectoryName(keytab)!);
        var secret = Volume(identity, mount)["secret"];

        Assert.True((bool?)mount["readOnly"]);
        Assert.Equal("identity-kerberos", (string?)secret?["secretName"]);
        Assert.True((bool?)secret?["optional"]);
        Assert.Equal("service.keytab", Path.GetFileName(keytab));
    }

    private static JsonObject Mount(Workload identity, string path) =>
        identity.Container("identity")["volumeMounts"]!.AsArray().Select(static m => m!.AsObject()).Single(m => (string?)m["mountPath"] == path);

    private static JsonObject Volume(Workload identity, JsonObject mount) =>
        identity.PodSpec["volumes"]!.AsArray().Select(static v => v!.AsObject()).Single(v => (string?)v["name"] == (string?)mount["name"]);
}
