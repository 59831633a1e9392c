using AtotiAuth.Identity.Roles;

namespace AtotiAuth.Identity.Tests.Roles;

public sealed class RoleResolverTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> NoMapping = [];

    [Theory]
    [InlineData(new[] { "ROLE_USER" }, new string[0], "ROLE_USER")]
    [InlineData(new[] { "ROLE_USER", "ROLE_SHARE" }, new string[0], "ROLE_SHARE,ROLE_USER")]
    [InlineData(new[] { "ROLE_USER", "ROLE_USER" }, new string[0], "ROLE_USER")]
    public void Combine_IndividualRoles_AreKept(string[] individual, string[] defaults, string expected)
    {
        var roles = RoleResolver.Combine(Request("alice"), individual, NoMapping, defaults);

        Assert.Equal(expected, string.Join(',', roles));
    }

    [Theory]
    [InlineData("ROLE_ATOTI_USER", "ROLE_ATOTI_USER", RoleKeyComparison.Ordinal, "ROLE_USER")]
    [InlineData("role_atoti_user", "ROLE_ATOTI_USER", RoleKeyComparison.UpperCase, "ROLE_USER")]
    [InlineData("ROLE_ATOTI_USER", "role_atoti_user", RoleKeyComparison.UpperCase, "ROLE_USER")]
    [InlineData("role_atoti_user", "ROLE_ATOTI_USER", RoleKeyComparison.Ordinal, "ROLE_DEFAULT")]
    public void Combine_ProviderRoleMapping_ComparesByMode(string providerRole, string key, RoleKeyComparison comparison, string expected)
    {
        var mapping = new Dictionary<string, IReadOnlyList<string>> { [key] = ["ROLE_USER"] };

        var roles = RoleResolver.Combine(Request("alice", comparison, providerRole), [], mapping, ["ROLE_DEFAULT"]);

        Assert.Equal(expected, string.Join(',', roles));
    }

    [Theory]
    [InlineData("inspire_m@test.com", "user:inspire_m@test.com", "ROLE_USER")]
    [InlineData("INSPIRE_M@TEST.COM", "user:inspire_m@test.com", "ROLE_DEFAULT")]
    [InlineData("ROLE_ATOTI_USER", "ROLE_ATOTI_USER", "ROLE_DEFAULT")]
    [InlineData("user:x", "user:x", "ROLE_DEFAULT")]
    public void Combine_UserNameMappingKey_MatchesOnlyItsUserExactly(string userName, string key, string expected)
    {
        var mapping = new Dictionary<string, IReadOnlyList<string>> { [key] = ["ROLE_USER"] };

        var roles = RoleResolver.Combine(Request(userName, RoleKeyComparison.UpperCase), [], mapping, ["ROLE_DEFAULT"]);

        Assert.Equal(expected, string.Join(',', roles));
    }

    [Fact]
    public void Combine_IndividualAndMapped_AreUnited()
    {
        var mapping = new Dictionary<string, IReadOnlyList<string>> { ["ANALYSTS"] = ["ROLE_SHARE"], ["OTHERS"] = ["ROLE_ADMIN"] };

        var roles = RoleResolver.Combine(Request("alice", RoleKeyComparison.Ordinal, "ANALYSTS"), ["ROLE_USER"], mapping, ["ROLE_DEFAULT"]);

        Assert.Equal(["ROLE_SHARE", "ROLE_USER"], roles);
    }

    [Theory]
    [InlineData(new[] { "ROLE_USER" }, false, "ROLE_USER")]
    [InlineData(new string[0], true, "ROLE_SHARE")]
    [InlineData(new string[0], false, "ROLE_DEFAULT")]
    public void Combine_DefaultRoles_OnlyWhenIndividualAndMappedAreEmpty(string[] individual, bool mapped, string expected)
    {
        var mapping = new Dictionary<string, IReadOnlyList<string>> { ["GROUP"] = ["ROLE_SHARE"] };
        var providerRoles = mapped ? new[] { "GROUP" } : [];

        var roles = RoleResolver.Combine(Request("alice", RoleKeyComparison.Ordinal, providerRoles), individual, mapping, ["ROLE_DEFAULT"]);

        Assert.Equal(expected, string.Join(',', roles));
    }

    [Fact]
    public void Combine_NothingAtAll_IsEmpty()
    {
        var roles = RoleResolver.Combine(Request("alice"), [], NoMapping, []);

        Assert.Empty(roles);
    }

    [Theory]
    [InlineData(UserNameCaseConversion.None, "Alice.Smith", "Alice.Smith")]
    [InlineData(UserNameCaseConversion.Upper, "Alice.Smith", "ALICE.SMITH")]
    [InlineData(UserNameCaseConversion.Lower, "Alice.Smith", "alice.smith")]
    public void CaseConversion_Apply_ConvertsAsConfigured(UserNameCaseConversion conversion, string input, string expected)
    {
        Assert.Equal(expected, conversion.Apply(input));
    }

    private static RoleResolutionRequest Request(string userName, RoleKeyComparison comparison = RoleKeyComparison.Ordinal, params string[] providerRoles)
        => new("ldap", userName, providerRoles, comparison);
}
