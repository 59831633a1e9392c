using System.Text.Encodings.Web;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// Authenticates <c>/jwt</c> by a token the caller already holds (<c>Authorization: Bearer|Jwt</c>):
/// checked with our own keys and every verifier's rules, then against revocations. The endpoint answers
/// with that same token, so a token can never be exchanged for a longer-lived one (ATOTI-CONTRACT.md).
/// </summary>
internal sealed class PresentedTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CallerTokenValidator tokens,
    RevocationCache revocations,
    IOptions<TokenOptions> tokenOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BearerToken.TryRead(Request.Headers.Authorization, out var presented))
        {
            return AuthenticationProblems.Fail(CommonProblems.InvalidToken);
        }

        var token = presented.ToString();
        var check = await tokens.ValidateAsync(token);
        if (check.Caller is not { } caller)
        {
            return AuthenticationProblems.Fail(check.Problem!);
        }

        try
        {
            if (await revocations.IsRevokedAsync(caller.SessionId, Context.RequestAborted))
            {
                return AuthenticationProblems.Fail(CommonProblems.SessionRevoked);
            }
        }
        catch (StoreUnavailableException)
        {
            return AuthenticationProblems.Fail(CommonProblems.StoreUnavailable);
        }

        Context.Features.Set(new PresentedToken(token, caller));
        var settings = tokenOptions.Value;
        var principal = caller.ToPrincipal(Scheme.Name, settings.PrincipalClaim, settings.AuthoritiesClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    // The contract's bare 401 (no Basic challenge, which would pop a browser dialog), with its code.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await AuthenticationProblems.ChallengeAsync(Context, await HandleAuthenticateOnceSafeAsync(), CommonProblems.MissingCredentials, "Bearer error=\"invalid_token\"");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, CommonProblems.MissingRole);
}
