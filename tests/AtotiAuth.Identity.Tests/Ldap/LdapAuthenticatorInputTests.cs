using AtotiAuth.Identity.Ldap;

namespace AtotiAuth.Identity.Tests.Ldap;

public sealed class LdapAuthenticatorInputTests
{
    [Theory]
    [InlineData("", "EmptyPassword")]
    [InlineData("pass\0word", "MalformedPassword")]
    [InlineData("pass", null)]
    [InlineData("*)(uid=*", null)]
    public void CheckInput_BeforeAnyBind_RefusesEmptyAndTruncatablePasswords(string password, string? expected)
        => Assert.Equal(expected, LdapAuthenticator.CheckInput(password));
}
