using System.Text;
using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Login;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Every failed OpenID Connect login ends on a readable page with a stable code, a link back to
/// <c>/login</c> and one log line (never a 500). Exception text is not shown: it can name keys or claims.
/// </summary>
internal sealed partial class OidcFailurePages(IOptions<IdentityOptions> identity, AuditTrail audit, ILogger<OidcFailurePages> logger)
{
    public async Task WriteAsync(HttpContext context, string providerId, Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = Classify(failure);
        var failureType = failure is null ? "-" : failure.GetType().Name;
        audit.LoginRefused(context, providerId, "", AuditTrail.OutcomeOf(problem));
        if (problem == IdentityProblems.ProviderUnavailable)
        {
            LogUnavailable(logger, providerId, failureType);
        }
        else
        {
            LogFailed(logger, problem.Code, providerId, failureType);
        }

        await WritePageAsync(context, problem);
    }

    /// <summary>The page for people: the problem's status, its code in <c>data-code</c>, a sentence and the way back.</summary>
    public async Task WritePageAsync(HttpContext context, ProblemCode problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        HtmlLayout.ApplyHeaders(context.Response, identity.Value.AllowedRedirectOrigins);
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Render(problem), context.RequestAborted);
    }

    internal static string Render(ProblemCode problem)
    {
        var body = new StringBuilder(512);
        body.Append("<h1>Sign-in failed</h1>\n<div role=\"alert\"><p class=\"error\" data-code=\"").Append(HtmlLayout.Encode(problem.Code)).Append("\">")
            .Append(HtmlLayout.Encode(Message(problem))).Append("</p></div>\n")
            .Append("<p><a href=\"/login\">Back to sign in</a></p>\n");
        return HtmlLayout.Render("Sign-in failed", body.ToString());
    }

    internal static string Message(ProblemCode problem) => Messages.GetValueOrDefault(problem, "The identity provider reported an error. Please start again.");

    private static readonly Dictionary<ProblemCode, string> Messages = new()
    {
        [IdentityProblems.AccessDenied] = "The sign-in was cancelled or refused at the identity provider.",
        [IdentityProblems.InvalidState] = "This sign-in link was already used or does not belong to this browser. Please start again.",
        [IdentityProblems.LoginFlowExpired] = "The sign-in took too long and expired. Please start again.",
        [IdentityProblems.InvalidIdToken] = "The identity provider's answer could not be verified, so you were not signed in.",
        [IdentityProblems.CodeExchangeFailed] = "The identity provider refused to complete the sign-in. Please start again.",
        [IdentityProblems.ProviderUnavailable] = "The identity provider cannot be reached right now. Please try again later.",
        [IdentityProblems.UnknownProvider] = "This sign-in method is not configured.",
        [IdentityProblems.MissingNameClaim] = "The identity provider did not say who you are (the configured user name claim is missing).",
        [IdentityProblems.UnverifiedEmail] = "The identity provider has not verified your e-mail address, which this service uses as your user name. Verify it there, then sign in again.",
        [IdentityProblems.InvalidUserName] = "The user name the identity provider gave cannot be used here (it holds look-alike or mixed-script characters).",
    };

    internal static ProblemCode Classify(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OidcFlowException flow:
                    return flow.Problem;
                case HttpRequestException or TaskCanceledException or TimeoutException:
                    return IdentityProblems.ProviderUnavailable;
                case InvalidOperationException when e.Message.Contains("IDX20803", StringComparison.Ordinal):
                    return IdentityProblems.ProviderUnavailable;
                case SecurityTokenException:
                    return IdentityProblems.InvalidIdToken;
                case OpenIdConnectProtocolException when e.GetType() != typeof(OpenIdConnectProtocolException):
                    return IdentityProblems.InvalidIdToken;
                case OpenIdConnectProtocolException when e.Message.Contains("'invalid_grant'", StringComparison.Ordinal):
                    return IdentityProblems.CodeExchangeFailed;
                case AuthenticationFailureException when e.Message.Contains("Correlation failed", StringComparison.Ordinal)
                                                        || e.Message.Contains("message.State", StringComparison.Ordinal):
                    return IdentityProblems.InvalidState;
                default:
                    break;
            }
        }

        return IdentityProblems.ProviderError;
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "OpenID Connect login refused ({Code}) for provider {Provider}: {FailureType}")]
    private static partial void LogFailed(ILogger logger, string code, string provider, string failureType);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "OpenID Connect login failed (provider_unavailable) for provider {Provider}: {FailureType}")]
    private static partial void LogUnavailable(ILogger logger, string provider, string failureType);
}
