using AtotiAuth.Identity.Ldap;

namespace AtotiAuth.Identity.Tests.Ldap;

public sealed class LdapDnTests
{
    [Theory]
    [InlineData("", "dc=example,dc=com", "dc=example,dc=com")]
    [InlineData(null, "dc=example,dc=com", "dc=example,dc=com")]
    [InlineData("ou=people", "dc=example,dc=com", "ou=people,dc=example,dc=com")]
    [InlineData(" ou=a,ou=b ", "dc=example,dc=com", "ou=a,ou=b,dc=example,dc=com")]
    public void Combine_RelativeBase_PrefixesTheBaseDn(string? relative, string baseDn, string expected)
        => Assert.Equal(expected, LdapDn.Combine(relative, baseDn));

    [Theory]
    [InlineData("dc=example,dc=com", true)]
    [InlineData("cn=svc,ou=services,dc=example,dc=com", true)]
    [InlineData("cn=Smith\\, John,ou=people,dc=example,dc=com", true)]
    [InlineData("cn=a+uid=b,dc=example", true)]
    [InlineData("example.com", false)]
    [InlineData("dc=example,,dc=com", false)]
    [InlineData("=x,dc=com", false)]
    [InlineData("dc=", false)]
    [InlineData("dc=example\n,dc=com", false)]
    [InlineData("", false)]
    public void IsWellFormed_Dn_ChecksEveryRdn(string dn, bool expected)
        => Assert.Equal(expected, LdapDn.IsWellFormed(dn));
}
