using AtotiAuth.Identity.Ldap;

namespace AtotiAuth.Identity.Tests.Ldap;

public sealed class LdapFilterTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("*", "\\2a")]
    [InlineData("*)(uid=*", "\\2a\\29\\28uid=\\2a")]
    [InlineData("alice)(|(uid=*", "alice\\29\\28|\\28uid=\\2a")]
    [InlineData("\\2a", "\\5c2a")]
    [InlineData("a\0b", "a\\00b")]
    [InlineData("a\r\nb", "a\\0d\\0ab")]
    [InlineData("Zoë 日本", "Zoë 日本")]
    public void Escape_SpecialCharacters_BecomeHexPairs(string value, string expected)
        => Assert.Equal(expected, LdapFilter.Escape(value));

    [Fact]
    public void Format_Template_ReplacesEveryPlaceholderWithTheEscapedValue()
        => Assert.Equal("(|(uid=a\\2a)(mail=a\\2a))", LdapFilter.Format("(|(uid={0})(mail={0}))", "a*"));

    [Fact]
    public void Format_TemplateWithOtherBraces_KeepsThem()
        => Assert.Equal("(description={x}bob)", LdapFilter.Format("(description={x}{0})", "bob"));

    [Fact]
    public void AnyOf_SeveralValues_OrFilterOfEscapedValues()
        => Assert.Equal("(|(member=cn=a\\28x\\29)(member=cn=b))", LdapFilter.AnyOf("(member={0})", ["cn=a(x)", "cn=b"]));

    [Fact]
    public void AnyOf_OneValue_PlainFilter()
        => Assert.Equal("(member=cn=a)", LdapFilter.AnyOf("(member={0})", ["cn=a"]));

    [Theory]
    [InlineData("(uid={0})", true)]
    [InlineData("(&(objectClass=person)(uid={0}))", true)]
    [InlineData("uid={0}", false)]
    [InlineData("(uid={0})(cn={0})", false)]
    [InlineData("(uid={0}", false)]
    [InlineData("(uid=x)", false)]
    [InlineData("", false)]
    [InlineData("(uid={0})\n", false)]
    public void IsWellFormed_Template_ChecksParenthesesAndPlaceholder(string template, bool expected)
        => Assert.Equal(expected, LdapFilter.IsWellFormed(template, needsPlaceholder: true));
}
