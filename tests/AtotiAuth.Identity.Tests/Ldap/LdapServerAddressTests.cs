using AtotiAuth.Identity.Ldap;

namespace AtotiAuth.Identity.Tests.Ldap;

public sealed class LdapServerAddressTests
{
    [Theory]
    [InlineData("ldap://dir.example.com", "dir.example.com", 389, false)]
    [InlineData("ldaps://dir.example.com", "dir.example.com", 636, true)]
    [InlineData("ldap://127.0.0.1:10389/", "127.0.0.1", 10389, false)]
    [InlineData("ldaps://dir:1636", "dir", 1636, true)]
    public void TryParse_LdapUrl_HostPortAndTls(string url, string host, int port, bool secure)
    {
        Assert.True(LdapServerAddress.TryParse(url, out var server));
        Assert.Equal(new LdapServerAddress(host, port, secure), server);
    }

    [Theory]
    [InlineData("http://dir.example.com")]
    [InlineData("ldap://user@dir.example.com")]
    [InlineData("ldap://dir.example.com/dc=example,dc=com")]
    [InlineData("ldap://dir.example.com?uid")]
    [InlineData("dir.example.com:389")]
    public void TryParse_NotAServerUrl_Refused(string url)
        => Assert.False(LdapServerAddress.TryParse(url, out _));

    [Fact]
    public void ParseAll_SeveralUrls_KeepsTheFailOverOrder()
        => Assert.Equal(
            [new LdapServerAddress("a", 389, false), new LdapServerAddress("b", 636, true), new LdapServerAddress("c", 389, false)],
            LdapServerAddress.ParseAll("ldap://a ldaps://b, ldap://c"));
}
