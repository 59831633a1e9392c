using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Testcontainers.Tests.Module;

/// <summary>Validates a JWT as a verifier does: signature by the published JWKS, issuer, audience, lifetime.</summary>
public static class JwtAssertions
{
    public static async Task<ClaimsIdentity> ValidAsync(string jwt, Uri jwks, string issuer)
    {
        using var http = new HttpClient();
        var keys = new JsonWebKeySet(await http.GetStringAsync(jwks, TestContext.Current.CancellationToken));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = "atoti",
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = ["RS512"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return result.ClaimsIdentity;
    }

    public static IReadOnlyList<string> Authorities(ClaimsIdentity identity) =>
        [.. identity.FindAll("authorities").Select(static c => c.Value)];

    public static string KeyId(string jwt) => new JsonWebToken(jwt).Kid;
}
