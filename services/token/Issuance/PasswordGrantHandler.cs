using System.Text.Encodings.Web;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
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
    IPasswordSessionGrant grant) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";

    private string? _retryAfter;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BasicCredentials.TryRead(Request, out var credentials))
        {
            return AuthenticationProblems.Fail(PasswordGrantProblems.InvalidCredentials);
        }

        PasswordGrantResult result;
        try
        {
            result = await grant.GrantAsync(credentials, Context.Connection.RemoteIpAddress, Context.RequestAborted);
        }
        catch (StoreUnavailableException)
        {
            return AuthenticationProblems.Fail(CommonProblems.StoreUnavailable);
        }

        if (result.Session is not { } session)
        {
            _retryAfter = result.RetryAfter;
            return AuthenticationProblems.Fail(result.Refusal ?? PasswordGrantProblems.InvalidCredentials);
        }

        Context.Features.Set(session);
        return AuthenticateResult.Success(new AuthenticationTicket(SessionCookieHandler.Principal(session, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (_retryAfter is not null)
        {
            Response.Headers.RetryAfter = _retryAfter;
        }

        await AuthenticationProblems.ChallengeAsync(Context, result, CommonProblems.MissingCredentials, challenge: null);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, CommonProblems.MissingRole);
}
