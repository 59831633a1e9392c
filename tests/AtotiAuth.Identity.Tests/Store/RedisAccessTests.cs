using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Store;
using AtotiAuth.Testcontainers;
using AtotiAuth.Testing;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Tests.Store;

/// <summary>
/// The deployment's Redis users (deploy/k8s/base/redis/atotiauth.acl) over TLS, through the identity
/// service's own stores: only the identity service's user writes users, roles and login attempts; the
/// sidecar's and the token service's are refused with NOPERM, which the stores report as unavailable (issue 21).
/// </summary>
public sealed class RedisAccessTests(SecuredRedisFixture fixture) : IClassFixture<SecuredRedisFixture>, IAsyncDisposable
{
    private static readonly BasicUser Mallory = new("mallory", "hash", UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private readonly List<IConnectionMultiplexer> _connections = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> ReadOnlyUsers => [AtotiAuthRedisUsers.Ping, AtotiAuthRedisUsers.Token];

    [Theory]
    [MemberData(nameof(ReadOnlyUsers))]
    public async Task ReadOnlyUser_WritesUserRoleAttempt_EachRefusedNoPerm(string user)
    {
        var (users, roles, attempts) = Stores(user);

        var refused = new[]
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => users.CreateAsync(Mallory, Cancel)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => roles.SetIndividualRolesAsync("basic", "mallory", ["ROLE_ADMIN"], Cancel)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => attempts.ResetAsync("user:MALLORY", Cancel)),
        };

        Assert.All(refused, static failure =>
        {
            var server = Assert.IsType<RedisServerException>(failure.InnerException);
            Assert.Equal(RedisErrorKind.NoPermission, server.Kind);
            Assert.Contains("Redis refused this service's user: NOPERM", failure.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task IdentityUser_SameWrites_Succeed()
    {
        var (users, roles, attempts) = Stores(AtotiAuthRedisUsers.Identity);
        var name = $"alice-{Guid.NewGuid():N}";

        Assert.True(await users.CreateAsync(Mallory with { UserName = name }, Cancel));
        await roles.SetIndividualRolesAsync("basic", name, ["ROLE_USER"], Cancel);
        await attempts.ResetAsync($"user:{name}", Cancel);

        Assert.NotNull(await users.FindAsync(name, Cancel));
        Assert.Equal(["ROLE_USER"], await roles.GetIndividualRolesAsync("basic", name, Cancel));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private (IUserStore Users, IRoleStore Roles, ILoginAttemptStore Attempts) Stores(string user)
    {
        fixture.EnsureAvailable();
        var configuration = ConfigurationOptions.Parse(fixture.ConnectionString);
        configuration.User = user;
        configuration.Password = fixture.Users.PasswordOf(user);
        configuration.TrustIssuer(fixture.CaCertificateFile);

        // The client's own channel and tie-breaker key sit outside the key prefix the ACL grants (shared/Store/RedisConnection.cs).
        configuration.ConfigurationChannel = string.Empty;
        configuration.TieBreaker = string.Empty;
        var redis = ConnectionMultiplexer.Connect(configuration);
        _connections.Add(redis);
        var store = Microsoft.Extensions.Options.Options.Create(new StoreOptions { Redis = fixture.ConnectionString, KeyPrefix = "atotiauth:" });
        return (new RedisUserStore(redis, store), new RedisRoleStore(redis, store), new RedisLoginAttemptStore(redis, store, TimeProvider.System));
    }
}
