using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Issuance;

/// <summary>The token to answer with, or the status and code to refuse with.</summary>
internal readonly record struct TokenOutcome(string? Token, int Status, string? Code)
{
    public static TokenOutcome Success(string token) => new(token, StatusCodes.Status200OK, null);

    public static TokenOutcome Unauthorized(string code) => new(null, StatusCodes.Status401Unauthorized, code);

    public static TokenOutcome Forbidden() => new(null, StatusCodes.Status403Forbidden, TokenProblemCodes.RoleRequired);
}

/// <summary>
/// Who is asking for a token: a caller presenting a token (<c>Bearer</c>, or Atoti's legacy <c>Jwt</c>)
/// gets that same token back once it is fully checked, so a token cannot be exchanged for a longer-lived
/// one (ATOTI-CONTRACT.md); otherwise the session cookie decides.
/// </summary>
internal sealed class TokenRequestAuthenticator(
    SessionCookieReader sessionCookie,
    TokenIssuer issuer,
    CallerTokenValidator callerTokens,
    IOptions<TokenOptions> tokenOptions)
{
    private static readonly string[] TokenSchemes = ["Bearer ", "Jwt "];

    public async ValueTask<TokenOutcome> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (PresentedToken(request.Headers.Authorization.ToString()) is { } presented)
        {
            var caller = await callerTokens.ValidateAsync(presented, cancellationToken);
            if (caller.RejectionCode is { } code)
            {
                return TokenOutcome.Unauthorized(code);
            }

            return HasRequiredRole(caller.Roles) ? TokenOutcome.Success(presented) : TokenOutcome.Forbidden();
        }

        var check = await sessionCookie.CheckAsync(request, cancellationToken);
        return check switch
        {
            { Status: SessionCookieStatus.Missing } => TokenOutcome.Unauthorized(TokenProblemCodes.SessionRequired),
            { Session: { } session } => HasRequiredRole(session.Roles) ? TokenOutcome.Success(issuer.Issue(session)) : TokenOutcome.Forbidden(),
            _ => TokenOutcome.Unauthorized(TokenProblemCodes.SessionInvalid),
        };
    }

    private bool HasRequiredRole(IReadOnlyList<string> roles)
    {
        foreach (var required in tokenOptions.Value.EffectiveRequiredRoles)
        {
            if (roles.Contains(required, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? PresentedToken(string authorization)
    {
        foreach (var scheme in TokenSchemes)
        {
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var token = authorization[scheme.Length..].Trim();
                return token.Length == 0 ? null : token;
            }
        }

        return null;
    }
}
