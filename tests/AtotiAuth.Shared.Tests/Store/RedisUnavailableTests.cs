using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>
/// A Redis that does not answer (a closed port) must surface as <see cref="StoreUnavailableException"/>,
/// which the services turn into a 503, never as a client exception type that would become a 500.
/// </summary>
public sealed class RedisUnavailableTests : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis = ClosedRedis.Connect();

    public static TheoryData<string> Operations =>
    [
        "session.create", "session.get", "session.authenticate", "session.list", "session.roles", "session.revoke",
        "revocation.revoke", "revocation.check", "revocation.subscribe",
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
            default: throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation.");
        }
    }
}
