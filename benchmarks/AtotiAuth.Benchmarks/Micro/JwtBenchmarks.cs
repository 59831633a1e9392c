using System.Security.Cryptography;
using AtotiAuth.Shared.Jwt;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// Signing and validating one AtotiAuth-shaped token per algorithm, with the validation rules every
/// verifier applies (shared/Jwt). This is the cost the token cache and the sidecar's validation cache avoid.
/// </summary>
[MemoryDiagnoser]
public class JwtBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private SecurityTokenDescriptor _descriptor = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;

    [Params("RS512", "RS256", "PS256", "ES256", "HS256")]
    public string Algorithm { get; set; } = "RS512";

    [GlobalSetup]
    public void Setup()
    {
        var key = CreateKey(Algorithm);
        var now = DateTime.UtcNow;
        _descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://auth.example.com",
            Audience = "atoti",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "alice",
                ["authorities"] = new[] { "ROLE_USER", "ROLE_SHARE" },
                ["sid"] = "c2Vzc2lvbi1pZC0xMjM0NQ",
                ["jti"] = "dG9rZW4taWQtMTIzNDU2Nzg",
            },
            SigningCredentials = new SigningCredentials(key, Algorithm),
        };
        _token = _handler.CreateToken(_descriptor);
        _parameters = AtotiAuthTokenValidation.CreateParameters("https://auth.example.com", "atoti", [Algorithm], TimeSpan.FromSeconds(30));
        _parameters.IssuerSigningKey = key;
    }

    [Benchmark]
    public string Sign() => _handler.CreateToken(_descriptor);

    [Benchmark]
    public async Task<bool> Validate() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    private static SecurityKey CreateKey(string algorithm) => algorithm switch
    {
        // RS512 with 3072 bits as Atoti generates its keys; the others at their usual sizes.
        "RS512" => new RsaSecurityKey(RSA.Create(3072)) { KeyId = "k" },
        "RS256" or "PS256" => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k" },
        "ES256" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" },
        _ => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "k" },
    };
}
