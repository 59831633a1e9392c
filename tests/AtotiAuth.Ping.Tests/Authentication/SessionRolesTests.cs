using AtotiAuth.Ping.Authentication;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Ping.Tests.Authentication;

public sealed class SessionRolesTests : IDisposable
{
    // The memory cache keeps the system clock for expiry; the fake one starts at the real time.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly NoSessions _store = new();
    private readonly SessionRoles _roles;

    public SessionRolesTests() => _roles = new SessionRoles(_store, Options.Create(new PingOptions()), _time);

    public void Dispose() => _roles.Dispose();

    [Fact]
    public async Task Remember_SameCallerAgain_RolesServedWithoutAStoreRead()
    {
        var caller = Caller("sid-1", ["ROLE_USER"]);

        _roles.Remember(caller);
        _roles.Remember(caller);
        var roles = await _roles.GetAsync("sid-1", caller.ExpiresAt, TestContext.Current.CancellationToken);

        Assert.Same(caller.Roles, roles);
        Assert.Equal(0, _store.Reads);
    }

    [Fact]
    public async Task Remember_NewTokenOfTheSameSession_ItsRolesReplaceTheOld()
    {
        _roles.Remember(Caller("sid-1", ["ROLE_USER"]));
        var renewed = Caller("sid-1", ["ROLE_USER", "ROLE_ADMIN"]);

        _roles.Remember(renewed);
        var roles = await _roles.GetAsync("sid-1", renewed.ExpiresAt, TestContext.Current.CancellationToken);

        Assert.Equal(["ROLE_USER", "ROLE_ADMIN"], roles);
    }

    [Fact]
    public async Task Remember_CallerPastExpiry_KeepsNothing()
    {
        var caller = Caller("sid-1", ["ROLE_USER"]);
        _time.Advance(TimeSpan.FromHours(1));

        _roles.Remember(caller);
        var roles = await _roles.GetAsync("sid-1", caller.ExpiresAt, TestContext.Current.CancellationToken);

        Assert.Null(roles);
        Assert.Equal(1, _store.Reads);
    }

    private AtotiAuthCaller Caller(string sessionId, string[] roles) => new(sessionId, "alice", roles, _time.GetUtcNow().AddMinutes(15));
}
