using AtotiAuth.Ping.Authentication;
using AtotiAuth.Ping.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Tests.Proxy;

public sealed class IdentityHeadersTests
{
    private readonly IdentityHeaders _headers = new(Options.Create(new PingOptions { UserHeader = "X-Cube-User", RolesHeader = "X-Cube-Roles", SessionHeader = "X-Cube-Session" }));

    [Theory]
    [InlineData("X-Cube-User")]
    [InlineData("x-cube-user")]
    [InlineData("X-CUBE-ROLES")]
    [InlineData("X-Cube-Session")]
    [InlineData("X-AtotiAuth-User")]
    [InlineData("x-atotiauth-roles")]
    [InlineData("X-AtotiAuth-Anything")]
    public void IsReserved_IdentityHeader_True(string name)
    {
        Assert.True(_headers.IsReserved(name));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("Cookie")]
    [InlineData("X-Cube-Username")]
    [InlineData("X-Forwarded-For")]
    public void IsReserved_OtherHeader_False(string name)
    {
        Assert.False(_headers.IsReserved(name));
    }

    [Fact]
    public void StripFrom_SpoofedHeaders_RemovesThemKeepsTheRest()
    {
        var headers = new HeaderDictionary
        {
            ["X-Cube-User"] = "admin",
            ["x-atotiauth-roles"] = "ROLE_ADMIN",
            ["Authorization"] = "Bearer t",
            ["Accept"] = "application/json",
        };

        var removed = _headers.StripFrom(headers);

        Assert.Equal(2, removed);
        Assert.Equal(["Authorization", "Accept"], headers.Keys.Order(StringComparer.Ordinal).Reverse());
    }

    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("José", "Jos%C3%A9")]
    [InlineData("eve\r\nX-Cube-Roles: ROLE_ADMIN", "eve%0D%0AX-Cube-Roles%3A%20ROLE_ADMIN")]
    [InlineData("a,b", "a%2Cb")]
    public void Encode_Value_PrintableAsciiOnly(string value, string expected)
    {
        Assert.Equal(expected, IdentityHeaders.Encode(value));
    }

    [Theory]
    [InlineData(new[] { "ROLE_USER" }, "ROLE_USER")]
    [InlineData(new[] { "ROLE_USER", "ROLE_SHARE" }, "ROLE_USER,ROLE_SHARE")]
    [InlineData(new[] { "ROLE_USER", "a,b", "Rôle" }, "ROLE_USER,a%2Cb,R%C3%B4le")]
    [InlineData(new string[0], "")]
    public void AddTo_Caller_WritesEachIdentityHeaderOnce(string[] roles, string expected)
    {
        using var request = new HttpRequestMessage();

        _headers.AddTo(request, new SidecarCaller("sid-1", "José", roles, DateTimeOffset.MaxValue));

        Assert.Equal("Jos%C3%A9", Assert.Single(request.Headers.GetValues("X-Cube-User")));
        Assert.Equal(expected, Assert.Single(request.Headers.GetValues("X-Cube-Roles")));
        Assert.Equal("sid-1", Assert.Single(request.Headers.GetValues("X-Cube-Session")));
    }

    [Theory]
    [InlineData("RISK=abc; other=1", "other=1")]
    [InlineData("other=1; RISK=abc; more=2", "other=1; more=2")]
    [InlineData("RISK=abc", null)]
    [InlineData("RISK_OLD=abc", "RISK_OLD=abc")]
    [InlineData("other=RISK", "other=RISK")]
    public void WithoutCookie_Header_DropsOnlyTheSidecarsCookie(string header, string? expected)
    {
        Assert.Equal(expected, IdentityHeaders.WithoutCookie(header, "RISK"));
    }
}
