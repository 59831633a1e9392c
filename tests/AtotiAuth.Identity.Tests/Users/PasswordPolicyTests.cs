using AtotiAuth.Identity.Users;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Tests.Users;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new(Options.Create(new PasswordPolicyOptions()));

    [Theory]
    [InlineData("password")]
    [InlineData("PassWord")]
    [InlineData("12345678")]
    [InlineData("07021954")]
    public void IsCommon_ListedInAnyCase_True(string password) => Assert.True(PasswordPolicy.IsCommon(password));

    [Theory]
    [InlineData("correct-horse-battery-staple")]
    [InlineData("passwort-ü-2026")]
    [InlineData("")]
    public void IsCommon_NotListed_False(string password) => Assert.False(PasswordPolicy.IsCommon(password));

    [Fact]
    public void Check_CommonPassword_RefusedAsTooCommon()
        => Assert.StartsWith("is too common", Policy.Check("1QAZ2wsx3EDC", "someone"), StringComparison.Ordinal);

    [Fact]
    public void Check_UncommonPassword_Accepted()
        => Assert.Null(Policy.Check("a-long-and-rare-passphrase", "someone"));
}
