using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
            return Rejection(context, PasswordGrantProblems.InvalidCredentials);
        }

        var outcome = await AuthenticateAsync(context, credentials.UserName, credentials.Password);
        return outcome.Kind switch
        {
            LoginOutcomeKind.Success => await CompleteAsync(context, outcome, redirect),
            LoginOutcomeKind.Locked => Rejection(context, PasswordGrantProblems.LoginLocked),
            LoginOutcomeKind.Unavailable => Unavailable(context),
            _ => Rejection(context, PasswordGrantProblems.InvalidCredentials),
        };
    }

    public async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> CompleteAsync(HttpContext context, LoginOutcome outcome, RedirectCheck redirect)
    {
        await sessions.StartAsync(context, outcome);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(redirect.Target ?? options.Value.DefaultLandingPath);
    }

    /// <summary>A 401 <c>missing_credentials</c> with the Basic challenge (RFC 7617 §2): the browser shows its own prompt.</summary>
    public ProblemHttpResult Challenge(HttpContext context)
    {
        Problems.AddHeaders(context.Response, CommonProblems.MissingCredentials, BasicChallenge(options.Value));
        return Problems.Result(CommonProblems.MissingCredentials);
    }

    /// <summary>The login form, with <paramref name="error"/> shown; answered with its status unless <paramref name="status"/> says otherwise.</summary>
    public async Task<ContentHttpResult> PageAsync(HttpContext context, string? redirectUrl, string? userName, ProblemCode? error, int? status = null)
    {
        var token = await formProtection.IssueAsync(context);
        HtmlLayout.ApplyHeaders(context.Response, options.Value.AllowedRedirectOrigins);
        return LoginEndpoints.Html(LoginPage.Render(LoginFormProtection.FieldName, token, redirectUrl, userName, error, buttons.SelectMany(b => b.For(redirectUrl))), status ?? error?.Status ?? StatusCodes.Status200OK);
    }

    public ValueTask<LoginFormVerdict> CheckFormAsync(HttpContext context, string? token) => formProtection.CheckAsync(context, token);

    /// <summary>One body for unknown user, inactive user and wrong password; a lock is per name, existing or not.</summary>
    private ProblemHttpResult Rejection(HttpContext context, ProblemCode problem)
    {
        if (problem == PasswordGrantProblems.LoginLocked)
        {
            context.Response.Headers.RetryAfter = throttle.Value.RetryAfterSeconds();
        }

        Problems.AddHeaders(context.Response, problem, options.Value.LoginMode == LoginMode.Basic ? BasicChallenge(options.Value) : null);
        return Problems.Result(problem);
    }

    /// <summary>A provider's backend is down: 503 with a stable code and a retry hint (STYLE.md §7), no challenge.</summary>
    internal static ProblemHttpResult Unavailable(HttpContext context)
    {
        Problems.AddHeaders(context.Response, PasswordGrantProblems.DirectoryUnavailable);
        return Problems.Result(PasswordGrantProblems.DirectoryUnavailable);
    }

    /// <summary>The Basic challenge of the login and the admin API (RFC 7617 §2.1).</summary>
    internal static string BasicChallenge(IdentityOptions options) => $"Basic realm=\"{options.Realm}\", charset=\"UTF-8\"";

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Redirect target refused (invalid_redirect_url): {RedirectUrl}")]
    private static partial void LogRefusedRedirect(ILogger logger, LogText redirectUrl);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Login form refused (antiforgery_failed) from {ClientAddress}")]
    internal static partial void LogAntiforgeryFailed(ILogger logger, System.Net.IPAddress? clientAddress);
}
