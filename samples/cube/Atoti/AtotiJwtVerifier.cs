using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary>
/// Verifies a JWT as an Atoti server configured for an external JWT server does: an RSA signature
/// (RS256/384/512) with the one configured public key, an unexpired <c>exp</c>, the principal and
/// authorities claims. Nothing else: no JWKS, no issuer or audience check, no <c>kid</c>.
/// </summary>
internal sealed class AtotiJwtVerifier
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly AtotiServerOptions _options;

    public AtotiJwtVerifier(IOptions<AtotiServerOptions> options)
    {
        _options = options.Value;
        var rsa = RSA.Create();
        var key = _options.JwtPublicKey!.Trim();
        if (key.StartsWith("-----", StringComparison.Ordinal))
        {
            rsa.ImportFromPem(key);
        }
        else
        {
            rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key), out _);
        }

        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(rsa),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The caller, or null for anything this server would refuse.</summary>
    public async Task<AtotiCaller?> VerifyAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>(_options.PrincipalClaim, out var user) || string.IsNullOrEmpty(user))
        {
            return null;
        }

        var roles = jwt.Claims.Where(c => c.Type == _options.AuthoritiesClaim).Select(static c => c.Value).ToArray();
        var sid = jwt.TryGetPayloadValue<string>("sid", out var session) ? session : null;
        return new AtotiCaller(user, roles, sid, "jwt");
    }
}
