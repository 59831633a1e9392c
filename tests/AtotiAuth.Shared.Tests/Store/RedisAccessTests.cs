using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testcontainers;
using AtotiAuth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>
/// The deployment's Redis users (deploy/k8s/base/redis/atotiauth.acl) over TLS, through the real stores: the
/// sidecar's and the token service's users cannot write what the identity service writes (issue 21).
/// </summary>
public sealed class RedisAccessTests(SecuredRedisFixture fixture) : IClassFixture<SecuredRedisFixture>, IAsyncDisposable
{
    /// <summary>
    /// Every key family only the identity service writes, each with a command that would change it
    /// (docs/redis.md): unlocking a name, moving roles or sessions, un-revoking, rolling the layout back.
    /// </summary>
    private static readonly (string Command, string Key, string[] Arguments)[] IdentityWrites =
    [
        ("HSET", "session:acl-row", ["roles", "[\"ROLE_ADMIN\"]"]),
        ("HSET", "users", ["mallory", "{}"]),
        ("HSET", "roles:individual:basic", ["mallory", "[\"ROLE_ADMIN\"]"]),
        ("HSET", "roles:links", ["basic/mallory", "basic/admin"]),
        ("HSET", "roles:mapping:ldap", ["user:mallory", "[\"ROLE_ADMIN\"]"]),
        ("HSET", "roles:default", ["basic", "[\"ROLE_ADMIN\"]"]),
        ("SADD", "user-sessions:basic:mallory", ["acl-row"]),
        ("SADD", "session-users:basic", ["mallory"]),
        ("DEL", "revoked:acl-row", []),
        ("DEL", "login-attempts:user:MALLORY", []),
        ("SET", "layout-version", ["1"]),
        ("HSET", "provisioning:csv", ["mallory", "c:digest"]),
        ("SET", "generation", ["forged"]),
    ];

    private readonly List<IConnectionMultiplexer> _connections = [];
    private readonly string _prefix = "atotiauth:";
    private readonly SessionOptions _timeouts = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> ReadOnlyUsers => [AtotiAuthRedisUsers.Ping, AtotiAuthRedisUsers.Token];

