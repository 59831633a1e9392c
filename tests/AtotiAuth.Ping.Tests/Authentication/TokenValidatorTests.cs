using System.Security.Cryptography;
using AtotiAuth.Ping.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Ping.Tests.Authentication;

public sealed class TokenValidatorTests : IDisposable
{
    private readonly TestTokens _tokens = new();
    private readonly TokenValidator _validator;

    public TokenValidatorTests() => _validator = _tokens.CreateValidator();

    [Fact]
    public async Task Validate_SignedToken_ReturnsTheCallerThenTheSameCachedOne()
    {
        var token = Sign(Claims());

        var first = await _validator.ValidateAsync(token, TestContext.Current.CancellationToken);
        var second = await _validator.ValidateAsync(token, TestContext.Current.CancellationToken);

        Assert.NotNull(first.Caller);
        Assert.Equal("alice", first.Caller.UserName);
        Assert.Equal("sid-1", first.Caller.SessionId);
        Assert.Equal(["ROLE_USER", "ROLE_SHARE"], first.Caller.Roles);
        Assert.Same(first.Caller, second.Caller);
    }

    [Fact]
    public async Task Validate_TokenReadFromItsHeader_HitsTheCallerCachedForTheString()
    {
        var token = Sign(Claims());
        var header = "Bearer " + token;

        var first = await _validator.ValidateAsync(token, TestContext.Current.CancellationToken);
        Assert.True(BearerToken.TryRead(header, out var slice));
        var second = await _validator.ValidateAsync(slice, TestContext.Current.CancellationToken);

        Assert.NotNull(first.Caller);
        Assert.Same(first.Caller, second.Caller);
    }

    [Fact]
    public async Task Validate_Expired_InvalidToken()
    {
        var claims = Claims();
        claims["iat"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        claims["nbf"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        claims["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();

        var result = await _validator.ValidateAsync(Sign(claims), TestContext.Current.CancellationToken);

        Assert.Equal(PingErrors.InvalidToken, result.Error);
    }

    [Fact]
    public async Task Validate_OtherKey_InvalidToken()
    {
        using var other = RSA.Create(2048);

        var result = await _validator.ValidateAsync(Sign(Claims(), new RsaSecurityKey(other) { KeyId = "k1" }), TestContext.Current.CancellationToken);

        Assert.Equal(PingErrors.InvalidToken, result.Error);
    }

    [Fact]
    public async Task Validate_OtherAudience_InvalidToken()
    {
        var claims = Claims();
        claims["aud"] = "another-app";

        var result = await _validator.ValidateAsync(Sign(claims), TestContext.Current.CancellationToken);

        Assert.Equal(PingErrors.InvalidToken, result.Error);
    }

    [Fact]
    public async Task Validate_NoSessionId_MissingSessionId()
    {
        var claims = Claims();
        claims.Remove("sid");

        var result = await _validator.ValidateAsync(Sign(claims), TestContext.Current.CancellationToken);

        Assert.Equal(PingErrors.MissingSessionId, result.Error);
    }

    [Fact]
    public async Task Validate_JkuHeader_ForbiddenTokenHeader()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = Claims(),
            SigningCredentials = new SigningCredentials(_tokens.Key, SecurityAlgorithms.RsaSha512),
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = "https://evil.example.test/jwks" },
        });

        var result = await _validator.ValidateAsync(token, TestContext.Current.CancellationToken);

        Assert.Equal(PingErrors.ForbiddenTokenHeader, result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
    public async Task Validate_Garbage_InvalidToken(string token)
    {
        var result = await _validator.ValidateAsync(token, TestContext.Current.CancellationToken);

        Assert.Equal(PingErrors.InvalidToken, result.Error);
    }

    public void Dispose()
    {
        _validator.Dispose();
        _tokens.Dispose();
    }

    private static Dictionary<string, object> Claims() => TestTokens.Claims();

    private string Sign(Dictionary<string, object> claims, SecurityKey? key = null) => _tokens.Sign(claims, key);
}
