using System.Security.Cryptography;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Tests.Jwt;

public sealed class AtotiAuthTokenVerifierTests : IDisposable
{
    private readonly TestTokens _tokens = new();
    private readonly AtotiAuthTokenVerifier _verifier;

    public AtotiAuthTokenVerifierTests() => _verifier = _tokens.CreateVerifier();

    public void Dispose()
    {
        _verifier.Dispose();
        _tokens.Dispose();
    }

    [Fact]
    public async Task Verify_SignedToken_ReturnsTheCallerThenTheSameCachedOne()
    {
        var token = _tokens.Sign(TestTokens.Claims());

        var first = await VerifyAsync(token);
        var second = await VerifyAsync(token);

        Assert.NotNull(first.Caller);
        Assert.Equal("alice", first.Caller.UserName);
        Assert.Equal("sid-1", first.Caller.SessionId);
        Assert.Equal(["ROLE_USER", "ROLE_SHARE"], first.Caller.Roles);
        Assert.Same(first.Caller, second.Caller);
        Assert.Equal(1, _tokens.Jwks.JwksReads);
    }

    [Fact]
    public async Task VerifyHeader_SameHeaderString_SameCaller()
    {
        var header = "Bearer " + _tokens.Sign(TestTokens.Claims());

        var first = await _verifier.VerifyHeaderAsync(header, TestContext.Current.CancellationToken);
        var second = await _verifier.VerifyHeaderAsync(header, TestContext.Current.CancellationToken);

        Assert.NotNull(first.Caller);
        Assert.Same(first.Caller, second.Caller);
    }

