using System.Security.Claims;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// Who a request comes from, as an AtotiAuth credential says: a verified JWT, or a cube's cookie issued
/// for one. Handlers put it in the request's features; endpoints read it with
/// <c>context.Features.GetRequiredFeature&lt;AtotiAuthCaller&gt;()</c>.
/// </summary>
/// <param name="SessionId">The session (<c>sid</c>), checked against revocations on every request.</param>
/// <param name="UserName">The user name (<c>sub</c>).</param>
/// <param name="Roles">The roles (<c>authorities</c>).</param>
/// <param name="ExpiresAt">When the credential stops being valid: the JWT's <c>exp</c>.</param>
public sealed record AtotiAuthCaller(string SessionId, string UserName, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt)
{
    /// <summary>True when the caller has at least one of <paramref name="required"/> (compared ordinally).</summary>
    public bool HasAnyRole(IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(required);

        // Indexed: a foreach over the interface allocates an enumerator per request.
        for (var i = 0; i < Roles.Count; i++)
        {
            for (var j = 0; j < required.Count; j++)
            {
                if (string.Equals(Roles[i], required[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A new principal for one request: the user, each role, and the session.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType, string nameClaimType, string roleClaimType)
    {
        var claims = new List<Claim>(Roles.Count + 2)
        {
            new(nameClaimType, UserName),
            new(AtotiAuthTokenValidation.SessionIdClaim, SessionId),
        };
        for (var i = 0; i < Roles.Count; i++)
        {
            claims.Add(new Claim(roleClaimType, Roles[i]));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, nameClaimType, roleClaimType));
    }
}
