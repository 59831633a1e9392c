using AtotiAuth.Identity.Redirects;

namespace AtotiAuth.Identity.Tests.Redirects;

public sealed class RedirectUrlValidatorTests
{
    private static readonly RedirectUrlValidator Validator = Create("https://ui.example.com", "http://localhost:3000");

    [Theory]
    [InlineData("/")]
    [InlineData("/ui/")]
    [InlineData("/ui/dashboards?id=42&view=grid#top")]
    [InlineData("/ui/a%20b")]
    [InlineData("https://ui.example.com")]
    [InlineData("https://ui.example.com/")]
    [InlineData("https://ui.example.com/path?q=1")]
    [InlineData("https://UI.Example.COM/path")]
    [InlineData("HTTPS://ui.example.com/path")]
    [InlineData("http://localhost:3000/#/dashboard")]
    public void Check_SafeTarget_IsAccepted(string value)
    {
        var check = Validator.Check(value);

        Assert.True(check.IsAccepted);
        Assert.Equal(value, check.Target);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("///evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/ui\\..\\evil")]
    [InlineData("https:evil.example")]
    [InlineData("https:/evil.example")]
    [InlineData("http://evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("https://ui.example.com@evil.example")]
    [InlineData("https://ui.example.com:pass@evil.example/")]
    [InlineData("https://ok@ui.example.com/")]
    [InlineData("https://ui.example.com.evil.example/")]
    [InlineData("https://ui.example.comevil.example/")]
    [InlineData("https://evil.example/https://ui.example.com")]
    [InlineData("https://ui.example.com:8443/")]
    [InlineData("http://ui.example.com/")]
    [InlineData("http://localhost:3001/")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/%2f%2fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%5cevil.example")]
    [InlineData("/%252F%252Fevil.example")]
    [InlineData("/ui/%0d%0aSet-Cookie:x=y")]
    [InlineData("/\tevil")]
    [InlineData("/\t/evil.example")]
    [InlineData("/ui/\nx")]
    [InlineData("/ui/\rx")]
    [InlineData("/ui/\0x")]
    [InlineData("/ui/ x")]
    [InlineData("https://ui.example.com/\tx")]
    [InlineData("https://ui.example.com\\@evil.example")]
    [InlineData("/ui/é")]
    [InlineData("ui/relative")]
    [InlineData("../evil")]
    [InlineData("?redirect=x")]
    [InlineData("#fragment")]
    public void Check_MaliciousTarget_IsRefused(string value)
    {
        var check = Validator.Check(value);

        Assert.False(check.IsAccepted);
        Assert.True(check.IsRefused);
        Assert.Null(check.Target);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Check_Absent_IsNeitherAcceptedNorRefused(string? value)
    {
        var check = Validator.Check(value);

        Assert.False(check.IsAccepted);
        Assert.False(check.IsRefused);
    }

    [Fact]
    public void Check_TooLong_IsRefused()
    {
        Assert.True(Validator.Check("/" + new string('a', 2048)).IsRefused);
    }

    [Theory]
    [InlineData("https://ui.example.com", true)]
    [InlineData("http://localhost:3000", true)]
    [InlineData("https://ui.example.com/", false)]
    [InlineData("https://ui.example.com/app", false)]
    [InlineData("https://*.example.com", false)]
    [InlineData("https://user@ui.example.com", false)]
    [InlineData("ftp://ui.example.com", false)]
    [InlineData("ui.example.com", false)]
    public void IsOrigin_ConfiguredValue_OnlyExactOrigins(string value, bool expected)
    {
        Assert.Equal(expected, RedirectUrlValidator.IsOrigin(value));
    }

    private static RedirectUrlValidator Create(params string[] origins)
    {
        var options = new IdentityOptions();
        foreach (var origin in origins)
        {
            options.AllowedRedirectOrigins.Add(origin);
        }

        return new RedirectUrlValidator(options);
    }
}
