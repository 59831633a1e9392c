using System.Net;
using System.Net.Sockets;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Users;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>
/// A Redis that does not answer (a closed port) must surface as <see cref="StoreUnavailableException"/>,
/// which the services turn into a 503, never as a client exception type that would become a 500.
/// </summary>
public sealed class RedisUnavailableTests : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectToClosedPort();

    public static TheoryData<string> Operations =>
    [
        "session.create", "session.get", "session.authenticate", "session.list", "session.roles", "session.revoke",
        "revocation.revoke", "revocation.check", "revocation.subscribe",
        "user.find", "user.create", "user.update", "user.list",
        "role.get", "role.set", "role.mapping", "role.link",
        "attempt.count", "attempt.end", "attempt.remember", "attempt.get", "attempt.reset",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_RedisDown_ThrowsStoreUnavailable(string operation)
    {
        var exception = await Assert.ThrowsAsync<StoreUnavailableException>(() => RunAsync(operation));

        Assert.NotNull(exception.InnerException);
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    private async Task RunAsync(string operation)
    {
        var store = Microsoft.Extensions.Options.Options.Create(new StoreOptions { Redis = "unused" });
        var timeouts = Microsoft.Extensions.Options.Options.Create(new SessionOptions());
        var revocations = new RedisRevocationStore(_redis, store, timeouts, TimeProvider.System);
        var sessions = new RedisSessionStore(_redis, revocations, store, timeouts, TimeProvider.System);
        var users = new RedisUserStore(_redis, store);
        var roles = new RedisRoleStore(_redis, store);
        var attempts = new RedisLoginAttemptStore(_redis, store, TimeProvider.System);
        var user = new BasicUser("alice", "hash", UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var cancel = TestContext.Current.CancellationToken;

        switch (operation)
        {
            case "session.create": await sessions.CreateAsync(new NewSession("alice", "basic", ["ROLE_USER"]), cancel); break;
            case "session.get": await sessions.GetAsync("sid", cancel); break;
            case "session.authenticate": await sessions.AuthenticateAsync(new SessionTicket("sid", "secret"), cancel); break;
            case "session.list": await sessions.ListByUserAsync("basic", "alice", cancel); break;
            case "session.roles": await sessions.SetRolesAsync("sid", ["ROLE_USER"], cancel); break;
            case "session.revoke": await sessions.RevokeAsync("sid", cancel); break;
            case "revocation.revoke": await revocations.RevokeAsync("sid", cancel); break;
            case "revocation.check": await revocations.IsRevokedAsync("sid", cancel); break;
            case "revocation.subscribe": await revocations.SubscribeAsync(new Sessions.RecordingListener(), cancel); break;
            case "user.find": await users.FindAsync("alice", cancel); break;
            case "user.create": await users.CreateAsync(user, cancel); break;
            case "user.update": await users.UpdateAsync(user, cancel); break;
            case "user.list": await users.ListAsync(cancel); break;
            case "role.get": await roles.GetIndividualRolesAsync("basic", "alice", cancel); break;
            case "role.set": await roles.SetIndividualRolesAsync("basic", "alice", ["ROLE_USER"], cancel); break;
            case "role.link": await roles.GetLinkAsync(new AtotiAuth.Shared.Roles.PrincipalId("oidc:x", "alice"), cancel); break;
            case "role.mapping": await roles.GetRoleMappingAsync("ldap", cancel); break;
            case "attempt.count": await attempts.TryCountAsync("user:ALICE", "192.0.2.1", 5, 100, TimeSpan.FromMinutes(1), cancel); break;
            case "attempt.end": await attempts.EndAsync("user:ALICE", "192.0.2.1", AtotiAuth.Shared.Throttling.AttemptEnd.Failed, cancel); break;
            case "attempt.remember": await attempts.RememberAsync("known:ALICE", "192.0.2.1", TimeSpan.FromDays(1), cancel); break;
            case "attempt.get": await attempts.GetAsync("user:ALICE", cancellationToken: cancel); break;
            case "attempt.reset": await attempts.ResetAsync("user:ALICE", cancel); break;
            default: throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation.");
        }
    }

    private static ConnectionMultiplexer ConnectToClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var configuration = new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, port } },
            AbortOnConnectFail = false,
            ConnectTimeout = 250,
            AsyncTimeout = 250,
            SyncTimeout = 250,
            ConnectRetry = 0,
        };
        return ConnectionMultiplexer.Connect(configuration);
    }
}
