using System.Text.Encodings.Web;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// Authenticates <c>/jwt</c> by <c>Authorization: Basic</c>, as a script calls Atoti's token path with
/// <c>curl -u</c> (issue 18): the identity service checks the password as at its login, counts it in the
/// same throttling and starts a session, which the token then names. Refusals carry the login's codes;
/// the 401 has no Basic challenge, which would pop a browser dialog (ATOTI-CONTRACT.md).
/// </summary>
internal sealed class PasswordGrantHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IPasswordSessionGrant grant) : SessionAuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";

    private string? _retryAfter;

    protected override async Task<AuthenticateResult> AuthenticateSessionAsync()
    {
        if (!BasicCredentials.TryRead(Request, out var credentials))
        {
            return AuthenticationProblems.Fail(PasswordGrantProblems.InvalidCredentials);
        }

        var result = await grant.GrantAsync(credentials, Context.Connection.RemoteIpAddress, Context.RequestAborted);
        if (result.Session is not { } session)
        {
            _retryAfter = result.RetryAfter;
            return AuthenticationProblems.Fail(result.Refusal ?? PasswordGrantProblems.InvalidCredentials);
        }

        return Succeed(session);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        if (_retryAfter is not null)
        {
            Response.Headers.RetryAfter = _retryAfter;
        }

        await base.HandleChallengeAsync(properties);
    }
}
