using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Sessions;
using AtotiAuth.Shared.Throttling;
using AtotiAuth.Shared.Users;
using AtotiAuth.Testing;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>What only the Redis store has to get right: key prefixes, what a key holds, TTLs, the feed across reconnects.</summary>
public sealed class RedisStoreLayoutTests(RedisFixture fixture) : IAsyncDisposable
{
    private static readonly NewSession Alice = new("alice", "basic", ["ROLE_USER"]);

    private readonly RedisTestContext _redis = new(fixture);
    private readonly SessionOptions _timeouts = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_DifferentKeyPrefixes_SeeNothingOfEachOther()
    {
        var (sessionsA, revocationsA) = SessionStores($"{_redis.KeyPrefix}a:");
        var (sessionsB, revocationsB) = SessionStores($"{_redis.KeyPrefix}b:");
        var usersA = new RedisUserStore(_redis.Shared, _redis.StoreOptions($"{_redis.KeyPrefix}a:"));
        var usersB = new RedisUserStore(_redis.Shared, _redis.StoreOptions($"{_redis.KeyPrefix}b:"));
        var hearsA = new RecordingListener();
        var hearsB = new RecordingListener();
        await using var subscriptionA = await revocationsA.SubscribeAsync(hearsA, Cancel);
        await using var subscriptionB = await revocationsB.SubscribeAsync(hearsB, Cancel);

        var issued = await sessionsA.CreateAsync(Alice, Cancel);
        await usersA.CreateAsync(new BasicUser("alice", "hash", UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), Cancel);
        await sessionsA.RevokeAsync((await sessionsA.CreateAsync(Alice, Cancel)).Session.Id, Cancel);

        Assert.Null(await sessionsB.GetAsync(issued.Session.Id, Cancel));
        Assert.Null(await sessionsB.AuthenticateAsync(issued.Ticket, Cancel));
        Assert.Empty(await sessionsB.ListByUserAsync("basic", "alice", Cancel));
        Assert.Null(await usersB.FindAsync("alice", Cancel));
        Assert.Empty(await usersB.ListAsync(Cancel));
        Assert.Single(await sessionsA.ListByUserAsync("basic", "alice", Cancel));
        Assert.True(await RecordingListener.WaitUntilAsync(() => !hearsA.Revoked.IsEmpty));
        Assert.False(await revocationsB.IsRevokedAsync(hearsA.Revoked.Single(), Cancel));
        Assert.Empty(hearsB.Revoked);
    }

    [Fact]
    public async Task Session_Stored_KeepsOnlyTheSecretsHash()
    {
        var (sessions, _) = SessionStores(_redis.KeyPrefix);

        var issued = await sessions.CreateAsync(Alice, Cancel);

        var entries = await _redis.Shared.GetDatabase().HashGetAllAsync($"{_redis.KeyPrefix}session:{issued.Session.Id}");
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Value.ToString().Contains(issued.Ticket.Secret, StringComparison.Ordinal));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(issued.Ticket.Secret));
        Assert.Contains(entries, e => ((byte[])e.Value!).AsSpan().SequenceEqual(hash));
    }

    [Fact]
    public async Task Session_Created_KeysExpireAsSafetyNet()
    {
        var (sessions, _) = SessionStores(_redis.KeyPrefix);

        var issued = await sessions.CreateAsync(Alice, Cancel);

        var db = _redis.Shared.GetDatabase();
        var sessionTtl = await db.KeyTimeToLiveAsync($"{_redis.KeyPrefix}session:{issued.Session.Id}");
        var indexTtl = await db.KeyTimeToLiveAsync($"{_redis.KeyPrefix}user-sessions:basic:alice");
        var usersTtl = await db.KeyTimeToLiveAsync($"{_redis.KeyPrefix}session-users:basic");
        Assert.InRange(sessionTtl!.Value, _timeouts.IdleTimeout, _timeouts.IdleTimeout + TimeSpan.FromMinutes(1));
        Assert.InRange(indexTtl!.Value, _timeouts.AbsoluteTimeout, _timeouts.AbsoluteTimeout + TimeSpan.FromMinutes(1));
        Assert.InRange(usersTtl!.Value, _timeouts.AbsoluteTimeout, _timeouts.AbsoluteTimeout + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task LoginAttempts_EveryKey_ExpiresWithItsWindowOrLifetime()
    {
        var attempts = new RedisLoginAttemptStore(_redis.Shared, _redis.StoreOptions(), TimeProvider.System);
        var window = TimeSpan.FromMinutes(15);

        await attempts.TryCountAsync("user:ALICE", "192.0.2.1", 5, 100, window, Cancel);
        await attempts.TryCountAsync("addr:192.0.2.1", "all", 50, 50, window, Cancel);
        await attempts.EndAsync("user:ALICE", "192.0.2.1", AttemptEnd.Succeeded, Cancel);
        await attempts.RememberAsync("known:ALICE", "192.0.2.1", TimeSpan.FromDays(30), Cancel);

        var db = _redis.Shared.GetDatabase();
        foreach (var key in new[] { "user:ALICE", "addr:192.0.2.1" })
        {
            Assert.InRange((await db.KeyTimeToLiveAsync($"{_redis.KeyPrefix}login-attempts:{key}"))!.Value, window - TimeSpan.FromMinutes(1), window);
        }

        Assert.InRange((await db.KeyTimeToLiveAsync($"{_redis.KeyPrefix}login-attempts:known:ALICE"))!.Value, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task Revocation_Recorded_KeyExpiresAfterRetention()
    {
        var (_, revocations) = SessionStores(_redis.KeyPrefix);

        await revocations.RevokeAsync("sid-1", Cancel);

        var ttl = await _redis.Shared.GetDatabase().KeyTimeToLiveAsync($"{_redis.KeyPrefix}revoked:sid-1");
        Assert.InRange(ttl!.Value, _timeouts.RevocationRetention - TimeSpan.FromMinutes(1), _timeouts.RevocationRetention);
    }

    [Fact]
    public async Task Subscription_PubSubConnectionKilled_ReportsLossAndRestoreAndKeepsListening()
    {
        var (_, revocations) = SessionStores(_redis.KeyPrefix);
        var listener = new RecordingListener();
        await using var subscription = await revocations.SubscribeAsync(listener, Cancel);
        var admin = ConnectionMultiplexer.Connect($"{fixture.ConnectionString},allowAdmin=true");
        await using var _ = admin;

        await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");

        Assert.True(await RecordingListener.WaitUntilAsync(() => listener.FeedLost >= 1));
        Assert.True(await RecordingListener.WaitUntilAsync(() => listener.FeedRestored >= 1));
        var (_, publisher) = SessionStores(_redis.KeyPrefix);
        Assert.True(await RecordingListener.WaitUntilAsync(async () =>
        {
            await publisher.RevokeAsync("sid-after-restore", Cancel);
            return listener.Revoked.Contains("sid-after-restore");
        }));
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    private (ISessionStore Sessions, IRevocationStore Revocations) SessionStores(string keyPrefix)
    {
        var connection = _redis.Connect();
        var options = Microsoft.Extensions.Options.Options.Create(_timeouts);
        var revocations = new RedisRevocationStore(connection, _redis.StoreOptions(keyPrefix), options, TimeProvider.System);
        return (new RedisSessionStore(connection, revocations, _redis.StoreOptions(keyPrefix), options, TimeProvider.System), revocations);
    }
}