    [Fact]
    public async Task Verify_Expired_InvalidToken()
    {
        var claims = TestTokens.Claims();
        claims["iat"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        claims["nbf"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        claims["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();

        Assert.Equal(CommonProblems.InvalidToken, (await VerifyAsync(_tokens.Sign(claims))).Problem);
    }

    [Fact]
    public async Task Verify_OtherKeyWithAPublishedKid_InvalidToken()
    {
        using var other = RSA.Create(2048);

        var check = await VerifyAsync(_tokens.Sign(TestTokens.Claims(), new RsaSecurityKey(other) { KeyId = "k1" }));

        Assert.Equal(CommonProblems.InvalidToken, check.Problem);
    }

    [Theory]
    [InlineData("aud", "another-app")]
    [InlineData("iss", "https://evil.example.test")]
    public async Task Verify_OtherAudienceOrIssuer_InvalidToken(string claim, string value)
    {
        var claims = TestTokens.Claims();
        claims[claim] = value;

        Assert.Equal(CommonProblems.InvalidToken, (await VerifyAsync(_tokens.Sign(claims))).Problem);
    }

    [Fact]
    public async Task Verify_NoSessionId_MissingSessionId()
    {
        var claims = TestTokens.Claims();
        claims.Remove("sid");

        Assert.Equal(CommonProblems.MissingSessionId, (await VerifyAsync(_tokens.Sign(claims))).Problem);
    }

    [Theory]
    [InlineData("jku", "https://evil.example.test/jwks")]
    [InlineData("x5u", "https://evil.example.test/cert")]
    [InlineData("crit", "exp")]
    [InlineData("crit", "urn:example:unknown")]
    public async Task Verify_ValidlySignedWithAForbiddenHeader_ForbiddenTokenHeader(string name, string value)
    {
        object headerValue = name == "crit" ? new[] { value } : value;
        var token = _tokens.Sign(TestTokens.Claims(), header: new Dictionary<string, object> { [name] = headerValue });

        Assert.Equal(CommonProblems.ForbiddenTokenHeader, (await VerifyAsync(token)).Problem);
    }

    [Theory]
    [InlineData("logout+jwt")]
    [InlineData("at+jwt")]
    [InlineData("JOSE")]
    public async Task Verify_ValidlySignedTokenOfAnotherType_InvalidToken(string type)
    {
        var token = _tokens.Sign(TestTokens.Claims(), type: type);

        Assert.Equal(CommonProblems.InvalidToken, (await VerifyAsync(token)).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
    public async Task Verify_Garbage_InvalidToken(string token)
    {
        Assert.Equal(CommonProblems.InvalidToken, (await VerifyAsync(token)).Problem);
    }

    [Fact]
    public async Task Verify_KidPublishedAfterTheKeysWereRead_WaitsForTheNewKeysAndAccepts()
    {
        Assert.NotNull((await VerifyAsync(_tokens.Sign(TestTokens.Claims()))).Caller);
        var next = _tokens.NewKey("k2");

        var check = await VerifyAsync(_tokens.Sign(TestTokens.Claims("sid-2"), next));

        Assert.NotNull(check.Caller);
        Assert.Equal(2, _tokens.Jwks.JwksReads);
    }

    [Fact]
    public async Task Verify_ManyRequestsWithANewKidAtOnce_OneFetchAllAccepted()
    {
        Assert.NotNull((await VerifyAsync(_tokens.Sign(TestTokens.Claims()))).Caller);
        var next = _tokens.NewKey("k2");
        _tokens.Jwks.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var checks = Enumerable.Range(0, 20).Select(i => VerifyAsync(_tokens.Sign(TestTokens.Claims($"sid-{i}"), next)).AsTask()).ToArray();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        _tokens.Jwks.Gate.SetResult();

        Assert.All(await Task.WhenAll(checks), c => Assert.NotNull(c.Caller));
        Assert.Equal(2, _tokens.Jwks.JwksReads);
    }

    [Fact]
    public async Task Verify_ForgedKids_AtMostOneFetchPerInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var verifier = _tokens.CreateVerifier(time, unknownKeyInterval: TimeSpan.FromSeconds(30));
        var forger = _tokens.NewKey("forged", publish: false);

        // One forged kid every 10 s (more than the 5 s a request may wait for a held fetch), for 100 s.
        for (var i = 0; i < 10; i++)
        {
            var forged = new RsaSecurityKey(forger.Rsa) { KeyId = $"forged-{i}" };
            var check = await verifier.VerifyAsync(_tokens.Sign(TestTokens.Claims(), forged).AsMemory(), TestContext.Current.CancellationToken);
            Assert.Equal(CommonProblems.InvalidToken, check.Problem);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        // The first read, then one unknown-kid fetch at 0, 30, 60 and 90 s.
        Assert.Equal(5, _tokens.Jwks.JwksReads);
    }

    [Fact]
    public async Task Verify_NewKidJustBeforeTheRateLimitAllowsAFetch_HeldUntilItDoesThenAccepted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var verifier = _tokens.CreateVerifier(time, unknownKeyInterval: TimeSpan.FromSeconds(30));
        var forged = _tokens.NewKey("forged", publish: false);
        Assert.Equal(CommonProblems.InvalidToken, (await verifier.VerifyAsync(_tokens.Sign(TestTokens.Claims(), forged).AsMemory(), TestContext.Current.CancellationToken)).Problem);
        time.Advance(TimeSpan.FromSeconds(27));
        var next = _tokens.NewKey("k2");

        var pending = verifier.VerifyAsync(_tokens.Sign(TestTokens.Claims(), next).AsMemory(), TestContext.Current.CancellationToken).AsTask();
        for (var i = 0; i < 100 && !pending.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.NotNull((await pending).Caller);
        Assert.Equal(3, _tokens.Jwks.JwksReads);
    }

    [Fact]
    public async Task Verify_RateLimitedForgedKidJustBefore_GenuineNewKidAfterTheIntervalAccepted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var verifier = _tokens.CreateVerifier(time, unknownKeyInterval: TimeSpan.FromSeconds(30));
        var forged = _tokens.NewKey("forged", publish: false);
        Assert.Equal(CommonProblems.InvalidToken, (await verifier.VerifyAsync(_tokens.Sign(TestTokens.Claims(), forged).AsMemory(), TestContext.Current.CancellationToken)).Problem);

        time.Advance(TimeSpan.FromSeconds(31));
        var next = _tokens.NewKey("k2");
        var check = await verifier.VerifyAsync(_tokens.Sign(TestTokens.Claims(), next).AsMemory(), TestContext.Current.CancellationToken);

        Assert.NotNull(check.Caller);
    }

    private ValueTask<TokenCheck> VerifyAsync(string token) => _verifier.VerifyAsync(token.AsMemory(), TestContext.Current.CancellationToken);
}
