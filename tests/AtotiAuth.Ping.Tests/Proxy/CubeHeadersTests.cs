using AtotiAuth.Ping.Proxy;
using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Tests.Proxy;

public sealed class CubeHeadersTests
{
    private readonly CubeHeaders _headers = new(Options.Create(new PingOptions { UserHeader = "X-Cube-User", RolesHeader = "X-Cube-Roles", SessionHeader = "X-Cube-Session" }));

    [Theory]
    [InlineData("X-Cube-User")]
    [InlineData("x-cube-user")]
    [InlineData("X-CUBE-ROLES")]
    [InlineData("X-Cube-Session")]
    [InlineData("X-AtotiAuth-User")]
    [InlineData("x-atotiauth-roles")]
    [InlineData("X-AtotiAuth-Anything")]
    [InlineData("X_AtotiAuth_User")]
    [InlineData("x_cube_user")]
    [InlineData("X-Cube_Roles")]
    [InlineData("X_ATOTIAUTH-SESSION")]
    [InlineData("Forwarded")]
    [InlineData("X-Forwarded-For")]
    [InlineData("x-forwarded-host")]
    [InlineData("X_Forwarded_Proto")]
    [InlineData("X-Forwarded-Prefix")]
    [InlineData("X-Original-For")]
    [InlineData("X-Real-IP")]
    public void IsSidecars_IdentityOrForwardingHeaderInAnySpelling_True(string name)
    {
        Assert.True(_headers.IsSidecars(name));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("Cookie")]
    [InlineData("X-Cube-Username")]
    [InlineData("X-Cube")]
    [InlineData("Forwarded-For")]
    [InlineData("X-Forwarder")]
    public void IsSidecars_OtherHeader_False(string name)
    {
        Assert.False(_headers.IsSidecars(name));
    }

    [Fact]
    public void StripFrom_SpoofedHeaders_RemovesThemKeepsTheRest()
    {
        var headers = new HeaderDictionary
        {
            ["X-Cube-User"] = "admin",
            ["x-atotiauth-roles"] = "ROLE_ADMIN",
            ["X_Forwarded_For"] = "10.0.0.1",
            ["Authorization"] = "Bearer t",
            ["Accept"] = "application/json",
        };

        var removed = _headers.StripFrom(headers);

        Assert.Equal(3, removed);
        Assert.Equal(["Authorization", "Accept"], headers.Keys.Order(StringComparer.Ordinal).Reverse());
    }

    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("José", "Jos%C3%A9")]
    [InlineData("eve\r\nX-Cube-Roles: ROLE_ADMIN", "eve%0D%0AX-Cube-Roles%3A%20ROLE_ADMIN")]
    [InlineData("a,b", "a%2Cb")]
    public void Encode_Value_PrintableAsciiOnly(string value, string expected)
    {
        Assert.Equal(expected, CubeHeaders.Encode(value));
    }

    [Theory]
    [InlineData(new[] { "ROLE_USER" }, "ROLE_USER")]
    [InlineData(new[] { "ROLE_USER", "ROLE_SHARE" }, "ROLE_USER,ROLE_SHARE")]
    [InlineData(new[] { "ROLE_USER", "a,b", "Rôle" }, "ROLE_USER,a%2Cb,R%C3%B4le")]
    [InlineData(new string[0], "")]
    public void AddIdentity_Caller_WritesEachIdentityHeaderOnce(string[] roles, string expected)
    {
        using var request = new HttpRequestMessage();

        _headers.AddIdentity(request, new AtotiAuthCaller("sid-1", "José", roles, DateTimeOffset.MaxValue));

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
        Assert.Equal(expected, CubeHeaders.WithoutCookie(header, "RISK"));
    }
}
