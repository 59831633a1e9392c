using System.Collections.Concurrent;
using AtotiAuth.Identity.Login;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Identity.Tests.Login;

/// <summary>
/// The login form's token across replicas and days, with a stand-in for the shared store (the real
/// stores' first-write-wins rule is in the shared contract tests).
/// </summary>
public sealed class LoginFormProtectionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly SharedValues _store = new();

    [Fact]
    public async Task Check_TokenOfAnotherReplica_Accepted()
    {
        var (cookie, token) = await IssueAsync(Replica());

        Assert.Equal(LoginFormVerdict.Valid, await CheckAsync(Replica(), cookie, token));
    }

    [Fact]
    public async Task Check_StoreLostItsKeyAndAnotherReplicaMadeANewOne_AcceptedAfterReadingAgain()
    {
        var checking = Replica();
        var (oldCookie, oldToken) = await IssueAsync(checking);
        Assert.Equal(LoginFormVerdict.Valid, await CheckAsync(checking, oldCookie, oldToken));

        _store.Clear();
        var (cookie, token) = await IssueAsync(Replica());

        Assert.Equal(LoginFormVerdict.Valid, await CheckAsync(checking, cookie, token));
    }

    [Fact]
    public async Task Check_TokenOfYesterday_AcceptedButNotOfTheDayBefore()
    {
        var replica = Replica();
        var (cookie, token) = await IssueAsync(replica);

        _time.Advance(LoginFormKeys.Period);
        var nextDay = await CheckAsync(replica, cookie, token);
        _time.Advance(LoginFormKeys.Period);
        var dayAfter = await CheckAsync(replica, cookie, token);

        Assert.Equal(LoginFormVerdict.Valid, nextDay);
        Assert.Equal(LoginFormVerdict.TokenRefused, dayAfter);
    }

    [Fact]
    public async Task Check_TokenOfAnotherNonce_Refused()
    {
        var replica = Replica();
        var (_, token) = await IssueAsync(replica);
        var (otherCookie, _) = await IssueAsync(replica);

        Assert.Equal(LoginFormVerdict.TokenRefused, await CheckAsync(replica, otherCookie, token));
    }

    [Theory]
    [InlineData("cross-site", "", true)]
    [InlineData("same-site", "", true)]
    [InlineData("same-origin", "https://evil.example", false)]
    [InlineData("none", "", false)]
    [InlineData("", "https://evil.example", true)]
    [InlineData("", "null", true)]
    [InlineData("", "https://auth.example.test", false)]
    [InlineData("", "HTTPS://AUTH.EXAMPLE.TEST", false)]
    [InlineData("", "", false)]
    public void IsCrossSite_FetchMetadataFirstThenOrigin(string secFetchSite, string origin, bool crossSite)
        => Assert.Equal(crossSite, LoginFormProtection.IsCrossSite(secFetchSite, origin, "https://auth.example.test"));

    private LoginFormProtection Replica() => new(new LoginFormKeys(_store, _time), NullLogger<LoginFormProtection>.Instance);

    private static async Task<(string Cookie, string Token)> IssueAsync(LoginFormProtection replica)
    {
        var context = Https();
        var token = await replica.IssueAsync(context);
        var cookie = context.Response.Headers.SetCookie.ToString().Split(';')[0];
        return (cookie, token);
    }

    private static async Task<LoginFormVerdict> CheckAsync(LoginFormProtection replica, string cookie, string token)
    {
        var context = Https();
        context.Request.Headers.Cookie = cookie;
        context.Request.Headers["Sec-Fetch-Site"] = "same-origin";
        return await replica.CheckAsync(context, token);
    }

    private static DefaultHttpContext Https()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("auth.example.test");
        return context;
    }

    /// <summary>First write wins, as the real stores do; <see cref="Clear"/> plays a store that lost its data.</summary>
    private sealed class SharedValues : IEphemeralStore
    {
        private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

        public void Clear() => _values.Clear();

        public Task<string> GetOrAddAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
            => Task.FromResult(_values.GetOrAdd(key, value));

        public Task<bool> TryMarkAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AddToSetAsync(string key, string member, TimeSpan timeToLive, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> GetSetAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
