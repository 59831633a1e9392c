using System.Security.Cryptography;
using System.Text.Json;
using AtotiAuth.Shared.Jwt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Tests.Jwt;

/// <summary>
/// Signing keys as the token service's JWKS publishes them (served from memory, fetches counted),
/// tokens signed with them, and a verifier that reads that JWKS.
/// </summary>
internal sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://auth.example.test";

    private readonly List<RSA> _rsas = [];

    public TestTokens() => Key = NewKey("k1");

    public RsaSecurityKey Key { get; }

    /// <summary>The keys the JWKS publishes now.</summary>
    public List<RsaSecurityKey> Published { get; } = [];

    public Documents Jwks { get; } = new();

    public RsaSecurityKey NewKey(string kid, bool publish = true)
    {
        var rsa = RSA.Create(2048);
        _rsas.Add(rsa);
        var key = new RsaSecurityKey(rsa) { KeyId = kid };
        if (publish)
        {
            Published.Add(key);
        }

        return key;
    }

    public AtotiAuthTokenVerifier CreateVerifier(TimeProvider? time = null, TimeSpan? unknownKeyInterval = null)
    {
        Jwks.Publish = () => Published;
        var keys = new JwksKeySource(
            Issuer + "/.well-known/openid-configuration",
            Jwks,
            TimeSpan.FromMinutes(5),
            unknownKeyInterval ?? TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(10),
            time ?? TimeProvider.System,
            NullLogger.Instance);
        var parameters = AtotiAuthTokenValidation.CreateParameters(Issuer, "atoti", ["RS512"], TimeSpan.FromSeconds(30));
        return new AtotiAuthTokenVerifier(keys, parameters, 1000, time ?? TimeProvider.System, NullLogger.Instance);
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

    public string Sign(Dictionary<string, object> claims, SecurityKey? key = null, string type = "JWT", Dictionary<string, object>? header = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = type,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha512),
        });

    public void Dispose()
    {
        foreach (var rsa in _rsas)
        {
            rsa.Dispose();
        }
    }

    /// <summary>The discovery document and the JWKS, from memory; each JWKS read counted, optionally held until released.</summary>
    internal sealed class Documents : IDocumentRetriever
    {
        public Func<IEnumerable<RsaSecurityKey>> Publish { get; set; } = static () => [];

        public int JwksReads => _reads;

        /// <summary>While set, a JWKS read waits for it.</summary>
        public TaskCompletionSource? Gate { get; set; }

        private int _reads;

        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (address.EndsWith("openid-configuration", StringComparison.Ordinal))
            {
                return JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = Issuer, ["jwks_uri"] = Issuer + "/.well-known/jwks.json" });
            }

            Interlocked.Increment(ref _reads);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancel);
            }

            var keys = Publish().Select(static k => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(k.Rsa.ExportParameters(false)) { KeyId = k.KeyId }));
            return JsonSerializer.Serialize(new { keys = keys.Select(static k => new { kty = k.Kty, kid = k.Kid, n = k.N, e = k.E, use = "sig" }) });
        }
    }
}
