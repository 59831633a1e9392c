using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Ping.Tests.Hosting;

public sealed class PingOptionsValidatorTests
{
    [Fact]
    public void Validate_SameSiteNoneWithoutSecure_FailsNamingTheKeys()
    {
        var result = new PingOptionsValidator().Validate(null, Valid(o => { o.CookieSameSite = SameSiteMode.None; o.CookieSecure = false; }));

        Assert.True(result.Failed);
        Assert.Contains("AtotiAuth:Ping:CookieSecure", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameHeaderTwice_Fails()
    {
        var result = new PingOptionsValidator().Validate(null, Valid(o => o.RolesHeader = "x-atotiauth-user"));

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new PingOptionsValidator().Validate(null, Valid(static _ => { })).Succeeded);
    }

    private static PingOptions Valid(Action<PingOptions> change)
    {
        var options = new PingOptions { CubeUrl = "http://127.0.0.1:9090", CubeId = "risk" };
        change(options);
        return options;
    }
}
