using AtotiAuth.Identity.Logout;

namespace AtotiAuth.Identity.Tests.Logout;

public sealed class LogoutDecisionTests
{
    private const string Own = "https://auth.example.com";
    private static readonly string[] Trusted = ["https://ui.example.com"];

    [Theory]
    [InlineData("same-origin", "document", null, null)]
    [InlineData("none", "document", null, null)]
    [InlineData("cross-site", "document", null, "https://ui.example.com/dashboards")]
    [InlineData("same-site", "document", null, "https://ui.example.com/")]
    [InlineData("same-origin", "empty", null, null)]
    [InlineData(null, null, null, "https://auth.example.com/ui/")]
    [InlineData(null, null, null, "https://ui.example.com/")]
    public void Get_NavigationFromUs_Proceeds(string? site, string? dest, string? origin, string? referer)
    {
        Assert.Equal(LogoutVerdict.Proceed, Decide(false, site, dest, origin, referer));
    }

    [Theory]
    [InlineData("cross-site", "image")]
    [InlineData("same-origin", "image")]
    [InlineData("cross-site", "script")]
    [InlineData("cross-site", "style")]
    [InlineData("cross-site", "iframe")]
    [InlineData("cross-site", "frame")]
    [InlineData("cross-site", "object")]
    [InlineData("cross-site", "embed")]
    [InlineData("cross-site", "audio")]
    [InlineData("cross-site", "video")]
    [InlineData("cross-site", "font")]
    [InlineData("cross-site", "worker")]
    public void Get_SubresourceRequest_IsForbidden(string site, string dest)
    {
        Assert.Equal(LogoutVerdict.Forbid, Decide(false, site, dest, null, "https://ui.example.com/"));
    }

    [Theory]
    [InlineData("cross-site", "document", null)]
    [InlineData("cross-site", "document", "https://evil.example/page")]
    [InlineData("same-site", "document", "https://evil.example.com/")]
    [InlineData("cross-site", "document", "https://ui.example.com.evil.example/")]
    [InlineData("cross-site", "empty", "https://evil.example/")]
    [InlineData(null, null, null)]
    [InlineData(null, null, "https://evil.example/")]
    [InlineData(null, null, "not a url")]
    public void Get_CrossSiteNavigationWithoutTrustedReferer_AsksToConfirm(string? site, string? dest, string? referer)
    {
        Assert.Equal(LogoutVerdict.Confirm, Decide(false, site, dest, null, referer));
    }

    [Theory]
    [InlineData("https://auth.example.com", "same-origin")]
    [InlineData("https://ui.example.com", "cross-site")]
    [InlineData("https://UI.example.com", "cross-site")]
    [InlineData(null, "same-origin")]
    [InlineData(null, "none")]
    [InlineData(null, null)]
    public void Post_FromUsOrTrustedUi_Proceeds(string? origin, string? site)
    {
        Assert.Equal(LogoutVerdict.Proceed, Decide(true, site, "empty", origin, null));
    }

    [Theory]
    [InlineData("https://evil.example", "cross-site")]
    [InlineData("https://evil.example", null)]
    [InlineData("null", "cross-site")]
    [InlineData("https://ui.example.com.evil.example", "cross-site")]
    [InlineData("http://ui.example.com", "cross-site")]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    public void Post_FromForeignOrigin_IsForbidden(string? origin, string? site)
    {
        Assert.Equal(LogoutVerdict.Forbid, Decide(true, site, "document", origin, null));
    }

    private static LogoutVerdict Decide(bool post, string? site, string? dest, string? origin, string? referer)
        => LogoutDecision.Decide(new LogoutRequest(post, Own, site, dest, origin, referer), Trusted);
}
