using AtotiAuth.Shared.Grants;
using AtotiAuth.Identity.Kerberos;
using AtotiAuth.Identity.Redirects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// <c>GET/POST /login</c> and Atoti's <c>/login/index.html</c> (ATOTI-CONTRACT.md "Login and logout"):
/// the form, or the Basic challenge, and in every mode <c>Authorization: Basic</c> for scripts; with
/// Kerberos on, <c>Authorization: Negotiate</c> too, offered beside either (<see cref="KerberosLogin"/>).
/// </summary>
internal static partial class LoginEndpoints
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/login").AllowAnonymous().WithTags("Login").ExcludeFromDescription();
        group.MapGet("/", ShowAsync);
        group.MapGet("/index.html", ShowAsync);
        group.MapPost("/", SubmitAsync);
        return endpoints;
    }

    internal static async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> ShowAsync(
        HttpContext context, string? redirectUrl, LoginFlow flow, KerberosLogin kerberos, IOptions<IdentityOptions> options)
    {
        var redirect = flow.CheckRedirect(redirectUrl);
        if (kerberos.HasToken(context.Request))
        {
            return await kerberos.LoginAsync(context, flow, redirect);
        }

        if (BasicCredentials.IsPresent(context.Request))
        {
            return await flow.BasicLoginAsync(context, redirect);
        }

        if (kerberos.IsEnabled)
        {
            return await kerberos.OfferAsync(context, flow, redirect);
        }

        if (options.Value.LoginMode == LoginMode.Basic)
        {
            return flow.Challenge(context);
        }

        return await flow.PageAsync(context, redirect.Target, userName: null, redirect.IsRefused ? IdentityProblems.InvalidRedirectUrl : null, StatusCodes.Status200OK);
    }

    internal static async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        HttpContext context, LoginFlow flow, ILogger<LoginFlow> logger)
    {
        if (BasicCredentials.IsPresent(context.Request))
        {
            return await flow.BasicLoginAsync(context, flow.CheckRedirect(context.Request.Query["redirectUrl"]));
        }

        if (!context.Request.HasFormContentType)
        {
            return await flow.PageAsync(context, null, null, IdentityProblems.AntiforgeryFailed);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var redirect = flow.CheckRedirect(form["redirectUrl"]);
        switch (await flow.CheckFormAsync(context, form[LoginFormProtection.FieldName]))
        {
            case LoginFormVerdict.CrossSite:
                return await flow.PageAsync(context, redirect.Target, null, IdentityProblems.CrossSiteLogin);
            case LoginFormVerdict.TokenRefused:
                LoginFlow.LogAntiforgeryFailed(logger, context.Connection.RemoteIpAddress);
                return await flow.PageAsync(context, redirect.Target, null, IdentityProblems.AntiforgeryFailed);
        }

        var userName = form["username"].ToString();
        var outcome = await flow.AuthenticateAsync(context, userName, form["password"].ToString());
        return outcome.Kind switch
        {
            LoginOutcomeKind.Success => await flow.CompleteAsync(context, outcome, redirect),
            LoginOutcomeKind.Locked => await flow.PageAsync(context, redirect.Target, userName, PasswordGrantProblems.LoginLocked),
            LoginOutcomeKind.Unavailable => await flow.PageAsync(context, redirect.Target, userName, PasswordGrantProblems.DirectoryUnavailable),
            _ => await flow.PageAsync(context, redirect.Target, userName, PasswordGrantProblems.InvalidCredentials),
        };
    }

    internal static ContentHttpResult Html(string html, int status) => TypedResults.Content(html, HtmlContentType, statusCode: status);
}
