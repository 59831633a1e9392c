using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// One identity service and the token service on its Redis prefix, per test class (tests keep to user
/// names of their own), with at most 3 sessions per principal so the cap shows in a few logins.
/// </summary>
public sealed class IdentityWithTokenFixture(RedisFixture redis) : IAsyncDisposable
{
    private IdentityApp? _identity;
    private TokenApp? _token;

    public IdentityApp Identity => _identity ??= new IdentityApp(redis, new Dictionary<string, string?>
    {
        ["AtotiAuth:Session:MaxSessionsPerUser"] = "3",
    });

    public TokenApp Token => _token ??= new TokenApp(redis, Identity.KeyPrefix);

    /// <summary>A client calling the admin API as the seeded admin, by HTTP Basic.</summary>
    public HttpClient Admin()
    {
        var client = Identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_token is not null)
        {
            await _token.DisposeAsync();
        }

        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }
}
