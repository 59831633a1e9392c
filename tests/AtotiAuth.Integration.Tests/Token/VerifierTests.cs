using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Integration.Tests.Token;

public sealed class VerifierTests(RedisFixture redis) : TokenServiceTestBase(redis)
{
    private static readonly string[] ForgedCertificateChain = ["MIIB"];
    private static readonly string[] ForgedRoles = ["ROLE_ADMIN", "ROLE_USER"];
    private static readonly string[] CriticalExtensions = ["urn:example:policy"];

    [Fact]
    public async Task StockJwtBearer_TokenFromJwt_IsAccepted()
    {
        var service = StartTokenService();
        var token = await GetTokenAsync(service);
        var cube = Own(await VerifierApp.StartStockAsync(service));

        using var response = await cube.CallAsync($"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Jwt")]
    public async Task AtotiAuthJwt_TokenFromJwt_IsAccepted(string scheme)
    {
        var service = StartTokenService();
        var token = await GetTokenAsync(service);
        var cube = Own(await VerifierApp.StartAtotiAuthAsync(service, Redis.ConnectionString));

        using var response = await cube.CallAsync($"{scheme} {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AtotiAuthJwt_RevokedSession_IsRejected()
    {
        var service = StartTokenService();
        var (session, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        var token = await GetTokenAsync(service, cookie);
        var cube = Own(await VerifierApp.StartAtotiAuthAsync(service, Redis.ConnectionString));
        using (var before = await cube.CallAsync($"Bearer {token}"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await service.RevokeAsync(session.Id);

        // The cube hears the revocation over Redis pub/sub, on its own connection: within milliseconds,
        // but not necessarily before the next request is served.
        var status = HttpStatusCode.OK;
        var clock = Stopwatch.StartNew();
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            using var after = await cube.CallAsync($"Bearer {token}");
            status = after.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    public static TheoryData<string> MaliciousTokens =>
    [
        "alg_none",
        "hs256_signed_with_rsa_public_key",
        "unknown_kid",
        "missing_kid",
        "jku_header",
        "x5u_header",
        "embedded_jwk_header",
        "x5c_header",
        "stripped_signature",
        "expired",
        "not_yet_valid",
        "wrong_issuer",
        "wrong_audience",
        "tampered_payload",
        "signed_by_foreign_key",
        "crit_unknown_extension",
        "type_logout_jwt",
        "type_access_token",
    ];

    [Theory]
    [MemberData(nameof(MaliciousTokens))]
    public async Task AtotiAuthJwt_MaliciousToken_IsRejected(string attack)
    {
        var rsa = Keys.AddRsaPem("k1");
        var service = StartTokenService();
        var (session, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        var genuine = await GetTokenAsync(service, cookie);
        var cube = Own(await VerifierApp.StartAtotiAuthAsync(service, Redis.ConnectionString));
        using (var control = await cube.CallAsync($"Bearer {genuine}"))
        {
            Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        }

        var forged = Forge(attack, rsa, service.Url, session.Id, genuine);
        using var response = await cube.CallAsync($"Bearer {forged}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Forge(string attack, RSA rsa, string issuer, string sessionId, string genuine)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "mallory", ["authorities"] = ForgedRoles, ["sid"] = sessionId, ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var real = new RsaSecurityKey(rsa) { KeyId = "k1" };
        string Sign(SecurityKey key, string algorithm, Action<SecurityTokenDescriptor>? change = null, Dictionary<string, object>? headers = null)
        {
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = issuer, Audience = "atoti", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(10),
                Claims = claims, SigningCredentials = new SigningCredentials(key, algorithm), AdditionalHeaderClaims = headers,
            };
            change?.Invoke(descriptor);
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        }

        var parts = genuine.Split('.');
        var publicJwk = new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = "AQAB", ["e"] = "AQAB" };
        return attack switch
        {
            "alg_none" => $"{Encode("""{"alg":"none","typ":"JWT","kid":"k1"}""")}.{parts[1]}.",
            "hs256_signed_with_rsa_public_key" => Hmac(parts[1], rsa),
            "unknown_kid" => Sign(new RsaSecurityKey(rsa) { KeyId = "k9" }, "RS512"),
            "missing_kid" => Sign(new RsaSecurityKey(rsa), "RS512"),
            "jku_header" => Sign(real, "RS512", headers: new() { ["jku"] = "https://evil.example.com/jwks.json" }),
            "x5u_header" => Sign(real, "RS512", headers: new() { ["x5u"] = "https://evil.example.com/cert.pem" }),
            "embedded_jwk_header" => Sign(real, "RS512", headers: new() { ["jwk"] = publicJwk }),
            "x5c_header" => Sign(real, "RS512", headers: new() { ["x5c"] = ForgedCertificateChain }),
            "stripped_signature" => $"{parts[0]}.{parts[1]}.",
            "expired" => Sign(real, "RS512", d => { d.IssuedAt = now.AddMinutes(-20); d.NotBefore = now.AddMinutes(-20); d.Expires = now.AddMinutes(-2); }),
            "not_yet_valid" => Sign(real, "RS512", d => { d.NotBefore = now.AddMinutes(5); d.Expires = now.AddMinutes(15); }),
            "wrong_issuer" => Sign(real, "RS512", d => d.Issuer = "https://evil.example.com"),
            "wrong_audience" => Sign(real, "RS512", d => d.Audience = "other"),
            "tampered_payload" => $"{parts[0]}.{Encode("""{"sub":"root","authorities":["ROLE_ADMIN"]}""")}.{parts[2]}",
            "signed_by_foreign_key" => Sign(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" }, "RS512"),
            "crit_unknown_extension" => Sign(real, "RS512", headers: new() { ["crit"] = CriticalExtensions, ["urn:example:policy"] = "x" }),
            "type_logout_jwt" => Sign(real, "RS512", d => d.TokenType = "logout+jwt"),
            "type_access_token" => Sign(real, "RS512", d => d.TokenType = "at+jwt"),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };
    }

    /// <summary>Key confusion: an HS256 token whose secret is the RSA public key a verifier can download.</summary>
    private static string Hmac(string payload, RSA rsa)
    {
        var signingInput = $"{Encode("""{"alg":"HS256","typ":"JWT","kid":"k1"}""")}.{payload}";
        var secret = Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(json);

    private static async Task<string> GetTokenAsync(TokenServiceFactory service, string? cookie = null)
    {
        cookie ??= (await service.LogInAsync("alice", "ROLE_USER")).Cookie;
        using var client = service.CreateRealClient();
        using var response = await client.GetJwtAsync(cookie);
        response.EnsureSuccessStatusCode();
        return await response.ReadTokenAsync();
    }
}
