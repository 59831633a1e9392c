using AtotiAuth.Benchmarks.Load;

namespace AtotiAuth.Benchmarks.Ldap;

/// <summary>The OpenLDAP test image on a loopback port, seeded with alice (alice-pass) and the svc account.</summary>
internal sealed class LdapContainer : IAsyncDisposable
{
    private readonly string _id;

    private LdapContainer(string id, int port)
    {
        _id = id;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LdapContainer> StartAsync()
    {
        var port = Ports.Next();
        var id = await DockerCli.StartContainerAsync("ldap", $"-e LDAP_LOG_LEVEL=0 -p 127.0.0.1:{port}:389 atotiauth/test-openldap:dev");
        for (var i = 0; i < 150; i++)
        {
            if ((await DockerCli.RunAsync($"logs {id}")).Contains("slapd ready", StringComparison.Ordinal))
            {
                return new LdapContainer(id, port);
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("OpenLDAP did not start.");
    }

    public async ValueTask DisposeAsync() => await DockerCli.RunAsync($"rm -f {_id}", allowFailure: true);
}
