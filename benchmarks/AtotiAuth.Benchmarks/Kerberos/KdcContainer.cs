using System.Runtime.InteropServices;
using AtotiAuth.Benchmarks.Load;

namespace AtotiAuth.Benchmarks.Kerberos;

/// <summary>
/// The KDC test image on a loopback port (realm EXAMPLE.TEST, alice / alice-pass) with one service
/// principal, its keytab copied to a folder of the run, and this process made its client (KRB5_CONFIG in
/// the native environment, where MIT's library reads it).
/// </summary>
internal sealed class KdcContainer : IAsyncDisposable
{
    private readonly string _id;
    private readonly string _folder;

    private KdcContainer(string id, string folder)
    {
        _id = id;
        _folder = folder;
    }

    public string KeytabPath => Path.Combine(_folder, "service.keytab");

    public static async Task<KdcContainer> StartAsync(string servicePrincipal)
    {
        var port = Ports.Next();
        var id = await DockerCli.StartContainerAsync("kdc", $"-e KDC_SERVICES={servicePrincipal} -p 127.0.0.1:{port}:88 atotiauth/test-kdc:dev");
        for (var i = 0; i < 150 && !(await DockerCli.RunAsync($"logs {id}")).Contains("kdc ready", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        var folder = Directory.CreateTempSubdirectory("atotiauth-bench-kdc-").FullName;
        await DockerCli.RunAsync($"cp {id}:/keytabs/{servicePrincipal.Replace('/', '_')}.keytab {Path.Combine(folder, "service.keytab")}");
        var config = Path.Combine(folder, "krb5.conf");
        await File.WriteAllTextAsync(config, $"""
            [libdefaults]
                default_realm = EXAMPLE.TEST
                rdns = false
                dns_canonicalize_hostname = false
                udp_preference_limit = 1
            [realms]
                EXAMPLE.TEST = {'{'}
                    kdc = 127.0.0.1:{port}
                {'}'}

            """);
        if (SetEnvironment(System.Text.Encoding.UTF8.GetBytes("KRB5_CONFIG\0"), System.Text.Encoding.UTF8.GetBytes(config + "\0"), 1) != 0)
        {
            throw new InvalidOperationException("KRB5_CONFIG could not be set for this process.");
        }

        return new KdcContainer(id, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await DockerCli.RunAsync($"rm -f {_id}", allowFailure: true);
        Directory.Delete(_folder, recursive: true);
    }

    [DllImport("libc", EntryPoint = "setenv", ExactSpelling = true)]
    private static extern int SetEnvironment(byte[] name, byte[] value, int overwrite);
}
