using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;

namespace AtotiAuth.Identity.Login;

/// <summary>The login form. The error area is a live region, so screen readers announce a failed login.</summary>
internal static class LoginPage
{
    public static string Render(string tokenField, string token, string? redirectUrl, string? userName, ProblemCode? error, IEnumerable<LoginButton>? buttons = null)
    {
        // One builder for the frame and the form, sized for both: the page is built once, never copied.
        var body = HtmlLayout.Begin("Sign in", 1536);
        body.Append("<h1 id=\"login-title\">Sign in</h1>\n");
        body.Append("<div id=\"login-error\" role=\"alert\" aria-live=\"assertive\">");
        if (error is not null)
        {
            body.Append("<p class=\"error\" data-code=\"").Append(HtmlLayout.Encode(error.Code)).Append("\">")
                .Append(HtmlLayout.Encode(Message(error))).Append("</p>");
        }

        body.Append("</div>\n");
        body.Append("<form method=\"post\" action=\"/login\" aria-labelledby=\"login-title\">\n");
        body.Append("<input type=\"hidden\" name=\"").Append(HtmlLayout.Encode(tokenField))
            .Append("\" value=\"").Append(HtmlLayout.Encode(token)).Append("\">\n");
        if (!string.IsNullOrEmpty(redirectUrl))
        {
            body.Append("<input type=\"hidden\" name=\"redirectUrl\" value=\"").Append(HtmlLayout.Encode(redirectUrl)).Append("\">\n");
        }

        body.Append("<label for=\"username\">User name</label>\n")
            .Append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" required")
            .Append(string.IsNullOrEmpty(userName) ? " autofocus" : "").Append(" value=\"").Append(HtmlLayout.Encode(userName)).Append("\">\n")
            .Append("<label for=\"password\">Password</label>\n")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required")
            .Append(string.IsNullOrEmpty(userName) ? "" : " autofocus").Append(">\n")
            .Append("<button type=\"submit\">Sign in</button>\n</form>\n");

        // Single sign-on providers (OIDC) add their buttons here.
        body.Append("<nav class=\"providers\" aria-label=\"Other ways to sign in\">");
        foreach (var button in buttons ?? [])
        {
            body.Append("<a class=\"provider\" href=\"").Append(HtmlLayout.Encode(button.Href)).Append("\">").Append(HtmlLayout.Encode(button.Label)).Append("</a>");
        }

        body.Append("</nav>\n");
        return HtmlLayout.End(body);
    }

    /// <summary>What the page tells people; the code beside it is the table's.</summary>
    public static string Message(ProblemCode error) => Messages.GetValueOrDefault(error, "Sign-in failed.");

    private static readonly Dictionary<ProblemCode, string> Messages = new()
    {
        [PasswordGrantProblems.InvalidCredentials] = "The user name or password is incorrect.",
        [PasswordGrantProblems.LoginLocked] = "Too many failed attempts. Wait a few minutes, then try again.",
        [PasswordGrantProblems.DirectoryUnavailable] = "The directory cannot be reached right now. Please try again in a moment.",
        [IdentityProblems.InvalidRedirectUrl] = "The page that sent you here asked to return to an address that is not allowed. After signing in you will go to the start page instead.",
        [IdentityProblems.AntiforgeryFailed] = "The form expired or was not sent by this page. Please sign in again.",
        [IdentityProblems.CrossSiteLogin] = "This sign-in form was sent from another site. Sign in from this page instead.",
    };
}
