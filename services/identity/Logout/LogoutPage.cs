using System.Text;
using AtotiAuth.Identity.Login;

namespace AtotiAuth.Identity.Logout;

/// <summary>Asks before ending a session when a foreign page sent the browser to <c>/logout</c>.</summary>
internal static class LogoutPage
{
    public static string Render(string? redirectUrl)
    {
        var body = new StringBuilder(512);
        body.Append("<h1 id=\"logout-title\">Sign out?</h1>\n")
            .Append("<p data-code=\"").Append(IdentityProblems.LogoutConfirmationRequired.Code)
            .Append("\">Another site sent you here to sign out. Sign out only if you meant to.</p>\n")
            .Append("<form method=\"post\" action=\"/logout\" aria-labelledby=\"logout-title\">\n");
        if (!string.IsNullOrEmpty(redirectUrl))
        {
            body.Append("<input type=\"hidden\" name=\"redirectUrl\" value=\"").Append(HtmlLayout.Encode(redirectUrl)).Append("\">\n");
        }

        body.Append("<button type=\"submit\">Sign out</button>\n</form>\n");
        return HtmlLayout.Render("Sign out", body.ToString());
    }
}
