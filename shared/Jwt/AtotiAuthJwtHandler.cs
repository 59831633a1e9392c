using System.Text.Encodings.Web;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;jwt&gt;</c> (and Atoti's legacy <c>Jwt &lt;jwt&gt;</c>) through
/// the scheme's <see cref="AtotiAuthTokenVerifier"/>, then checks the session's revocation on every
/// request: through the <see cref="RevocationCache"/> where the host added one (no store read per
/// request), else the store. A store outage fails closed with 503, never 401 and never "let through".
/// The challenge is a problem with a stable code and a Bearer challenge (RFC 6750 §3), never Basic.
/// </summary>
internal sealed partial class AtotiAuthJwtHandler(
    IOptionsMonitor<AtotiAuthJwtOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RevocationCache? revocationCache = null,
    IRevocationStore? revocationStore = null) : AuthenticationHandler<AtotiAuthJwtOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization;
        if (authorization.Count == 0 || !BearerToken.IsTokenScheme(authorization))
        {
            return AuthenticateResult.NoResult();
        }

        var verifier = Options.Verifier ?? throw new InvalidOperationException(
            $"{AtotiAuthJwtOptions.SectionName}:Authority is not set for the authentication scheme '{Scheme.Name}'.");
        var check = await verifier.VerifyHeaderAsync(authorization, Context.RequestAborted);
        if (check.Caller is not { } caller)
        {
            return AuthenticationProblems.Fail(check.Problem!);
        }

        if (Options.CheckRevocation)
        {
            try
            {
                if (await IsRevokedAsync(caller.SessionId))
                {
                    LogRevoked(Logger, caller.SessionId);
                    return AuthenticationProblems.Fail(CommonProblems.SessionRevoked);
                }
            }
            catch (StoreUnavailableException)
            {
                // Unknown is not "not revoked": refuse, and say 503 so that the client retries rather
                // than sends its user to log in again (DESIGN.md §5).
                return AuthenticationProblems.Fail(CommonProblems.StoreUnavailable);
            }
        }

        Context.Features.Set(caller);
        var principal = caller.ToPrincipal(Scheme.Name, Options.PrincipalClaim, Options.AuthoritiesClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var problem = AuthenticationProblems.ProblemOf(result, CommonProblems.MissingCredentials);
        await Problems.WriteAsync(Context, problem, ReferenceEquals(problem, CommonProblems.MissingCredentials)
            ? "Bearer"
            : "Bearer error=\"invalid_token\"");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, CommonProblems.MissingRole);

    private ValueTask<bool> IsRevokedAsync(string sessionId)
    {
        if (revocationCache is not null)
        {
            return revocationCache.IsRevokedAsync(sessionId, Context.RequestAborted);
        }

        var store = revocationStore ?? throw new InvalidOperationException(
            $"{AtotiAuthJwtOptions.SectionName}:CheckRevocation is on but no IRevocationStore is registered: call " +
            "builder.AddAtotiAuthRevocationCache() (or AddAtotiAuthStore()) with AtotiAuth:Store:Redis set, or set CheckRevocation=false where no store is reachable.");
        return new ValueTask<bool>(store.IsRevokedAsync(sessionId, Context.RequestAborted));
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Token refused: session {SessionId} was revoked")]
    private static partial void LogRevoked(ILogger logger, string sessionId);
}
