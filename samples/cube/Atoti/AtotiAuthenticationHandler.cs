using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary>
/// The stand-in's security chain, as an Atoti server configured for an external JWT server has it: a
/// JWT in <c>Authorization: Bearer</c> or the legacy <c>Jwt</c> scheme, else the server's own session
/// cookie, else nobody. Identity headers (<c>X-AtotiAuth-*</c>) mean nothing to it. Unauthenticated
/// requests get a bare 401, a missing role a 403.
/// </summary>
internal sealed class AtotiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AtotiJwtVerifier jwt,
    AtotiSessions sessions,
    AtotiRequestLog requests,
    IOptions<AtotiServerOptions> server) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Atoti";

    private static readonly string[] TokenSchemes = ["Bearer ", "Jwt "];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var caller = await FromTokenAsync() ?? sessions.Find(Request.Cookies[server.Value.SessionCookieName]);
        if (caller is null)
        {
            return Request.Headers.Authorization.Count > 0 ? AuthenticateResult.Fail("invalid token") : AuthenticateResult.NoResult();
        }

        requests.Record(Request, caller);
        Context.Features.Set(caller);
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, caller.User));
        identity.AddClaims(caller.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<AtotiCaller?> FromTokenAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        foreach (var scheme in TokenSchemes)
        {
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return await jwt.VerifyAsync(authorization[scheme.Length..].Trim());
            }
        }

        return null;
    }
}
