using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Identity.Login;

/// <summary>The steps the login endpoints share: redirect check, credentials, session, answers.</summary>
internal sealed partial class LoginFlow(
    RedirectUrlValidator redirects,
    CredentialChecker authenticator,
    LoginSessions sessions,
    LoginFormProtection formProtection,
    IOptions<IdentityOptions> options,
    IOptions<LoginThrottleOptions> throttle,
    IEnumerable<ILoginButtons> buttons,
    AuditTrail audit,
    ILogger<LoginFlow> logger)
{
    public RedirectCheck CheckRedirect(string? redirectUrl)
    {
        var check = redirects.Check(redirectUrl);
        if (check.IsRefused)
        {
            LogRefusedRedirect(logger, redirectUrl);
        }

        return check;
    }

    public async Task<LoginOutcome> AuthenticateAsync(HttpContext context, string userName, string password)
    {
        var outcome = await authenticator.AuthenticateAsync(userName, password, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (outcome.Kind != LoginOutcomeKind.Success)
        {
            // A refusal has no provider that vouched: "password" stands for the form and Basic logins.
            audit.LoginRefused(context, "password", userName, outcome.Kind.ToString().ToLowerInvariant());
        }

        return outcome;
    }

    public async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> BasicLoginAsync(HttpContext context, RedirectCheck redirect)
    {
        if (!BasicCredentials.TryRead(context.Request, out var credentials))
        {
            return Rejection(context, IdentityProblemCodes.InvalidCredentials);
        }

        var outcome = await AuthenticateAsync(context, credentials.UserName, credentials.Password);
        return outcome.Kind switch
        {
            LoginOutcomeKind.Success => await CompleteAsync(context, outcome, redirect),
            LoginOutcomeKind.Locked => Rejection(context, IdentityProblemCodes.LoginLocked),
            LoginOutcomeKind.Unavailable => Unavailable(context),
            _ => Rejection(context, IdentityProblemCodes.InvalidCredentials),
        };
    }

    public async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> CompleteAsync(HttpContext context, LoginOutcome outcome, RedirectCheck redirect)
    {
        await sessions.StartAsync(context, outcome);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(redirect.Target ?? options.Value.DefaultLandingPath);
    }

    /// <summary>A bare 401 with the Basic challenge (RFC 7617 §2): the browser shows its own prompt.</summary>
    public ProblemHttpResult Challenge(HttpContext context)
    {
        AddChallenge(context);
        return TypedResults.Problem(title: "Authentication required.", statusCode: StatusCodes.Status401Unauthorized);
    }

    public async Task<ContentHttpResult> PageAsync(HttpContext context, string? redirectUrl, string? userName, string? errorCode, int status)
    {
        var token = await formProtection.IssueAsync(context);
        HtmlLayout.ApplyHeaders(context.Response, options.Value.AllowedRedirectOrigins);
        return LoginEndpoints.Html(LoginPage.Render(LoginFormProtection.FieldName, token, redirectUrl, userName, errorCode, buttons.SelectMany(b => b.For(redirectUrl))), status);
    }

    public ValueTask<LoginFormVerdict> CheckFormAsync(HttpContext context, string? token) => formProtection.CheckAsync(context, token);

    /// <summary>One body for unknown user, inactive user and wrong password; a lock is per name, existing or not.</summary>
    private ProblemHttpResult Rejection(HttpContext context, string code)
    {
        if (code == IdentityProblemCodes.LoginLocked)
        {
            context.Response.Headers.RetryAfter = throttle.Value.RetryAfterSeconds();
            return Problems.Result(PasswordGrantProblems.LoginLocked);
        }

        if (options.Value.LoginMode == LoginMode.Basic)
        {
            AddChallenge(context);
        }

        return Problems.Result(PasswordGrantProblems.InvalidCredentials);
    }

    /// <summary>A provider's backend is down: 503 with a stable code and a retry hint (STYLE.md §7), no challenge.</summary>
    internal static ProblemHttpResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problems.Result(PasswordGrantProblems.DirectoryUnavailable);
    }

    private void AddChallenge(HttpContext context)
        => context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Basic realm=\"{options.Value.Realm}\", charset=\"UTF-8\"";

    internal static ProblemHttpResult Problem(int status, string title, string code)
        => TypedResults.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Redirect target refused (" + IdentityProblemCodes.InvalidRedirectUrl + "): {RedirectUrl}")]
    private static partial void LogRefusedRedirect(ILogger logger, LogText redirectUrl);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Login form refused (" + IdentityProblemCodes.AntiforgeryFailed + ") from {ClientAddress}")]
    internal static partial void LogAntiforgeryFailed(ILogger logger, System.Net.IPAddress? clientAddress);
}
