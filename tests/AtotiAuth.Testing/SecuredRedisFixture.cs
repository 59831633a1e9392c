using System.Text;
using AtotiAuth.Testcontainers;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testing;

/// <summary>
/// Redis as production runs it (docs/redis.md): the deployment's ACL users (deploy/k8s/base/redis/atotiauth.acl,
/// <c>default</c> off, a password each) and TLS only, with a certificate for <see cref="ServerName"/>
/// from a CA made for the run. Reached at its container address, with <c>sslHost</c> naming the certificate.
/// </summary>
public sealed class SecuredRedisFixture : ContainerFixture
{
    /// <summary>The name in Redis's certificate.</summary>
    public const string ServerName = "redis.atotiauth.test";

    private const string Folder = "/tmp/atotiauth";

    private readonly TestCertificateAuthority _authority = TestCertificateAuthority.Create("atotiauth.test");
    private readonly TestCertificateAuthority _otherAuthority = TestCertificateAuthority.Create("atotiauth.test");
    private readonly string _files = Directory.CreateTempSubdirectory("atotiauth-secured-redis-").FullName;

    /// <summary>The users and their passwords.</summary>
    public AtotiAuthRedisUsers Users { get; } = new();

    /// <summary>A PEM file of the CA that signed Redis's certificate.</summary>
    public string CaCertificateFile => Path.Combine(_files, "ca.crt");

    /// <summary>A PEM file of another CA, which signed nothing Redis presents.</summary>
    public string OtherCaCertificateFile => Path.Combine(_files, "other-ca.crt");

    /// <summary>The connection string, TLS on, without a user (each test signs in as the service it plays).</summary>
    public string ConnectionString => $"{Container.IpAddress}:6379,ssl=true,sslHost={ServerName}";

    /// <inheritdoc />
    protected override string Image => TestImages.Redis;

    /// <inheritdoc />
    protected override IContainer Build()
    {
        File.WriteAllText(CaCertificateFile, _authority.RootPem);
        File.WriteAllText(OtherCaCertificateFile, _otherAuthority.RootPem);
        var (certificate, key) = _authority.IssuePem(ServerName);
        return new ContainerBuilder(Image)
            .WithResourceMapping(Encoding.UTF8.GetBytes(Users.RenderAclFile()), $"{Folder}/users.acl")
            .WithResourceMapping(Encoding.ASCII.GetBytes(_authority.RootPem), $"{Folder}/ca.crt")
            .WithResourceMapping(Encoding.ASCII.GetBytes(certificate), $"{Folder}/redis.crt")
            .WithResourceMapping(Encoding.ASCII.GetBytes(key), $"{Folder}/redis.key")
            .WithCommand(
                "redis-server", "--aclfile", $"{Folder}/users.acl", "--protected-mode", "no", "--save", "", "--appendonly", "no",
                "--port", "0", "--tls-port", "6379", "--tls-cert-file", $"{Folder}/redis.crt", "--tls-key-file", $"{Folder}/redis.key",
                "--tls-ca-cert-file", $"{Folder}/ca.crt", "--tls-auth-clients", "no")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"))
            .Build();
    }

    /// <inheritdoc />
    protected override ValueTask DisposeFilesAsync()
    {
        _authority.Dispose();
        _otherAuthority.Dispose();
        Directory.Delete(_files, recursive: true);
        return ValueTask.CompletedTask;
    }
}
