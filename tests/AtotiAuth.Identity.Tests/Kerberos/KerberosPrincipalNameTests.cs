using AtotiAuth.Identity.Kerberos;

namespace AtotiAuth.Identity.Tests.Kerberos;

public sealed class KerberosPrincipalNameTests
{
    [Theory]
    [InlineData("alice@EXAMPLE.COM", "alice", "EXAMPLE.COM")]
    [InlineData("alice", "alice", "")]
    [InlineData("HTTP/auth.example.com@EXAMPLE.COM", "HTTP/auth.example.com", "EXAMPLE.COM")]
    [InlineData("first.last\\@corp@EXAMPLE.COM", "first.last\\@corp", "EXAMPLE.COM")]
    [InlineData("alice@sub@EXAMPLE.COM", "alice@sub", "EXAMPLE.COM")]
    public void TryParse_Principal_SplitsNameAndRealmAtTheLastUnescapedAt(string text, string name, string realm)
    {
        Assert.True(KerberosPrincipalName.TryParse(text, out var principal));
        Assert.Equal((name, realm), (principal.Name, principal.Realm));
        Assert.Equal(text, principal.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@EXAMPLE.COM")]
    [InlineData("alice@")]
    [InlineData("alice\\")]
    [InlineData("ali\nce@EXAMPLE.COM")]
    public void TryParse_Malformed_False(string? text)
        => Assert.False(KerberosPrincipalName.TryParse(text, out _));

    [Theory]
    [InlineData("HTTP/auth.example.com", new[] { "HTTP", "auth.example.com" })]
    [InlineData("a\\/b/c", new[] { "a\\/b", "c" })]
    [InlineData("alice", new[] { "alice" })]
    public void Components_SplitOnUnescapedSlash(string name, string[] components)
    {
        Assert.True(KerberosPrincipalName.TryParse(name, out var principal));
        Assert.Equal(components, principal.Components);
    }
}
