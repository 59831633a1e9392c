using System.Net.Sockets;
using System.Text;
using AtotiAuth.Deploy.Tests.Configuration;
using AtotiAuth.Deploy.Tests.Rendering;
using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using StackExchange.Redis;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// The dev overlay's Redis as rendered (issue 21): its start command, given the ACL file of its ConfigMap
/// and the passwords of its Secret, runs in the Redis test image; each service's user signs in with its
/// password and does what its service does, the sidecars' user cannot write a session, the default user is off.
/// </summary>
public sealed class RedisAclTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DevRedis_AsRendered_SignsInEachServiceAndRefusesTheDefaultUser()
    {
        var reason = DockerEnvironment.UnavailableReason() ?? DockerEnvironment.MissingImageReason(TestImages.Redis);
        if (reason is not null)
        {
            Assert.SkipWhen(!DockerEnvironment.ContainersRequired, reason);
            throw new InvalidOperationException(reason);
        }

        var manifests = Rendered.Objects("dev");
        var redis = manifests.Workload("redis").Container("redis");
        var command = redis["command"]!.AsArray().Select(static a => (string)a!).ToArray();
        var acl = (string)manifests.Get("ConfigMap", "redis-acl")["data"]!["atotiauth.acl"]!;
        var passwords = ContainerEnvironment.Values(manifests.Get("Secret", "atotiauth-redis-users")).ToDictionary(static p => p.Key, static p => p.Value);
        var builder = new ContainerBuilder(TestImages.Redis)
            .WithResourceMapping(Encoding.UTF8.GetBytes(acl), "/etc/redis-acl/atotiauth.acl")
            .WithTmpfsMount("/run/redis-acl")
            .WithTmpfsMount("/data")
            .WithCommand(command[1..])
            .WithEntrypoint(command[0])
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"));
        foreach (var (user, password) in passwords)
        {
            builder = builder.WithResourceMapping(Encoding.UTF8.GetBytes(password), $"/run/redis-passwords/{user}");
        }

        await using var container = builder.Build();
        await container.StartAsync(Ct);

        Assert.Equal(["identity", "ping", "token"], passwords.Keys.Order(StringComparer.Ordinal));
        foreach (var (user, password) in passwords)
        {
            await using var signedIn = await ConnectAsync(container.IpAddress, user, password);
            Assert.True(signedIn.IsConnected, $"{user} could not sign in");
            await signedIn.GetDatabase().StringGetAsync("atotiauth:revoked:acl-test");
        }

        await using var ping = await ConnectAsync(container.IpAddress, "ping", passwords["ping"]);
        var refused = await Assert.ThrowsAsync<RedisServerException>(() => ping.GetDatabase().HashSetAsync("atotiauth:session:acl-test", "roles", "[\"ROLE_ADMIN\"]"));
        Assert.Equal(RedisErrorKind.NoPermission, refused.Kind);
        Assert.StartsWith("-NOAUTH", await AnonymousReplyAsync(container.IpAddress, "*2\r\n$3\r\nGET\r\n$20\r\natotiauth:generation\r\n"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The server's first reply to a command sent without signing in, read off the socket: the client
    /// library, told not to give up, would queue the command until its own time-out, whose message does
    /// not always carry the server's refusal.
    /// </summary>
    private static async Task<string> AnonymousReplyAsync(string host, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, 6379, Ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command), Ct);
        var reply = new byte[256];
        var read = await stream.ReadAsync(reply, Ct);
        return Encoding.ASCII.GetString(reply, 0, read);
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string host, string? user, string? password)
    {
        var options = ConfigurationOptions.Parse($"{host}:6379");
        options.AbortOnConnectFail = false;
        options.User = user;
        options.Password = password;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
