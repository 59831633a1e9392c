using System.Security.Cryptography;
using AtotiAuth.Shared.Jwt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Signs tokens shaped as the token service signs them (iss, aud, iat, nbf, exp, sub, authorities, sid,
/// jti; ES256 with the service's own key and kid), each for a session of its own: the harness makes N
/// distinct sessions for a sidecar far faster than N logins could.
/// </summary>
internal sealed class TokenMinter : IDisposable
{
    private static readonly string[] Roles = ["ROLE_USER"];
    private readonly ECDsa _key = ECDsa.Create();
    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly string _issuer;

    public TokenMinter(string keyDirectory, string keyId, string issuer)
    {
        _key.ImportFromPem(File.ReadAllText(Path.Combine(keyDirectory, "bench-1.pem")));
        _credentials = new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256);
        _issuer = issuer;
    }

    /// <summary>Writes one token per line, for the sessions <paramref name="sessionIds"/> (users from <paramref name="from"/>; one thread per core).</summary>
    public void WriteTokens(string path, int from, string[] sessionIds, TimeSpan lifetime)
    {
        var count = sessionIds.Length;
        var tokens = new string[count];
        var now = DateTime.UtcNow;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            tokens[i] = _handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = _issuer,
                Audience = "atoti",
                IssuedAt = now,
                NotBefore = now,
                Expires = now + lifetime,
                Claims = new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["sub"] = FormattableString.Invariant($"cache-user-{from + i}"),
                    ["authorities"] = Roles,
                    [AtotiAuthTokenValidation.SessionIdClaim] = sessionIds[i],
                    ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
                },
                SigningCredentials = _credentials,
            });
        });
        File.WriteAllLines(path, tokens);
    }

    public void Dispose() => _key.Dispose();
}
