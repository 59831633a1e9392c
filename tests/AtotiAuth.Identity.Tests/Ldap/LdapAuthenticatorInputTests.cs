using AtotiAuth.Identity.Ldap;

namespace AtotiAuth.Identity.Tests.Ldap;

public sealed class LdapAuthenticatorInputTests
{
    [Theory]
    [InlineData("alice", "", "EmptyPassword")]
    [InlineData("alice", "pass\0word", "MalformedPassword")]
    [InlineData("", "pass", "MalformedUserName")]
    [InlineData("alice\n", "pass", "MalformedUserName")]
    [InlineData(" alice", "pass", "MalformedUserName")]
    [InlineData("alice", "pass", null)]
    [InlineData("*)(uid=*", "pass", null)]
    public void CheckInput_BeforeAnyBind_RefusesEmptyAndTruncatablePasswords(string userName, string password, string? expected)
        => Assert.Equal(expected, LdapAuthenticator.CheckInput(userName, password));
}
