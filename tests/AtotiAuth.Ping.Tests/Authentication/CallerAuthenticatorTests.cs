using AtotiAuth.Ping.Authentication;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Tests.Authentication;

/// <summary>
/// The bearer path of the sidecar's gate. A repeated <c>Authorization</c> string (the server reuses it on
/// a kept-alive connection) skips validation, never the revocation check.
/// </summary>
public sealed class CallerAuthenticatorTests : IDisposable
{
    private readonly TestTokens _tokens = new();
    private readonly TokenValidator _validator;
    private readonly SessionRoles _roles;
    private readonly Revocations _store = new();
    private readonly CallerAuthenticator _authenticator;

    public CallerAuthenticatorTests()
    {
        var options = Options.Create(new PingOptions { CubeId = "risk" });
        _validator = _tokens.CreateValidator();
        _roles = new SessionRoles(new NoSessions(), options, TimeProvider.System);
        var revocations = new RevocationCache(
            _store, Options.Create(new RevocationCacheOptions()), Options.Create(new SessionOptions()), TimeProvider.System, NullLogger<RevocationCache>.Instance);
        _authenticator = new CallerAuthenticator(
            _validator,
            new CubeCookieProtector(new EphemeralDataProtectionProvider(), options),
            _roles,
            revocations,
            options,
            TimeProvider.System,
            NullLogger<CallerAuthenticator>.Instance);
    }

    public void Dispose()
    {
        _validator.Dispose();
        _roles.Dispose();
        _tokens.Dispose();
    }

    [Fact]
    public async Task FromToken_SameHeaderStringAgain_SameCaller()
    {
        var header = "Bearer " + _tokens.Sign(TestTokens.Claims());

        var first = await _authenticator.FromTokenAsync(Request(header));
        var second = await _authenticator.FromTokenAsync(Request(header));

        Assert.NotNull(first.Caller);
        Assert.Same(first.Caller, second.Caller);
    }

    [Fact]
    public async Task FromToken_SameHeaderStringAfterTheSessionIsRevoked_Refused()
    {
        var header = "Bearer " + _tokens.Sign(TestTokens.Claims("sid-9"));
        Assert.NotNull((await _authenticator.FromTokenAsync(Request(header))).Caller);

        _store.Revoked.Add("sid-9");
        var again = await _authenticator.FromTokenAsync(Request(header));

        Assert.Null(again.Caller);
        Assert.Equal(PingErrors.SessionRevoked, again.Error);
    }

    [Fact]
    public async Task FromToken_ForgedTokenTwice_RefusedBothTimes()
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        var header = "Bearer " + _tokens.Sign(TestTokens.Claims(), new Microsoft.IdentityModel.Tokens.RsaSecurityKey(other) { KeyId = "k1" });

        var first = await _authenticator.FromTokenAsync(Request(header));
        var second = await _authenticator.FromTokenAsync(Request(header));

        Assert.Equal(PingErrors.InvalidToken, first.Error);
        Assert.Equal(PingErrors.InvalidToken, second.Error);
    }

    private static DefaultHttpContext Request(string authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;
        return context;
    }

    /// <summary>Revocations held in a set; no feed, so the cache asks on every check.</summary>
    private sealed class Revocations : IRevocationStore
    {
        public HashSet<string> Revoked { get; } = [];

        public Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
        {
            Revoked.Add(sessionId);
            return Task.CompletedTask;
        }

        public Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default) => Task.FromResult(Revoked.Contains(sessionId));

        public Task<IAsyncDisposable> SubscribeAsync(IRevocationListener listener, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
