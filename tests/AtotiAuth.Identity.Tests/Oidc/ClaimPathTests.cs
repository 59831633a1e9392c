using System.Text.Json;
using AtotiAuth.Identity.Oidc;

namespace AtotiAuth.Identity.Tests.Oidc;

public sealed class ClaimPathTests
{
    private const string Claims = """
        {
          "sub": "alice",
          "https://example.com/roles": ["ROLE_ATOTI_USER", "ROLE_X"],
          "realm_access": { "roles": ["ROLE_ATOTI_ADMIN"] },
          "resource_access": { "my.app": { "roles": ["app-user"] } },
          "groups": "single-group",
          "a.b": "literal wins",
          "a": { "b": "nested" },
          "numbers": [1, true, {"x": 1}]
        }
        """;

    [Theory]
    [InlineData("https://example.com/roles", "ROLE_ATOTI_USER,ROLE_X")]
    [InlineData("realm_access.roles", "ROLE_ATOTI_ADMIN")]
    [InlineData("resource_access.my.app.roles", "app-user")]
    [InlineData("groups", "single-group")]
    [InlineData("a.b", "literal wins")]
    [InlineData("numbers", "1,True")]
    [InlineData("missing", "")]
    [InlineData("realm_access.missing", "")]
    [InlineData("sub.roles", "")]
    [InlineData("realm_access.", "")]
    public void ReadValues_NameOrDottedPath_FindsTheClaim(string path, string expected)
    {
        using var json = JsonDocument.Parse(Claims);

        var values = ClaimPath.ReadValues(json.RootElement, path);

        Assert.Equal(expected, string.Join(',', values));
    }

    [Fact]
    public void ReadString_ArrayClaim_ReturnsNull()
    {
        using var json = JsonDocument.Parse(Claims);

        Assert.Null(ClaimPath.ReadString(json.RootElement, "https://example.com/roles"));
        Assert.Equal("alice", ClaimPath.ReadString(json.RootElement, "sub"));
    }

    [Fact]
    public void ClaimSet_UserInfo_WinsForNamesAndAddsRoles()
    {
        var claims = OidcClaimSet.FromJson(
            """{"sub":"u1","sid":"s1","email":"id@example.com","roles":["A"]}""",
            """{"sub":"u1","email":"info@example.com","roles":["B"]}""");

        Assert.Equal("info@example.com", claims.ReadString("email"));
        Assert.Equal(["A", "B"], claims.ReadRoles(["roles"]));
        Assert.Equal("s1", claims.SessionId);
    }
}
