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

/// <summary>A signing key as the token service's JWKS would publish it, tokens signed with it, and a validator that trusts it.</summary>
internal sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://auth.example.test";

    private readonly RSA _rsa = RSA.Create(2048);

    public TestTokens() => Key = new RsaSecurityKey(_rsa) { KeyId = "k1" };

    public RsaSecurityKey Key { get; }

    public TokenValidator CreateValidator(TimeProvider? time = null)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(Key);
        var jwt = new JwtBearerOptions
        {
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration),
            TokenValidationParameters = AtotiAuthTokenValidation.CreateParameters(Issuer, "atoti", ["RS512"], TimeSpan.FromSeconds(30)),
        };
        return new TokenValidator(new StaticMonitor(jwt), Options.Create(new PingOptions()), time ?? TimeProvider.System, NullLogger<TokenValidator>.Instance);
    }

    public static Dictionary<string, object> Claims(string sessionId = "sid-1")
    {
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = "atoti",
            ["sub"] = "alice",
            ["sid"] = sessionId,
            ["authorities"] = new[] { "ROLE_USER", "ROLE_SHARE" },
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(15).ToUnixTimeSeconds(),
        };
    }

    public string Sign(Dictionary<string, object> claims, SecurityKey? key = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha512),
        });

    public void Dispose() => _rsa.Dispose();

    private sealed class StaticMonitor(JwtBearerOptions options) : IOptionsMonitor<JwtBearerOptions>
    {
        public JwtBearerOptions CurrentValue => options;

        public JwtBearerOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<JwtBearerOptions, string?> listener) => null;
    }
}
