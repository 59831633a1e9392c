using System.Text;
using AtotiAuth.Identity.Login;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Every failed OpenID Connect login ends on a readable page with a stable code, a link back to
/// <c>/login</c> and one log line (never a 500). Exception text is not shown: it can name keys or claims.
/// </summary>
internal sealed partial class OidcFailurePages(IOptions<IdentityOptions> identity, ILogger<OidcFailurePages> logger)
{
    public async Task WriteAsync(HttpContext context, string providerId, Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = Classify(failure);
        var failureType = failure is null ? "-" : failure.GetType().Name;
        if (code == IdentityProblemCodes.ProviderUnavailable)
        {
            LogUnavailable(logger, providerId, failureType);
        }
        else
        {
            LogFailed(logger, code, providerId, failureType);
        }

        await WritePageAsync(context, code);
    }

    public async Task WritePageAsync(HttpContext context, string code)
    {
        ArgumentNullException.ThrowIfNull(context);
        HtmlLayout.ApplyHeaders(context.Response, identity.Value.AllowedRedirectOrigins);
        context.Response.StatusCode = StatusOf(code);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Render(code), context.RequestAborted);
    }

    internal static string Render(string code)
    {
        var body = new StringBuilder(512);
        body.Append("<h1>Sign-in failed</h1>\n<div role=\"alert\"><p class=\"error\" data-code=\"").Append(HtmlLayout.Encode(code)).Append("\">")
            .Append(HtmlLayout.Encode(Message(code))).Append("</p></div>\n")
            .Append("<p><a href=\"/login\">Back to sign in</a></p>\n");
        return HtmlLayout.Render("Sign-in failed", body.ToString());
    }

    internal static int StatusOf(string code) => code switch
    {
        IdentityProblemCodes.ProviderUnavailable => StatusCodes.Status503ServiceUnavailable,
        IdentityProblemCodes.AccessDenied => StatusCodes.Status403Forbidden,
        IdentityProblemCodes.UnknownProvider => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };

    internal static string Message(string code) => code switch
    {
        IdentityProblemCodes.AccessDenied => "The sign-in was cancelled or refused at the identity provider.",
        IdentityProblemCodes.InvalidState => "This sign-in link was already used or does not belong to this browser. Please start again.",
        IdentityProblemCodes.LoginFlowExpired => "The sign-in took too long and expired. Please start again.",
        IdentityProblemCodes.InvalidIdToken => "The identity provider's answer could not be verified, so you were not signed in.",
        IdentityProblemCodes.CodeExchangeFailed => "The identity provider refused to complete the sign-in. Please start again.",
        IdentityProblemCodes.ProviderUnavailable => "The identity provider cannot be reached right now. Please try again later.",
        IdentityProblemCodes.UnknownProvider => "This sign-in method is not configured.",
        IdentityProblemCodes.MissingNameClaim => "The identity provider did not say who you are (the configured user name claim is missing).",
        IdentityProblemCodes.UnverifiedEmail => "The identity provider has not verified your e-mail address, which this service uses as your user name. Verify it there, then sign in again.",
        IdentityProblemCodes.InvalidUserName => "The user name the identity provider gave cannot be used here (it holds look-alike or mixed-script characters).",
        _ => "The identity provider reported an error. Please start again.",
    };

    internal static string Classify(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OidcFlowException flow:
                    return flow.Code;
                case HttpRequestException or TaskCanceledException or TimeoutException:
                    return IdentityProblemCodes.ProviderUnavailable;
                case InvalidOperationException when e.Message.Contains("IDX20803", StringComparison.Ordinal):
                    return IdentityProblemCodes.ProviderUnavailable;
                case SecurityTokenException:
                    return IdentityProblemCodes.InvalidIdToken;
                case OpenIdConnectProtocolException when e.GetType() != typeof(OpenIdConnectProtocolException):
                    return IdentityProblemCodes.InvalidIdToken;
                case OpenIdConnectProtocolException when e.Message.Contains("'invalid_grant'", StringComparison.Ordinal):
                    return IdentityProblemCodes.CodeExchangeFailed;
                case AuthenticationFailureException when e.Message.Contains("Correlation failed", StringComparison.Ordinal)
                                                        || e.Message.Contains("message.State", StringComparison.Ordinal):
                    return IdentityProblemCodes.InvalidState;
                default:
                    break;
            }
        }

        return IdentityProblemCodes.ProviderError;
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "OpenID Connect login refused ({Code}) for provider {Provider}: {FailureType}")]
    private static partial void LogFailed(ILogger logger, string code, string provider, string failureType);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "OpenID Connect login failed (" + IdentityProblemCodes.ProviderUnavailable + ") for provider {Provider}: {FailureType}")]
    private static partial void LogUnavailable(ILogger logger, string provider, string failureType);
}
