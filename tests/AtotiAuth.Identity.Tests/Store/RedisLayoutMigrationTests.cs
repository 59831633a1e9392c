using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Tests.Store;

/// <summary>Data written before principals were kept per provider (layout 1) is moved to layout 2 (issue 22).</summary>
public sealed class RedisLayoutMigrationTests(RedisFixture fixture) : IAsyncDisposable
{
    private static readonly StoreLayoutPlan Plan = new("basic", "oidc:google", new Dictionary<string, string> { ["google"] = "oidc:google" });

    private readonly RedisTestContext _redis = new(fixture);
    private readonly SessionOptions _timeouts = new();
    private IHost? _host;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_Layout1_MovesRolesMappingsAndSessionsToTheirProviders()
    {
        var db = _redis.Shared.GetDatabase();
        var prefix = _redis.KeyPrefix;
        await db.HashSetAsync($"{prefix}users", "alice", "{}");
        await db.HashSetAsync($"{prefix}roles:individual", [new("alice", "[\"ROLE_ADMIN\"]"), new("g@example.com", "[\"ROLE_SHARE\"]")]);
        await db.HashSetAsync($"{prefix}roles:mapping:basic", "bob", "[\"ROLE_MAPPED\"]");
        await db.HashSetAsync($"{prefix}roles:mapping:google", "ROLE_X", "[\"ROLE_USER\"]");
        await db.HashSetAsync($"{prefix}roles:default", "google", "[\"ROLE_USER\"]");
        var sessions = SessionStore();
        var basic = await LegacySessionAsync(sessions, "alice", "basic");
        var sso = await LegacySessionAsync(sessions, "g@example.com", "google");

        var unassigned = await Migration().MigrateAsync(Plan, Cancel);

        var roles = new RedisRoleStore(_redis.Shared, _redis.StoreOptions());
        Assert.Equal(0, unassigned);
        Assert.Equal(["ROLE_ADMIN"], await roles.GetIndividualRolesAsync("basic", "alice", Cancel));
        Assert.Equal(["ROLE_SHARE"], await roles.GetIndividualRolesAsync("oidc:google", "g@example.com", Cancel));
        Assert.False(await db.KeyExistsAsync($"{prefix}roles:individual"));
        Assert.Equal(["user:bob"], (await roles.GetRoleMappingAsync("basic", Cancel)).Keys);
        Assert.Equal(["ROLE_X"], (await roles.GetRoleMappingAsync("oidc:google", Cancel)).Keys);
        Assert.Empty(await roles.GetRoleMappingAsync("google", Cancel));
        Assert.Equal(["ROLE_USER"], await roles.GetDefaultRolesAsync("oidc:google", Cancel));
        Assert.Equal([basic], (await sessions.ListByUserAsync("basic", "alice", Cancel)).Select(static s => s.Id));
        var migrated = Assert.Single(await sessions.ListByUserAsync("oidc:google", "g@example.com", Cancel));
        Assert.Equal((sso, "oidc:google"), (migrated.Id, migrated.Provider));
        Assert.Equal(["g@example.com"], await sessions.ListUserNamesAsync("oidc:google", Cancel));
        Assert.Equal(0, await db.SetLengthAsync($"{prefix}user-sessions:alice"));
        Assert.Equal(2, (int)await db.StringGetAsync($"{prefix}layout-version"));
    }

    [Fact]
    public async Task Migrate_NoSingleOwner_KeepsBareNameRolesUnassigned()
    {
        var db = _redis.Shared.GetDatabase();
        await db.HashSetAsync($"{_redis.KeyPrefix}roles:individual", "someone", "[\"ROLE_ADMIN\"]");

        var unassigned = await Migration().MigrateAsync(Plan with { UnownedRolesProvider = null }, Cancel);
        var again = await Migration().MigrateAsync(Plan, Cancel);

        Assert.Equal(1, unassigned);
        Assert.Equal(0, again);
        Assert.Empty(await new RedisRoleStore(_redis.Shared, _redis.StoreOptions()).GetIndividualRolesAsync("basic", "someone", Cancel));
        Assert.True(await db.HashExistsAsync($"{_redis.KeyPrefix}roles:individual", "someone"));
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        await _redis.DisposeAsync();
    }

    /// <summary>A session made by the current store, then given layout 1's index key (per user name, whatever the provider).</summary>
    private async Task<string> LegacySessionAsync(ISessionStore sessions, string userName, string provider)
    {
        var issued = await sessions.CreateAsync(new NewSession(userName, provider, ["ROLE_USER"], []), Cancel);
        var db = _redis.Shared.GetDatabase();
        await db.KeyRenameAsync($"{_redis.KeyPrefix}user-sessions:{provider}:{userName}", $"{_redis.KeyPrefix}user-sessions:{userName}");
        await db.KeyDeleteAsync($"{_redis.KeyPrefix}session-users:{provider}");
        return issued.Session.Id;
    }

    /// <summary>The session store as the services register it, on this test's Redis and prefix.</summary>
    private ISessionStore SessionStore()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = _redis.ConnectionString,
            ["AtotiAuth:Store:KeyPrefix"] = _redis.KeyPrefix,
        });
        builder.AddAtotiAuthStore();
        _host = builder.Build();
        return _host.Services.GetRequiredService<ISessionStore>();
    }

    private RedisLayoutMigration Migration() => new(
        _redis.Shared,
        _redis.StoreOptions(),
        new RedisSessionIndexMigration(_redis.Shared, _redis.StoreOptions(), Microsoft.Extensions.Options.Options.Create(_timeouts)),
        NullLogger<RedisLayoutMigration>.Instance);
}
