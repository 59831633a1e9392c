using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Sessions;
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
        var hearsA = new RecordingListener();
        var hearsB = new RecordingListener();
        await using var subscriptionA = await revocationsA.SubscribeAsync(hearsA, Cancel);
        await using var subscriptionB = await revocationsB.SubscribeAsync(hearsB, Cancel);

        var issued = await sessionsA.CreateAsync(Alice, Cancel);
        await sessionsA.RevokeAsync((await sessionsA.CreateAsync(Alice, Cancel)).Session.Id, Cancel);

        Assert.Null(await sessionsB.GetAsync(issued.Session.Id, Cancel));
        Assert.Null(await sessionsB.AuthenticateAsync(issued.Ticket, Cancel));
        Assert.Empty(await sessionsB.ListByUserAsync("basic", "alice", Cancel));
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
        Assert.InRange(sessionTtl!.Value, _timeouts.AbsoluteTimeout, _timeouts.AbsoluteTimeout + TimeSpan.FromMinutes(1));
        Assert.InRange(indexTtl!.Value, _timeouts.AbsoluteTimeout, _timeouts.AbsoluteTimeout + TimeSpan.FromMinutes(1));
        Assert.InRange(usersTtl!.Value, _timeouts.AbsoluteTimeout, _timeouts.AbsoluteTimeout + TimeSpan.FromMinutes(1));
        Assert.False(await db.KeyExistsAsync($"{_redis.KeyPrefix}last-seen:{issued.Session.Id}"));
    }

    /// <summary>
    /// A use is recorded in the session's own last-seen key, not in its hash: the token service, which
    /// records uses at /jwt, has no write access to sessions (deploy/k8s/base/redis/atotiauth.acl).
    /// </summary>
    [Fact]
    public async Task Session_UseRecorded_InLastSeenKeyWithIdleTtlHashUntouched()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var (sessions, _) = SessionStores(_redis.KeyPrefix, time);
        var issued = await sessions.CreateAsync(Alice, Cancel);
        var db = _redis.Shared.GetDatabase();
        var hashBefore = await db.HashGetAllAsync($"{_redis.KeyPrefix}session:{issued.Session.Id}");

        time.Advance(_timeouts.IdleTimeout / 2);
        var used = await sessions.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), used!.LastSeenAt.ToUnixTimeMilliseconds());
        var lastSeenKey = $"{_redis.KeyPrefix}last-seen:{issued.Session.Id}";
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), (long)await db.StringGetAsync(lastSeenKey));
        Assert.InRange((await db.KeyTimeToLiveAsync(lastSeenKey))!.Value, _timeouts.IdleTimeout, _timeouts.IdleTimeout + TimeSpan.FromMinutes(1));
        Assert.Equivalent(hashBefore, await db.HashGetAllAsync($"{_redis.KeyPrefix}session:{issued.Session.Id}"), strict: true);
        Assert.Equal(used.LastSeenAt, (await sessions.GetAsync(issued.Session.Id, Cancel))!.LastSeenAt);

        await sessions.RevokeAsync(issued.Session.Id, Cancel);
        Assert.False(await db.KeyExistsAsync(lastSeenKey));
    }

    /// <summary>The allow-list (issue 21): a session whose data Redis lost counts as ended, revoked or not.</summary>
    [Fact]
    public async Task IsEnded_SessionHashLostWithoutRevocation_True()
    {
        var (sessions, revocations) = SessionStores(_redis.KeyPrefix);
        var kept = await sessions.CreateAsync(Alice, Cancel);
        var lost = await sessions.CreateAsync(Alice, Cancel);

        await _redis.Shared.GetDatabase().KeyDeleteAsync($"{_redis.KeyPrefix}session:{lost.Session.Id}");

        Assert.False(await revocations.IsEndedAsync(kept.Session.Id, Cancel));
        Assert.True(await revocations.IsEndedAsync(lost.Session.Id, Cancel));
        Assert.False(await revocations.IsRevokedAsync(lost.Session.Id, Cancel));
        Assert.True(await revocations.IsEndedAsync("never-created-session", Cancel));
    }

    /// <summary>
    /// With replicas required and none there (a single Redis), a revocation is recorded on the primary
    /// but answered as a failure: a success must survive the primary's loss (issue 21).
    /// </summary>
    [Fact]
    public async Task Revoke_ReplicasRequiredButNone_FailsAsUnavailableAfterTheTimeout()
    {
        var connection = _redis.Connect();
        var store = Microsoft.Extensions.Options.Options.Create(new StoreOptions
        {
            Redis = _redis.ConnectionString,
            KeyPrefix = _redis.KeyPrefix,
            RevocationReplicas = 1,
            RevocationReplicaTimeout = TimeSpan.FromMilliseconds(200),
        });
        using var revocations = new RedisRevocationStore(connection, store, Microsoft.Extensions.Options.Options.Create(_timeouts), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => revocations.RevokeAsync("sid-unreplicated", Cancel));

        Assert.Contains("only 0 of the 1 replica(s)", failure.Message, StringComparison.Ordinal);
        Assert.True(await revocations.IsRevokedAsync("sid-unreplicated", Cancel));
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

    private (ISessionStore Sessions, IRevocationStore Revocations) SessionStores(string keyPrefix, TimeProvider? time = null)
    {
        var connection = _redis.Connect();
        var options = Microsoft.Extensions.Options.Options.Create(_timeouts);
        var revocations = new RedisRevocationStore(connection, _redis.StoreOptions(keyPrefix), options, time ?? TimeProvider.System);
        return (new RedisSessionStore(connection, revocations, _redis.StoreOptions(keyPrefix), options, time ?? TimeProvider.System), revocations);
    }
}