    [Theory]
    [MemberData(nameof(ReadOnlyUsers))]
    public async Task ReadOnlyUser_WritesSessionRevocation_EachRefusedNoPerm(string user)
    {
        var (sessions, revocations) = Stores(user);

        var refused = new[]
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => sessions.CreateAsync(new NewSession("mallory", "basic", ["ROLE_ADMIN"]), Cancel)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => revocations.RevokeAsync("some-session", Cancel)),
        };

        Assert.All(refused, static failure =>
        {
            var server = Assert.IsType<RedisServerException>(failure.InnerException);
            Assert.Equal(RedisErrorKind.NoPermission, server.Kind);
            Assert.StartsWith("NOPERM", server.Message, StringComparison.Ordinal);
            Assert.Contains("Redis refused this service's user: NOPERM", failure.Message, StringComparison.Ordinal);
        });
    }

    public static TheoryData<string, string, string, string[]> ReadOnlyUserIdentityWrites()
    {
        var rows = new TheoryData<string, string, string, string[]>();
        foreach (var user in new[] { AtotiAuthRedisUsers.Ping, AtotiAuthRedisUsers.Token })
        {
            foreach (var (command, key, arguments) in IdentityWrites)
            {
                rows.Add(user, command, key, arguments);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(ReadOnlyUserIdentityWrites))]
    public async Task ReadOnlyUser_WritesAnIdentityFamily_RefusedNoPerm(string user, string command, string key, string[] arguments)
    {
        var database = Connect(user).GetDatabase();

        var refused = await Assert.ThrowsAsync<RedisServerException>(() => database.ExecuteAsync(command, Arguments(key, arguments)));

        Assert.Equal(RedisErrorKind.NoPermission, refused.Kind);
    }

    /// <summary>The identity service writes every family, and scans the old session indexes when it migrates the layout.</summary>
    [Fact]
    public async Task IdentityUser_WritesEveryFamilyAndScans()
    {
        var redis = Connect(AtotiAuthRedisUsers.Identity);
        var database = redis.GetDatabase();
        var written = IdentityWrites.Where(static w => w.Key != "generation").ToArray();

        foreach (var (command, key, arguments) in written)
        {
            await database.ExecuteAsync(command, Arguments(key, arguments));
        }

        var server = redis.GetServers().Single(static s => s.IsConnected && !s.IsReplica);
        var indexes = new List<RedisKey>();
        await foreach (var index in server.KeysAsync(pattern: $"{_prefix}user-sessions:*").WithCancellation(Cancel))
        {
            indexes.Add(index);
        }

        Assert.Contains((RedisKey)$"{_prefix}user-sessions:basic:mallory", indexes);
        await database.KeyDeleteAsync([.. written.Select(w => (RedisKey)(_prefix + w.Key))]);
    }

    [Fact]
    public async Task IdentityUser_SameWrites_Succeed()
    {
        var (sessions, revocations) = Stores(AtotiAuthRedisUsers.Identity);

        var issued = await sessions.CreateAsync(new NewSession("alice", "basic", ["ROLE_USER"]), Cancel);
        Assert.True(await sessions.RevokeAsync(issued.Session.Id, Cancel));

        Assert.True(await revocations.IsRevokedAsync(issued.Session.Id, Cancel));
    }

    [Theory]
    [MemberData(nameof(ReadOnlyUsers))]
    public async Task ReadOnlyUser_ReadsSessionsAndHearsRevocations(string user)
    {
        var (sessions, _) = Stores(AtotiAuthRedisUsers.Identity);
        var (readSessions, readRevocations) = Stores(user);
        var issued = await sessions.CreateAsync(new NewSession("alice", "basic", ["ROLE_USER"]), Cancel);
        var heard = new Sessions.RecordingListener();
        await using var subscription = await readRevocations.SubscribeAsync(heard, Cancel);

        Assert.Equal("alice", (await readSessions.GetAsync(issued.Session.Id, Cancel))!.UserName);
        Assert.False(await readRevocations.IsEndedAsync(issued.Session.Id, Cancel));
        await sessions.RevokeAsync(issued.Session.Id, Cancel);

        Assert.True(await heard.HeardAsync(issued.Session.Id));
        Assert.True(await readRevocations.IsEndedAsync(issued.Session.Id, Cancel));
    }

    /// <summary>The token service records uses at <c>/jwt</c> in the last-seen family, which it may write.</summary>
    [Fact]
    public async Task TokenUser_RecordsASessionsUse()
    {
        var (sessions, _) = Stores(AtotiAuthRedisUsers.Identity);
        var (tokenSessions, _) = Stores(AtotiAuthRedisUsers.Token, new FakeClock(TimeSpan.FromMinutes(5)));
        var issued = await sessions.CreateAsync(new NewSession("alice", "basic", ["ROLE_USER"]), Cancel);

        var used = await tokenSessions.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.NotNull(used);
        Assert.True(used.LastSeenAt > issued.Session.LastSeenAt);
    }

    [Fact]
    public async Task DefaultUser_Off_Refused()
    {
        using var redis = await ConnectAsync(user: null);

        // Every command fails; the client's error names the server's NOAUTH once it has recorded the failed
        // handshake, which an error raised at once may come before: polled until it does, within seconds.
        var failure = string.Empty;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!failure.Contains("NOAUTH", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            if (failure.Length > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), Cancel);
            }

            failure = (await Assert.ThrowsAnyAsync<RedisException>(() => redis.GetDatabase().StringGetAsync("atotiauth:generation"))).ToString();
        }

        Assert.Contains("NOAUTH", failure, StringComparison.Ordinal);
    }

    /// <summary>The client checks Redis's certificate against the configured CA: another CA's trust is not enough.</summary>
    [Fact]
    public async Task Tls_ClientTrustingAnotherCa_Refused()
    {
        using var redis = await ConnectAsync(AtotiAuthRedisUsers.Identity, fixture.OtherCaCertificateFile);

        Assert.False(redis.IsConnected);
        await Assert.ThrowsAsync<RedisConnectionException>(() => redis.GetDatabase().PingAsync());
    }

    [Fact]
    public async Task Tls_ClientWithoutTls_Refused()
    {
        var plain = ConfigurationOptions.Parse($"{fixture.Container.IpAddress}:6379");
        plain.AbortOnConnectFail = false;
        plain.ConnectTimeout = 2000;
        plain.User = AtotiAuthRedisUsers.Identity;
        plain.Password = fixture.Users.PasswordOf(AtotiAuthRedisUsers.Identity);
        using var redis = await ConnectionMultiplexer.ConnectAsync(plain);

        Assert.False(redis.IsConnected);
    }

    /// <summary>A service whose user lacks what it needs is not ready, and says what is missing (issue 21).</summary>
    [Fact]
    public async Task Readiness_UserLackingAPermission_NamesIt()
    {
        using var token = ServiceHost(AtotiAuthRedisUsers.Token, static b => b.AddAtotiAuthSessionCookieReader());
        using var tokenAsPing = ServiceHost(AtotiAuthRedisUsers.Ping, static b => b.AddAtotiAuthSessionCookieReader());
        using var identityAsToken = ServiceHost(AtotiAuthRedisUsers.Token, static b =>
        {
            b.AddAtotiAuthSessionCookieReader();
            b.Services.AddStoreAccess(StoreAccess.Writer);
        });

        var ready = await CheckAsync(token);
        var notReady = await CheckAsync(tokenAsPing);
        var writerNotReady = await CheckAsync(identityAsToken);

        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Equal(HealthStatus.Unhealthy, notReady.Status);
        var description = notReady.Entries["redis"].Description!;
        TestContext.Current.TestOutputHelper?.WriteLine(description);
        Assert.Contains("Redis user 'ping' lacks what this service needs: record a session's use (atotiauth:last-seen:acl-probe): NOPERM", description, StringComparison.Ordinal);
        var writer = writerNotReady.Entries["redis"].Description!;
        Assert.Contains("write sessions (atotiauth:session:acl-probe)", writer, StringComparison.Ordinal);
        Assert.Contains("write revocations (atotiauth:revoked:acl-probe)", writer, StringComparison.Ordinal);
        Assert.Contains("write users (atotiauth:users)", writer, StringComparison.Ordinal);
        Assert.Contains("write roles (atotiauth:roles:acl-probe)", writer, StringComparison.Ordinal);
        Assert.Contains("publish revocations", writer, StringComparison.Ordinal);
        Assert.DoesNotContain("read sessions", writer, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private object[] Arguments(string key, string[] arguments) => [(RedisKey)(_prefix + key), .. arguments];

    private (ISessionStore Sessions, IRevocationStore Revocations) Stores(string user, TimeProvider? time = null)
    {
        var redis = Connect(user);
        var store = Microsoft.Extensions.Options.Options.Create(new StoreOptions { Redis = fixture.ConnectionString, KeyPrefix = _prefix });
        var timeouts = Microsoft.Extensions.Options.Options.Create(_timeouts);
        var revocations = new RedisRevocationStore(redis, store, timeouts, time ?? TimeProvider.System);
        return (new RedisSessionStore(redis, revocations, store, timeouts, time ?? TimeProvider.System), revocations);
    }

    private ConnectionMultiplexer Connect(string? user, string? caFile = null)
    {
        fixture.EnsureAvailable();
        var connection = ConnectionMultiplexer.Connect(RedisConnection.Configure(Options(user, caFile), "atotiauth-test"));
        _connections.Add(connection);
        return connection;
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(string? user, string? caFile = null)
    {
        fixture.EnsureAvailable();
        return await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configure(Options(user, caFile), "atotiauth-test"));
    }

    private StoreOptions Options(string? user, string? caFile) => new()
    {
        Redis = fixture.ConnectionString,
        User = user,
        Password = user is null ? null : fixture.Users.PasswordOf(user),
        CaCertificateFile = caFile ?? fixture.CaCertificateFile,
    };

    private IHost ServiceHost(string user, Action<IHostApplicationBuilder> configure)
    {
        fixture.EnsureAvailable();
        return StoreRegistrationTests.Build(
            new()
            {
                ["AtotiAuth:Store:Redis"] = fixture.ConnectionString,
                ["AtotiAuth:Store:User"] = user,
                ["AtotiAuth:Store:Password"] = fixture.Users.PasswordOf(user),
                ["AtotiAuth:Store:CaCertificateFile"] = fixture.CaCertificateFile,
            },
            configure);
    }

    private static async Task<HealthReport> CheckAsync(IHost host)
    {
        var checks = host.Services.GetRequiredService<HealthCheckService>();
        var report = await checks.CheckHealthAsync(Cancel);
        for (var attempt = 0; attempt < 50 && report.Entries["redis"].Description?.Contains("did not answer", StringComparison.Ordinal) == true; attempt++)
        {
            await Task.Delay(100, Cancel);
            report = await checks.CheckHealthAsync(Cancel);
        }

        return report;
    }

    /// <summary>The system clock moved ahead, so a session made now is due for a recorded use.</summary>
    private sealed class FakeClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
