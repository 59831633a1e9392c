using AtotiAuth.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Identity.Tests.Hosting;

public sealed class IdentityOptionsStartupTests
{
    [Theory]
    [InlineData("AtotiAuth:Identity:Cookie:SameSite", "None", "AtotiAuth:Identity:Cookie:Secure", "false", "AtotiAuth:Identity:Cookie:SameSite")]
    [InlineData("AtotiAuth:Session:CookieName", "__Host-ATOTIAUTH", "AtotiAuth:Identity:Cookie:Secure", "false", "'__Host-' cookie name")]
    [InlineData("AtotiAuth:Session:CookieName", "__Host-ATOTIAUTH", "AtotiAuth:Identity:Cookie:Domain", "example.com", "forbids AtotiAuth:Identity:Cookie:Domain")]
    [InlineData("AtotiAuth:Identity:AllowedRedirectOrigins:0", "https://ui.example.com/", "AtotiAuth:Identity:Realm", "R", "AtotiAuth:Identity:AllowedRedirectOrigins:0")]
    [InlineData("AtotiAuth:Identity:AllowedRedirectOrigins:0", "https://*.example.com", "AtotiAuth:Identity:Realm", "R", "AtotiAuth:Identity:AllowedRedirectOrigins:0")]
    [InlineData("AtotiAuth:Identity:DefaultLandingPath", "//evil.example", "AtotiAuth:Identity:Realm", "R", "AtotiAuth:Identity:DefaultLandingPath")]
    [InlineData("AtotiAuth:Identity:LogoutRedirectUrl", "https://evil.example/", "AtotiAuth:Identity:Realm", "R", "AtotiAuth:Identity:LogoutRedirectUrl")]
    [InlineData("AtotiAuth:Identity:Realm", "a\"b", "AtotiAuth:Identity:LoginMode", "Basic", "AtotiAuth:Identity:Realm")]
    [InlineData("AtotiAuth:Identity:Throttling:MaxFailuresPerUser", "0", "AtotiAuth:Identity:Realm", "R", "AtotiAuth:Identity:Throttling:MaxFailuresPerUser")]
    [InlineData("AtotiAuth:Identity:EmbeddedUi:RootPath", "/no/such/folder", "AtotiAuth:Identity:Realm", "R", "AtotiAuth:Identity:EmbeddedUi:RootPath")]
    public void Start_InsecureOrWrongSetting_RefusesNamingTheKey(string key1, string value1, string key2, string value2, string expected)
    {
        using var factory = new WebApplicationFactory<IdentityServiceMarker>().WithWebHostBuilder(b => b
            .UseSetting("AtotiAuth:Store:Redis", "127.0.0.1:1,connectTimeout=200")
            .UseSetting(key1, value1)
            .UseSetting(key2, value2));

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(expected, StartupFailure.AllMessages(error), StringComparison.Ordinal);
    }
}
