using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AtotiAuth.Identity;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Ldap;

/// <summary>LDAPS and StartTLS against the container: the test CA is trusted, anything else refused.</summary>
public sealed class LdapTransportTests(RedisFixture redis, OpenLdapFixture ldap)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_LdapsWithTestCa_Succeeds()
    {
        ldap.EnsureAvailable();
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Ldap:Url"] = $"ldaps://127.0.0.1:{ldap.LdapsPort}",
            ["AtotiAuth:Identity:Ldap:StartTls"] = "false",
        });

        var (status, roles, _) = await app.LoginAndGetJwtAsync("alice", "alice-pass");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["ROLE_USER"], roles);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Login_CertificateFromAnotherCa_ConnectionRefused503(bool ldaps)
    {
        ldap.EnsureAvailable();
        var foreignCa = Path.Combine(Path.GetTempPath(), $"atotiauth-foreign-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(foreignCa, ForeignCaPem(), Ct);
        try
        {
            await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
            {
                ["AtotiAuth:Identity:Ldap:Url"] = ldaps ? $"ldaps://127.0.0.1:{ldap.LdapsPort}" : $"ldap://127.0.0.1:{ldap.Port}",
                ["AtotiAuth:Identity:Ldap:StartTls"] = ldaps ? "false" : "true",
                ["AtotiAuth:Identity:Ldap:CaCertificateFile"] = foreignCa,
            });

            using var response = await app.LoginAsync("alice", "alice-pass");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("directory_unavailable", await LdapTestApp.CodeAsync(response));
        }
        finally
        {
            File.Delete(foreignCa);
        }
    }

    [Fact]
    public async Task Login_ServerNameNotInCertificate_ConnectionRefused503()
    {
        ldap.EnsureAvailable();
        var address = ldap.Container.IpAddress;
        await SkipUnlessReachableAsync(address, 636);
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            // The container's bridge address is not in the certificate (localhost, 127.0.0.1, its host name).
            ["AtotiAuth:Identity:Ldap:Url"] = $"ldaps://{address}:636",
            ["AtotiAuth:Identity:Ldap:StartTls"] = "false",
        });

        using var response = await app.LoginAsync("alice", "alice-pass");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("directory_unavailable", await LdapTestApp.CodeAsync(response));
    }

    private static async Task SkipUnlessReachableAsync(string address, int port)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await tcp.ConnectAsync(address, port, timeout.Token);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            Assert.Skip($"The container's bridge address {address} is not reachable from the tests ({ex.GetType().Name}).");
        }
    }

    private static string ForeignCaPem()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Some other CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem();
    }
}
