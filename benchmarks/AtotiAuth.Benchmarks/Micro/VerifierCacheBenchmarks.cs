using System.Security.Cryptography;
using System.Text.Json;
using AtotiAuth.Shared.Jwt;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The verifier's two caches for a token it has already checked: the same <c>Authorization</c> string
/// again (what Kestrel hands a kept-alive connection whose header repeats: one weak-table lookup), and
/// an equal string from another connection (the token's SHA-256, then the memory cache).
/// </summary>
[MemoryDiagnoser]
public class VerifierCacheBenchmarks : IDisposable
{
    private const string Issuer = "https://auth.example.com";
    private static readonly string[] Roles = ["ROLE_USER", "ROLE_SHARE"];
    private static readonly string[] Algorithms = ["RS512"];

    private RSA _rsa = null!;
    private AtotiAuthTokenVerifier _verifier = null!;
    private string _header = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _rsa = RSA.Create(3072);
        var key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        var keys = new JwksKeySource(Issuer + "/.well-known/openid-configuration", new Documents(key), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger.Instance);
        var parameters = AtotiAuthTokenValidation.CreateParameters(Issuer, "atoti", Algorithms, TimeSpan.FromSeconds(30));
        _verifier = new AtotiAuthTokenVerifier(keys, parameters, 1000, TimeProvider.System, NullLogger.Instance);
        var now = DateTimeOffset.UtcNow;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = Issuer,
                ["aud"] = "atoti",
                ["sub"] = "alice",
                ["sid"] = "c2Vzc2lvbi1pZC0xMjM0NQ",
                ["authorities"] = Roles,
                ["iat"] = now.ToUnixTimeSeconds(),
                ["nbf"] = now.ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            },
            TokenType = "JWT",
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha512),
        });
        _header = "Bearer " + token;
        if ((await _verifier.VerifyHeaderAsync(new StringValues(_header), CancellationToken.None)).Caller is null)
        {
            throw new InvalidOperationException("The benchmark's token was refused.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _verifier?.Dispose();
        _rsa?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> EqualHeaderOtherString() =>
        (await _verifier.VerifyHeaderAsync(new StringValues(new string(_header.AsSpan())), CancellationToken.None)).Caller is not null;

    [Benchmark]
    public async Task<bool> SameHeaderString() =>
        (await _verifier.VerifyHeaderAsync(new StringValues(_header), CancellationToken.None)).Caller is not null;

    /// <summary>The discovery document and the JWKS of one key, from memory.</summary>
    private sealed class Documents(RsaSecurityKey key) : IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (address.EndsWith("openid-configuration", StringComparison.Ordinal))
            {
                return Task.FromResult(JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = Issuer, ["jwks_uri"] = Issuer + "/.well-known/jwks.json" }));
            }

            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Task.FromResult(JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, n = jwk.N, e = jwk.E, use = "sig" } } }));
        }
    }
}
