using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Testing;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Tests.Store;

/// <summary>
/// A Redis that does not answer (a closed port) surfaces from the identity service's own stores as
/// <see cref="StoreUnavailableException"/>, which the service turns into a 503, never a 500.
/// </summary>
public sealed class RedisUnavailableTests : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis = ClosedRedis.Connect();

    public static TheoryData<string> Operations =>
    [
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
        var users = new RedisUserStore(_redis, store);
        var roles = new RedisRoleStore(_redis, store);
        var attempts = new RedisLoginAttemptStore(_redis, store, TimeProvider.System);
        var user = new BasicUser("alice", "hash", UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var cancel = TestContext.Current.CancellationToken;

        switch (operation)
        {
            case "user.find": await users.FindAsync("alice", cancel); break;
            case "user.create": await users.CreateAsync(user, cancel); break;
            case "user.update": await users.UpdateAsync(user, cancel); break;
            case "user.list": await users.ListAsync(cancel); break;
            case "role.get": await roles.GetIndividualRolesAsync("basic", "alice", cancel); break;
            case "role.set": await roles.SetIndividualRolesAsync("basic", "alice", ["ROLE_USER"], cancel); break;
            case "role.link": await roles.GetLinkAsync(new PrincipalId("oidc:x", "alice"), cancel); break;
            case "role.mapping": await roles.GetRoleMappingAsync("ldap", cancel); break;
            case "attempt.count": await attempts.TryCountAsync("user:ALICE", "192.0.2.1", 5, 100, TimeSpan.FromMinutes(1), cancel); break;
            case "attempt.end": await attempts.EndAsync("user:ALICE", "192.0.2.1", AttemptEnd.Failed, cancel); break;
            case "attempt.remember": await attempts.RememberAsync("known:ALICE", "192.0.2.1", TimeSpan.FromDays(1), cancel); break;
            case "attempt.get": await attempts.GetAsync("user:ALICE", cancellationToken: cancel); break;
            case "attempt.reset": await attempts.ResetAsync("user:ALICE", cancel); break;
            default: throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation.");
        }
    }
}
