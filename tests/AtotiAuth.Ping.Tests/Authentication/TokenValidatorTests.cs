using System.Security.Cryptography;
using AtotiAuth.Ping.Authentication;
using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Ping.Tests.Authentication;

public sealed class TokenValidatorTests : IDisposable
{
    private const string Issuer = "https://auth.example.test";
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly TokenValidator _validator;

    public TokenValidatorTests()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(_key);
        var jwt = new JwtBearerOptions
        {
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration),
            TokenValidationParameters = AtotiAuthTokenValidation.CreateParameters(Issuer, "atoti", ["RS512"], TimeSpan.FromSeconds(30)),
        };
        _validator = new TokenValidator(
            new StaticMonitor(jwt),
            Options.Create(new PingOptions()),
            TimeProvider.System,
            NullLogger<TokenValidator>.Instance);
    }

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
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha512),
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
        _rsa.Dispose();
    }

    private static Dictionary<string, object> Claims()
    {
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = "atoti",
            ["sub"] = "alice",
            ["sid"] = "sid-1",
            ["authorities"] = new[] { "ROLE_USER", "ROLE_SHARE" },
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(15).ToUnixTimeSeconds(),
        };
    }

    private string Sign(Dictionary<string, object> claims, SecurityKey? key = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha512),
        });

    private sealed class StaticMonitor(JwtBearerOptions options) : IOptionsMonitor<JwtBearerOptions>
    {
        public JwtBearerOptions CurrentValue => options;

        public JwtBearerOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<JwtBearerOptions, string?> listener) => null;
    }
}
